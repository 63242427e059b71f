import { describe, expect, it } from "vitest";
import {
  contributions,
  conv2d,
  convolutionMatrixExplanation,
  convTranspose2d,
  ones,
  overlapCounts,
  scatterSteps,
  tensor,
  zeroInsertionSteps,
} from "../../src";

const X = () =>
  tensor([
    [0, 1],
    [2, 3],
  ]);
const K = () =>
  tensor([
    [0, 1],
    [2, 3],
  ]);
const erratumX = () =>
  tensor([
    [1, 2],
    [3, 4],
  ]);
const erratumFull = [
  [1, 1, 3, 2, 2],
  [1, 1, 3, 2, 2],
  [4, 4, 10, 6, 6],
  [3, 3, 7, 4, 4],
  [3, 3, 7, 4, 4],
];

describe("scatterSteps", () => {
  it("walks the section 3 example: products, positions and running sums", () => {
    const e = scatterSteps(X(), K());
    expect(e.steps.map((s) => s.position)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(e.steps.map((s) => s.value)).toEqual([0, 1, 2, 3]);
    expect(e.steps.map((s) => s.product.toArray())).toEqual([
      [
        [0, 0],
        [0, 0],
      ],
      [
        [0, 1],
        [2, 3],
      ],
      [
        [0, 2],
        [4, 6],
      ],
      [
        [0, 3],
        [6, 9],
      ],
    ]);
    expect(e.steps.map((s) => s.fullOrigin)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(e.steps[1].runningOutput.toArray()).toEqual([
      [0, 0, 1],
      [0, 2, 3],
      [0, 0, 0],
    ]);
    expect(e.steps[2].runningFull.toArray()).toEqual([
      [0, 0, 1],
      [0, 4, 3],
      [4, 6, 0],
    ]);
    expect(e.output.toArray()).toEqual([
      [0, 0, 1],
      [0, 4, 6],
      [4, 12, 9],
    ]);
    expect(e.full.equals(e.output)).toBe(true);
    expect(e.steps[3].cells[0]).toEqual({ kernel: [0, 0], value: 0, full: [1, 1], output: [1, 1] });
    expect(e.outputWindow).toEqual({ top: 0, left: 0, height: 3, width: 3 });
  });

  it("moves the products by the stride (section 4)", () => {
    const e = scatterSteps(X(), K(), { stride: 2 });
    expect(e.steps.map((s) => s.fullOrigin)).toEqual([
      [0, 0],
      [0, 2],
      [2, 0],
      [2, 2],
    ]);
    expect(e.output.toArray()).toEqual([
      [0, 0, 0, 1],
      [0, 0, 2, 3],
      [0, 2, 0, 3],
      [4, 6, 6, 9],
    ]);
  });

  it("crops the padding from the full result (section 5)", () => {
    const e = scatterSteps(X(), K(), { padding: 1 });
    expect(e.output.toArray()).toEqual([[4]]);
    expect(e.full.toArray()).toEqual([
      [0, 0, 1],
      [0, 4, 6],
      [4, 12, 9],
    ]);
    expect(e.steps[0].outputOrigin).toEqual([-1, -1]);
    expect(e.steps[0].cells[0].output).toBeNull();
    expect(e.steps[0].cells[3].output).toEqual([0, 0]);
  });

  it("shows the erratum: crop p=1 from the 5x5 full result gives 3x3; output padding keeps a 4th row/column", () => {
    const k = ones([3, 3]);
    const e = scatterSteps(erratumX(), k, { stride: 2, padding: 1 });
    expect(e.full.toArray()).toEqual(erratumFull);
    expect(e.output.toArray()).toEqual([
      [1, 3, 2],
      [4, 10, 6],
      [3, 7, 4],
    ]);
    const a = scatterSteps(erratumX(), k, { stride: 2, padding: 1, outputPadding: 1 });
    expect(a.output.toArray()).toEqual([
      [1, 3, 2, 2],
      [4, 10, 6, 6],
      [3, 7, 4, 4],
      [3, 7, 4, 4],
    ]);
    expect(a.outputWindow).toEqual({ top: 1, left: 1, height: 4, width: 4 });
    // Keras 'same' crops [0, 0, 1, 1]: the odd one at the bottom/right.
    const keras = scatterSteps(erratumX(), k, { stride: 2, padding: [0, 0, 1, 1] });
    expect(keras.output.toArray()).toEqual([
      [1, 1, 3, 2],
      [1, 1, 3, 2],
      [4, 4, 10, 6],
      [3, 3, 7, 4],
    ]);
  });

  it("equals convTranspose2d with dilation and rectangular strides", () => {
    const x = tensor(
      [
        [1, -2, 3],
        [0.5, 4, -1],
      ],
      { dtype: "float64" },
    );
    const k = tensor(
      [
        [1, 2],
        [3, -4],
        [0.25, 1],
      ],
      { dtype: "float64" },
    );
    const options = {
      stride: [2, 3] as [number, number],
      dilation: [1, 2] as [number, number],
      padding: [1, 0] as [number, number],
      outputPadding: [1, 2] as [number, number],
    };
    const e = scatterSteps(x, k, options);
    expect(e.output.allClose(convTranspose2d(x, k, options), 0, 1e-12)).toBe(true);
    expect(e.steps[0].cells[1].full).toEqual([0, 2]);
  });

  it("rejects bad input naming the parameter", () => {
    expect(() => scatterSteps(X().reshape([1, 1, 2, 2]), K())).toThrow(
      /scatterSteps: x must be a 1-D \[L\] or 2-D \[H, W\] tensor, got shape \[1, 1, 2, 2\]/,
    );
    expect(() => scatterSteps(X(), [[1]] as never)).toThrow(/kernel must be a 2-D \[kh, kw\] Tensor/);
    expect(() => scatterSteps(X(), K(), { stride: 0 })).toThrow(/scatterSteps: stride must be/);
    expect(() => scatterSteps(X(), K(), { outputPadding: 1 })).toThrow(/outputPadding must be smaller than stride or dilation/);
    expect(() => scatterSteps(X(), K(), { padding: 2 })).toThrow(/padding must leave a non-empty output/);
    expect(() => scatterSteps(X(), K(), { groups: 1 } as never)).toThrow(/unknown option 'groups'/);
    expect(() => scatterSteps(ones([200, 200]), K())).toThrow(/small enough to explain step by step/);
  });
});

describe("zeroInsertionSteps", () => {
  it("shows the four steps of the section 6 example: 3x3 -> 5x5 -> 7x7 -> 5x5", () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    const e = zeroInsertionSteps(x, ones([3, 3]), { stride: 2, padding: 1 });
    expect(e.z).toEqual([1, 1]);
    expect(e.pPrime).toEqual([1, 1, 1, 1]);
    expect(e.sPrime).toBe(1);
    expect(e.stretched.toArray()).toEqual([
      [1, 0, 2, 0, 3],
      [0, 0, 0, 0, 0],
      [4, 0, 5, 0, 6],
      [0, 0, 0, 0, 0],
      [7, 0, 8, 0, 9],
    ]);
    expect(e.padded.shape).toEqual([7, 7]);
    expect(e.output.shape).toEqual([5, 5]);
    expect(e.windows).toHaveLength(25);
    expect(
      e.output.allClose(convTranspose2d(x.astype("float64"), ones([3, 3], { dtype: "float64" }), { stride: 2, padding: 1 })),
    ).toBe(true);
  });

  it("rotates the kernel (the step the article omits) and writes each dot product out", () => {
    const e = zeroInsertionSteps(X(), K());
    expect(e.rotatedKernel.toArray()).toEqual([
      [3, 2],
      [1, 0],
    ]);
    expect(e.pPrime).toEqual([1, 1, 1, 1]);
    expect(e.padded.toArray()).toEqual([
      [0, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 2, 3, 0],
      [0, 0, 0, 0],
    ]);
    expect(e.windows[0]).toMatchObject({ position: [0, 0], origin: [0, 0], dot: 0, formula: "0·3 + 0·2 + 0·1 + 0·0 = 0" });
    expect(e.windows[4].patch.toArray()).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(e.windows[4].formula).toBe("0·3 + 1·2 + 2·1 + 3·0 = 4");
    expect(e.output.toArray()).toEqual([
      [0, 0, 1],
      [0, 4, 6],
      [4, 12, 9],
    ]);
  });

  it("makes the output padding explicit at the bottom/right (erratum case)", () => {
    const e = zeroInsertionSteps(erratumX(), ones([3, 3]), { stride: 2, padding: 1, outputPadding: 1 });
    expect(e.pPrime).toEqual([1, 1, 1, 1]);
    expect(e.outputPadding).toEqual([1, 1]);
    expect(e.padding).toEqual([1, 1, 2, 2]);
    expect(e.padded.shape).toEqual([6, 6]);
    expect(e.output.toArray()).toEqual([
      [1, 3, 2, 2],
      [4, 10, 6, 6],
      [3, 7, 4, 4],
      [3, 7, 4, 4],
    ]);
  });

  it("crops when p' is negative and writes negative factors in brackets", () => {
    const x = tensor([
      [1, 2, 3],
      [3, -2, 5],
      [0, 1, 2],
    ]);
    const e = zeroInsertionSteps(
      x,
      tensor([
        [1, 2],
        [3, 4],
      ]),
      { stride: 2, padding: 2 },
    );
    expect(e.pPrime).toEqual([-1, -1, -1, -1]);
    expect(e.output.toArray()).toEqual(
      convTranspose2d(
        x,
        tensor([
          [1, 2],
          [3, 4],
        ]),
        { stride: 2, padding: 2 },
      ).toArray(),
    );
    expect(e.windows.some((w) => w.formula.includes("(-2)"))).toBe(true);
  });

  it("rejects bad input", () => {
    expect(() => zeroInsertionSteps(X(), K(), { dilation: 0 })).toThrow(/zeroInsertionSteps: dilation must be/);
    expect(() => zeroInsertionSteps(X(), ones([1, 2, 2]))).toThrow(
      /kernel must be a 2-D \[kh, kw\] tensor, got shape \[1, 2, 2\]/,
    );
  });
});

describe("contributions", () => {
  it("gives 0 + 2 + 2 + 0 = 4 for the centre of the section 3 example", () => {
    const c = contributions(X(), K(), {}, [1, 1]);
    expect(c.formula).toBe("0 + 2 + 2 + 0 = 4");
    expect(c.expanded).toBe("0·3 + 1·2 + 2·1 + 3·0 = 4");
    expect(c.sum).toBe(4);
    expect(c.terms.map((t) => [t.input.position, t.kernel.position])).toEqual([
      [
        [0, 0],
        [1, 1],
      ],
      [
        [0, 1],
        [1, 0],
      ],
      [
        [1, 0],
        [0, 1],
      ],
      [
        [1, 1],
        [0, 0],
      ],
    ]);
  });

  it("handles corners, stride, padding and negative products", () => {
    // A one-term sum is that term (the explainer then reads "y[0, 2] = 1", not "y[0, 2] = 1 = 1").
    expect(contributions(X(), K(), undefined, [0, 2]).formula).toBe("1");
    expect(contributions(X(), K(), undefined, [0, 2]).expanded).toBe("1·1 = 1");
    expect(contributions(X(), K(), undefined, [2, 1]).formula).toBe("6 + 6 = 12");
    expect(contributions(X(), K(), { stride: 2 }, [2, 2]).formula).toBe("0");
    expect(contributions(X(), K(), { padding: 1 }, [0, 0]).formula).toBe("0 + 2 + 2 + 0 = 4");
    const neg = contributions(tensor([[1, -2]]), tensor([[1, 1]]), {}, [0, 1]);
    expect(neg.formula).toBe("1 - 2 = -1");
    expect(neg.expanded).toBe("1·1 + (-2)·1 = -1");
    const none = contributions(X(), K(), { stride: 2, padding: 1, outputPadding: 1 }, [2, 2]);
    expect(none.terms.length).toBeGreaterThan(0);
    const empty = contributions(tensor([[1]]), tensor([[1]]), { stride: 2, outputPadding: 1 }, [1, 1]);
    expect(empty.terms).toEqual([]);
    expect(empty.formula).toBe("0 (no input pixel reaches this output pixel)");
  });

  it("rejects a position outside the output", () => {
    expect(() => contributions(X(), K(), {}, [3, 0])).toThrow(
      /contributions: position must be \[row, col\] inside the 3x3 output \(0 <= row < 3, 0 <= col < 3\), got \[3, 0\]/,
    );
    expect(() => contributions(X(), K(), {}, [0.5, 0] as never)).toThrow(RangeError);
    expect(() => contributions(X(), K(), {}, undefined as never)).toThrow(/position must be/);
  });
});

describe("overlapCounts", () => {
  it("shows the checkerboard when k is not divisible by s", () => {
    const c = overlapCounts({ inputSize: 3, kernelSize: 3, stride: 2, padding: 1 });
    expect(c.toArray()).toEqual([
      [1, 2, 1, 2, 1],
      [2, 4, 2, 4, 2],
      [1, 2, 1, 2, 1],
      [2, 4, 2, 4, 2],
      [1, 2, 1, 2, 1],
    ]);
    expect(c.dtype).toBe("float64");
  });

  it("is uniform inside when k is divisible by s", () => {
    const c = overlapCounts({ inputSize: 3, kernelSize: 4, stride: 2, padding: 1 });
    const rows = c.toArray() as number[][];
    expect(rows[0]).toEqual([1, 2, 2, 2, 2, 1]);
    expect(rows[2]).toEqual([2, 4, 4, 4, 4, 2]);
  });

  it("takes rectangular sizes and output padding", () => {
    const c = overlapCounts({ inputSize: [1, 2], kernelSize: [1, 3], stride: [1, 2], outputPadding: [0, 1] });
    expect(c.toArray()).toEqual([[1, 1, 2, 1, 1, 0]]);
  });

  it("rejects bad parameters", () => {
    expect(() => overlapCounts({ inputSize: 0, kernelSize: 3 })).toThrow(/overlapCounts: inputSize must be an integer >= 1/);
    expect(() => overlapCounts({ inputSize: 2, kernelSize: 3, stride: -1 })).toThrow(/overlapCounts: stride must be/);
    expect(() => overlapCounts({ inputSize: 2, kernelSize: 3, strides: 2 } as never)).toThrow(/unknown option 'strides'/);
    expect(() => overlapCounts(undefined as never)).toThrow(/params must be an object/);
  });
});

describe("convolutionMatrixExplanation", () => {
  it("labels C and C^T for a 3x3 input and a 2x2 kernel", () => {
    const k = tensor([
      [1, 2],
      [3, 4],
    ]);
    const e = convolutionMatrixExplanation([3, 3], k);
    expect(e.outputShape).toEqual([2, 2]);
    expect(e.C.shape).toEqual([4, 9]);
    expect(e.CT.shape).toEqual([9, 4]);
    expect(e.rowLabels).toEqual(["y(0,0)", "y(0,1)", "y(1,0)", "y(1,1)"]);
    expect(e.columnLabels[4]).toBe("x(1,1)");
    expect((e.C.toArray() as number[][])[0]).toEqual([1, 2, 0, 3, 4, 0, 0, 0, 0]);
    expect(e.CT.get(4, 3)).toBe(1);
    expect(e.rowPixels[3]).toEqual([1, 1]);
    expect(e.columnPixels[5]).toEqual([1, 2]);
  });

  it("C computes conv2d and C^T computes convTranspose2d", () => {
    const k = tensor(
      [
        [1, 2, -1],
        [0, 3, 1],
        [2, -2, 1],
      ],
      { dtype: "float64" },
    );
    const x = tensor(
      [
        [1, 2, 3, 4, 5],
        [0, 1, 0, 1, 0],
        [2, 2, 2, 2, 2],
        [5, 4, 3, 2, 1],
        [1, 0, 1, 0, 1],
      ],
      { dtype: "float64" },
    );
    const e = convolutionMatrixExplanation([5, 5], k, { stride: 2, padding: 1 });
    const times = (m: number[][], v: number[]): number[] => m.map((row) => row.reduce((a, c, i) => a + c * v[i], 0));
    expect(times(e.C.toArray() as number[][], Array.from(x.data))).toEqual(
      Array.from(conv2d(x, k, { stride: 2, padding: 1 }).data),
    );
    const y = tensor(
      [
        [1, -1, 2],
        [0, 3, 1],
        [2, 2, -2],
      ],
      { dtype: "float64" },
    );
    expect(times(e.CT.toArray() as number[][], Array.from(y.data))).toEqual(
      Array.from(convTranspose2d(y, k, { stride: 2, padding: 1 }).data),
    );
  });

  it("rejects bad input", () => {
    expect(() => convolutionMatrixExplanation([3, 3], tensor([[1]]), { strid: 2 } as never)).toThrow(
      /convolutionMatrixExplanation: unknown option 'strid'/,
    );
    expect(() =>
      convolutionMatrixExplanation(
        [1, 1],
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toThrow(/kernel .* must fit in the padded input/);
  });
});
