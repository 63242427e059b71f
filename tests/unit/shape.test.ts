import { describe, expect, it } from "vitest";
import { convOutputSize, convTransposeOutputSize, equivalentConvolution, summaryTable, transposeConvChoices } from "../../src";

describe("convOutputSize (section 7)", () => {
  it("computes o = floor((i + 2p - k) / s) + 1 and shows the numbers", () => {
    expect(convOutputSize({ i: 5, k: 3, s: 2, p: 1 })).toEqual({
      size: 3,
      symbolic: "o = ⌊(i + 2p - k) / s⌋ + 1",
      formula: "o = ⌊(5 + 2·1 - 3) / 2⌋ + 1 = 3",
    });
    // The floor matters: 6 and 5 both give 3.
    expect(convOutputSize({ i: 6, k: 3, s: 2, p: 1 }).size).toBe(3);
    expect(convOutputSize({ i: 4, k: 4 }).formula).toBe("o = ⌊(4 + 2·0 - 4) / 1⌋ + 1 = 1");
  });

  it("includes dilation", () => {
    const r = convOutputSize({ i: 7, k: 3, d: 2 });
    expect(r.size).toBe(3);
    expect(r.formula).toBe("o = ⌊(7 + 2·0 - 2·(3 - 1) - 1) / 1⌋ + 1 = 3");
  });

  it("rejects bad parameters naming them", () => {
    expect(() => convOutputSize({ i: 2, k: 3 })).toThrow(
      /k must fit in the padded input, d·\(k - 1\) \+ 1 <= i \+ 2p = 2, got k = 3/,
    );
    expect(() => convOutputSize({ i: 5, k: 2, d: 5 })).toThrow(/dilated to 6/);
    expect(() => convOutputSize({ i: 0, k: 1 })).toThrow(/i must be an integer >= 1, got 0/);
    expect(() => convOutputSize({ i: 2.5, k: 1 })).toThrow(RangeError);
    expect(() => convOutputSize({ i: 4, k: 2, s: 0 })).toThrow(/s must be an integer >= 1, got 0/);
    expect(() => convOutputSize({ i: 4, k: 2, p: -1 })).toThrow(/p must be an integer >= 0, got -1/);
    expect(() => convOutputSize({ i: 4, k: 2, d: 0 })).toThrow(/d must be an integer >= 1/);
    expect(() => convOutputSize({ i: "4", k: 2 } as never)).toThrow(TypeError);
    expect(() => convOutputSize({ k: 2 } as never)).toThrow(/i must be an integer >= 1, got undefined/);
    expect(() => convOutputSize({ i: 4, k: 2, outputPadding: 1 } as never)).toThrow(/unknown option 'outputPadding'/);
    expect(() => convOutputSize(undefined as never)).toThrow(/params must be an object/);
  });
});

describe("convTransposeOutputSize (section 7)", () => {
  it("computes o = (i - 1)s + k - 2p: the erratum case gives 3, not 4", () => {
    expect(convTransposeOutputSize({ i: 2, k: 3, s: 2, p: 1 })).toEqual({
      size: 3,
      symbolic: "o = (i - 1)·s + k - 2p",
      formula: "o = (2 - 1)·2 + 3 - 2·1 = 3",
    });
  });

  it("gives the article's other sizes", () => {
    expect(convTransposeOutputSize({ i: 2, k: 2 }).size).toBe(3); // section 3
    expect(convTransposeOutputSize({ i: 2, k: 2, s: 2 }).size).toBe(4); // section 4
    expect(convTransposeOutputSize({ i: 2, k: 2, p: 1 }).size).toBe(1); // section 5, [[4]]
    expect(convTransposeOutputSize({ i: 3, k: 3, s: 2, p: 1 }).size).toBe(5); // section 6
    expect(convTransposeOutputSize({ i: 3, k: 3, s: 2 }).formula).toBe("o = (3 - 1)·2 + 3 - 2·0 = 7"); // section 8
  });

  it("adds output padding and dilation (PyTorch's general formula)", () => {
    expect(convTransposeOutputSize({ i: 2, k: 3, s: 2, p: 1, outputPadding: 1 })).toEqual({
      size: 4,
      symbolic: "o = (i - 1)·s + k - 2p + a",
      formula: "o = (2 - 1)·2 + 3 - 2·1 + 1 = 4",
    });
    expect(convTransposeOutputSize({ i: 3, k: 3, s: 1, p: 0, d: 2, outputPadding: 1 })).toEqual({
      size: 8,
      symbolic: "o = (i - 1)·s - 2p + d·(k - 1) + a + 1",
      formula: "o = (3 - 1)·1 - 2·0 + 2·(3 - 1) + 1 + 1 = 8",
    });
  });

  it("rejects output padding >= max(stride, dilation) and padding that crops everything", () => {
    expect(() => convTransposeOutputSize({ i: 2, k: 3, s: 2, outputPadding: 2 })).toThrow(
      /outputPadding must be smaller than the stride or the dilation \(< 2\), got 2/,
    );
    expect(() => convTransposeOutputSize({ i: 2, k: 3, s: 1, outputPadding: 1 })).toThrow(/< 1\), got 1/);
    expect(() => convTransposeOutputSize({ i: 2, k: 2, p: 2 })).toThrow(
      /p must leave at least one pixel of the uncropped 3-pixel output, 2p < 3, got p = 2/,
    );
    expect(() => convTransposeOutputSize({ i: 2, k: 2, outputPadding: -1 })).toThrow(
      /outputPadding must be an integer >= 0, got -1/,
    );
  });
});

describe("transposeConvChoices", () => {
  it("lists every (k, s, p, outputPadding) that takes i to o, each satisfying the formula", () => {
    const choices = transposeConvChoices({ i: 3, o: 5 });
    expect(choices).toContainEqual({ k: 3, s: 2, p: 1, outputPadding: 0, formula: "o = (3 - 1)·2 + 3 - 2·1 + 0 = 5" });
    expect(choices).toContainEqual(expect.objectContaining({ k: 3, s: 1, p: 0, outputPadding: 0 }));
    expect(choices).toContainEqual(expect.objectContaining({ k: 2, s: 2, p: 1, outputPadding: 1 }));
    for (const c of choices) {
      expect(c.outputPadding).toBeLessThan(c.s);
      expect(convTransposeOutputSize({ i: 3, k: c.k, s: c.s, p: c.p, outputPadding: c.outputPadding }).size).toBe(5);
    }
    // Exhaustive: brute force over the same bounds finds the same count.
    let count = 0;
    for (let s = 1; s <= 4; s++) {
      for (let k = 1; k <= 7; k++) {
        for (let p = 0; p <= 3; p++) {
          for (let a = 0; a < s; a++) if ((3 - 1) * s + k - 2 * p + a === 5) count++;
        }
      }
    }
    expect(choices.length).toBe(count);
  });

  it("respects the bounds and is sorted by stride then kernel", () => {
    const choices = transposeConvChoices({ i: 4, o: 8, maxKernel: 4, maxStride: 2, maxPadding: 1 });
    expect(choices.map(({ k, s, p, outputPadding }) => [k, s, p, outputPadding])).toEqual([
      [1, 2, 0, 1],
      [2, 2, 0, 0],
      [3, 2, 1, 1],
      [4, 2, 1, 0],
    ]);
    expect(transposeConvChoices({ i: 4, o: 1, maxPadding: 0 })).toEqual([]);
  });

  it("rejects bad parameters", () => {
    expect(() => transposeConvChoices({ i: 3, o: 0 })).toThrow(/o must be an integer >= 1, got 0/);
    expect(() => transposeConvChoices({ i: 3, o: 5, maxStride: 0 })).toThrow(/maxStride must be an integer >= 1/);
    expect(() => transposeConvChoices({ i: 3, o: 5, maxPadding: -1 })).toThrow(/maxPadding must be an integer >= 0/);
    expect(() => transposeConvChoices({ i: 3, o: 5, k: 3 } as never)).toThrow(/unknown option 'k'/);
  });
});

describe("equivalentConvolution (section 6, Dumoulin & Visin 8-14)", () => {
  it("gives the article's numbers: 3x3 -> 5x5 stretched -> 7x7 padded -> 5x5 output", () => {
    const r = equivalentConvolution({ i: 3, k: 3, s: 2, p: 1 });
    expect(r).toMatchObject({ z: 1, pPrime: 1, sPrime: 1, a: 0, stretched: 5, padded: 7, output: 5, kernelRotated: true });
    expect(r.paddedSides).toEqual([1, 1, 1, 1]);
    expect(r.forward).toEqual({ i: 5, k: 3, s: 2, p: 1, o: 3 });
    expect(r.steps).toEqual([
      "z = s - 1 = 2 - 1 = 1",
      "p' = k - p - 1 = 3 - 1 - 1 = 1",
      "s' = 1",
      "insert 1 zero between pixels: (i - 1)·s + 1 = (3 - 1)·2 + 1 = 5",
      "pad by p' = 1 on every side: 5 + 2·1 = 7",
      "convolve with the kernel rotated 180° and stride 1: 7 - 3 + 1 = 5",
    ]);
  });

  it("puts output padding at the bottom/right only (relationship 14)", () => {
    const r = equivalentConvolution({ i: 2, k: 3, s: 2, p: 1, outputPadding: 1 });
    expect(r.paddedSides).toEqual([1, 1, 2, 2]);
    expect(r.output).toBe(4);
    expect(r.forward.o).toBe(2);
    expect(r.steps[4]).toBe("pad by p' = 1 on every side and a = 1 more at the bottom/right: 3 + 2·1 + 1 = 6");
  });

  it("matches the output-size formula and its forward convolution for small settings", () => {
    for (let i = 1; i <= 4; i++) {
      for (let k = 1; k <= 4; k++) {
        for (let s = 1; s <= 3; s++) {
          for (let p = 0; p < k; p++) {
            for (let a = 0; a < s; a++) {
              const o = (i - 1) * s + k - 2 * p + a;
              if (o < 1) continue;
              const r = equivalentConvolution({ i, k, s, p, outputPadding: a });
              expect(r.output).toBe(convTransposeOutputSize({ i, k, s, p, outputPadding: a }).size);
              if (r.output + 2 * p >= k) expect(convOutputSize({ i: r.output, k, s, p }).size).toBe(i);
            }
          }
        }
      }
    }
  });

  it("allows p > k - 1 (negative p' crops) but not cropping everything", () => {
    expect(equivalentConvolution({ i: 4, k: 2, s: 2, p: 2 })).toMatchObject({ pPrime: -1, stretched: 7, padded: 5, output: 4 });
    expect(() => equivalentConvolution({ i: 1, k: 2, p: 1 })).toThrow(
      /p must leave at least one output pixel, p <= 0, got p = 1/,
    );
    expect(() => equivalentConvolution({ i: 1, k: 2, d: 2 } as never)).toThrow(/unknown option 'd'/);
  });
});

describe("summaryTable (the article's side-by-side table)", () => {
  it("is symbolic without numbers", () => {
    const t = summaryTable();
    expect(t.columns.map((c) => c.title)).toEqual([
      "Convolution",
      "Operation",
      "Zero insertions",
      "Padding",
      "Stride",
      "Output size",
    ]);
    expect(t.rows[0]).toEqual({
      type: "convolution",
      operation: "downsampling",
      zeroInsertions: { symbolic: "0" },
      padding: { symbolic: "p" },
      stride: { symbolic: "s" },
      outputSize: { symbolic: "⌊(i + 2p - k) / s⌋ + 1" },
    });
    expect(t.rows[1]).toEqual({
      type: "transposed convolution",
      operation: "upsampling",
      zeroInsertions: { symbolic: "s - 1" },
      padding: { symbolic: "k - p - 1" },
      stride: { symbolic: "1" },
      outputSize: { symbolic: "(i - 1)·s + k - 2p" },
    });
    expect(t.note).toMatch(/needs the floor/);
    expect(t.params).toBeUndefined();
  });

  it("fills in the numbers of the section 6 example", () => {
    const t = summaryTable({ i: 3, k: 3, s: 2, p: 1 });
    expect(t.params).toEqual({ i: 3, k: 3, s: 2, p: 1 });
    expect(t.rows[0].outputSize).toEqual({ symbolic: "⌊(i + 2p - k) / s⌋ + 1", value: 2, filled: "⌊(3 + 2·1 - 3) / 2⌋ + 1 = 2" });
    expect(t.rows[1].zeroInsertions).toEqual({ symbolic: "s - 1", value: 1, filled: "2 - 1 = 1" });
    expect(t.rows[1].padding).toEqual({ symbolic: "k - p - 1", value: 1, filled: "3 - 1 - 1 = 1" });
    expect(t.rows[1].stride.value).toBe(1);
    expect(t.rows[1].outputSize).toEqual({ symbolic: "(i - 1)·s + k - 2p", value: 5, filled: "(3 - 1)·2 + 3 - 2·1 = 5" });
  });

  it("rejects bad numbers", () => {
    expect(() => summaryTable({ i: 3, k: 0 })).toThrow(/k must be an integer >= 1, got 0/);
    expect(() => summaryTable({ i: 3, k: 3, outputPadding: 1 } as never)).toThrow(/unknown option 'outputPadding'/);
    expect(() => summaryTable({ i: 1, k: 3 })).toThrow(/k must fit in the padded input/);
  });
});
