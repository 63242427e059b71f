import { describe, expect, it } from "vitest";
import { convolutionMatrix, insertZeros, pad2d, rotate180, tensor, transposedToDirectWeight, arange } from "../../src";
import { parsePadding4, parsePair } from "../../src/internals";

describe("insertZeros", () => {
  it("stretches i to (i - 1) s + 1 with zeros between pixels", () => {
    expect(
      insertZeros(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        2,
      ).toArray(),
    ).toEqual([
      [1, 0, 2],
      [0, 0, 0],
      [3, 0, 4],
    ]);
    expect(insertZeros(tensor([[1, 2]]), [1, 3]).toArray()).toEqual([[1, 0, 0, 2]]);
    const x = arange(18).reshape([1, 2, 3, 3]);
    const z = insertZeros(x, 2);
    expect(z.shape).toEqual([1, 2, 5, 5]);
    expect(z.get(0, 1, 4, 4)).toBe(17);
    expect(z.get(0, 1, 1, 1)).toBe(0);
    expect(insertZeros(x, 1).equals(x)).toBe(true);
  });

  it("keeps the dtype", () => {
    expect(insertZeros(tensor([[1, 2]], { dtype: "float64" }), 2).dtype).toBe("float64");
  });

  it("rejects bad arguments by name", () => {
    expect(() => insertZeros(tensor([[1]]), 0)).toThrow(
      "insertZeros: stride must be an integer >= 1 or a pair [h, w] of them, got 0",
    );
    expect(() => insertZeros(tensor([[1]]), 1.5)).toThrow(RangeError);
    expect(() => insertZeros(tensor([[1]]), [1, 2, 3] as never)).toThrow(TypeError);
    expect(() => insertZeros(tensor([1]), 2)).toThrow(
      "insertZeros: x must have at least 2 dimensions [..., H, W], got shape [1]",
    );
    expect(() => insertZeros([[1]] as never, 2)).toThrow("insertZeros: x must be a Tensor, got [[1]]");
  });
});

describe("pad2d", () => {
  it("pads each side, with a fill value", () => {
    expect(pad2d(tensor([[1]]), [0, 0, 1, 1]).toArray()).toEqual([
      [1, 0],
      [0, 0],
    ]);
    expect(pad2d(tensor([[1]]), 1, 7).toArray()).toEqual([
      [7, 7, 7],
      [7, 1, 7],
      [7, 7, 7],
    ]);
    expect(pad2d(tensor([[1, 2]]), [1, 0]).toArray()).toEqual([
      [0, 0],
      [1, 2],
      [0, 0],
    ]);
  });

  it("crops with negative amounts", () => {
    const x = arange(16).reshape([4, 4]);
    expect(pad2d(x, -1).toArray()).toEqual([
      [5, 6],
      [9, 10],
    ]);
    expect(pad2d(x, [-1, 0, 1, -3]).toArray()).toEqual([[4], [8], [12], [0]]);
    expect(pad2d(x, -2).shape).toEqual([0, 0]);
  });

  it("works on 4-D tensors plane by plane", () => {
    const x = arange(8).reshape([1, 2, 2, 2]);
    const y = pad2d(x, 1);
    expect(y.shape).toEqual([1, 2, 4, 4]);
    expect(y.get(0, 1, 2, 2)).toBe(7);
  });

  it("rejects bad arguments by name", () => {
    expect(() => pad2d(tensor([[1]]), -1)).toThrow("pad2d: padding must not crop more than the image (1x1), got -1 giving -1x-1");
    expect(() => pad2d(tensor([[1]]), 0.5)).toThrow(
      "pad2d: padding must be an integer, [ph, pw] or [top, left, bottom, right] of them, got 0.5",
    );
    expect(() => pad2d(tensor([[1]]), [1, 2, 3] as never)).toThrow(TypeError);
    expect(() => pad2d(tensor([[1]]), 1, "0" as never)).toThrow("pad2d: value must be a number, got '0'");
  });
});

describe("rotate180", () => {
  it("flips rows and columns of every kernel", () => {
    expect(
      rotate180(
        tensor([
          [0, 1],
          [2, 3],
        ]),
      ).toArray(),
    ).toEqual([
      [3, 2],
      [1, 0],
    ]);
    const w = arange(12).reshape([2, 1, 2, 3]);
    expect(rotate180(w).toArray()).toEqual([
      [
        [
          [5, 4, 3],
          [2, 1, 0],
        ],
      ],
      [
        [
          [11, 10, 9],
          [8, 7, 6],
        ],
      ],
    ]);
    expect(rotate180(rotate180(w)).equals(w)).toBe(true);
  });

  it("rejects non-tensors and 1-D tensors", () => {
    expect(() => rotate180(5 as never)).toThrow("rotate180: weight must be a Tensor, got 5");
    expect(() => rotate180(tensor([1, 2]))).toThrow(RangeError);
  });
});

describe("transposedToDirectWeight", () => {
  it("swaps in/out per group and rotates each kernel", () => {
    // (in=2, out/groups=1, 1, 2) with groups 2 -> (out=2, in/groups=1, 1, 2)
    const w = tensor([[[[1, 2]]], [[[3, 4]]]]);
    expect(transposedToDirectWeight(w, 2).toArray()).toEqual([[[[2, 1]]], [[[4, 3]]]]);
    // groups 1: (2, 1, 1, 2) -> (1, 2, 1, 2)
    expect(transposedToDirectWeight(w).toArray()).toEqual([[[[2, 1]], [[4, 3]]]]);
  });

  it("rejects groups that do not divide the channels", () => {
    expect(() => transposedToDirectWeight(arange(12).reshape([3, 1, 2, 2]), 2)).toThrow(
      "transposedToDirectWeight: weight's in channels (3) must be divisible by groups, got groups 2",
    );
    expect(() => transposedToDirectWeight(tensor([[1]]))).toThrow(RangeError);
    expect(() => transposedToDirectWeight(arange(4).reshape([1, 1, 2, 2]), 0)).toThrow(/groups must be an integer >= 1, got 0/);
  });
});

describe("convolutionMatrix", () => {
  it("has one row per output pixel and one column per input pixel", () => {
    const c = convolutionMatrix(
      [3, 3],
      tensor([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(c.shape).toEqual([4, 9]);
    expect(c.toArray()).toEqual([
      [1, 2, 0, 3, 4, 0, 0, 0, 0],
      [0, 1, 2, 0, 3, 4, 0, 0, 0],
      [0, 0, 0, 1, 2, 0, 3, 4, 0],
      [0, 0, 0, 0, 1, 2, 0, 3, 4],
    ]);
  });

  it("handles stride, padding and dilation", () => {
    const c = convolutionMatrix(
      [3, 3],
      tensor([
        [1, 2],
        [3, 4],
      ]),
      { stride: 2, padding: 1 },
    );
    // output 2x2; the first window covers padded (-1..0, -1..0): only input (0,0) with kernel entry 4
    expect(c.shape).toEqual([4, 9]);
    expect(c.toArray()).toEqual([
      [4, 0, 0, 0, 0, 0, 0, 0, 0],
      [0, 3, 4, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 2, 0, 0, 4, 0, 0],
      [0, 0, 0, 0, 1, 2, 0, 3, 4],
    ]);
    const d = convolutionMatrix([1, 3], tensor([[1, 2]]), { dilation: 2 });
    expect(d.toArray()).toEqual([[1, 0, 2]]);
  });

  it("refuses huge matrices with the size and another algorithm", () => {
    expect(() => convolutionMatrix([100, 100], tensor([[1]]))).toThrow(
      "convolutionMatrix: the convolution matrix would be 10000 x 10000 = 100000000 entries, more than the limit of 67108864; use conv2d instead",
    );
  });

  it("rejects bad arguments by name", () => {
    const k = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(() => convolutionMatrix([0, 3], k)).toThrow(
      "convolutionMatrix: inputShape must be a pair [h, w] of integers >= 1, got [0, 3]",
    );
    expect(() => convolutionMatrix([1, 1], k)).toThrow(/kernel \(dilated 2x2\) must fit in the padded input \(1x1\)/);
    expect(() => convolutionMatrix([3, 3], k, { stride: 0 })).toThrow(/stride must be an integer >= 1/);
    expect(() => convolutionMatrix([3, 3], k, { padding: -1 })).toThrow(/padding must be an integer >= 0/);
    expect(() => convolutionMatrix([3, 3], k, { strides: 1 } as never)).toThrow(/unknown option 'strides'/);
    expect(() => convolutionMatrix([3, 3], arange(4))).toThrow(/kernel must be a 2-D/);
  });
});

describe("parameter parsers", () => {
  it("parse pairs and paddings", () => {
    expect(parsePair("f", "stride", 2, 1)).toEqual([2, 2]);
    expect(parsePair("f", "stride", [1, 3], 1)).toEqual([1, 3]);
    expect(parsePadding4("f", "padding", [1, 2])).toEqual([1, 2, 1, 2]);
    expect(parsePadding4("f", "padding", [1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    expect(() => parsePair("f", "stride", "2", 1)).toThrow("f: stride must be an integer >= 1 or a pair [h, w] of them, got '2'");
    expect(() => parsePair("f", "stride", [1, 0], 1)).toThrow(RangeError);
    expect(() => parsePadding4("f", "padding", [1, -1])).toThrow(RangeError);
  });
});
