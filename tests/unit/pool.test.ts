import { describe, expect, it } from "vitest";
import { arange, maxPool2d, maxUnpool2d, nchwToNhwc, poolOutputSize, randn, tensor, zeros } from "../../src";

const example = () =>
  tensor([
    [5, 1, 2, 8],
    [3, 4, 9, 0],
    [1, 7, 2, 2],
    [6, 2, 3, 4],
  ]);

describe("maxPool2d", () => {
  it("pools the worked example 2.4 and remembers flat per-plane indices", () => {
    const { values, indices } = maxPool2d(example(), { kernelSize: 2 });
    expect(values.toArray()).toEqual([
      [5, 9],
      [7, 4],
    ]);
    expect(indices.toArray()).toEqual([
      [0, 6],
      [9, 15],
    ]);
    expect(indices.dtype).toBe("float64");
    expect(values.dtype).toBe("float32");
  });

  it("lets the first maximum win ties", () => {
    expect(
      maxPool2d(
        tensor([
          [1, 1],
          [1, 1],
        ]),
        { kernelSize: 2 },
      ).indices.toArray(),
    ).toEqual([[0]]);
    expect(
      maxPool2d(
        tensor([
          [0, 3],
          [3, 0],
        ]),
        { kernelSize: 2 },
      ).indices.toArray(),
    ).toEqual([[1]]);
    const overlapping = maxPool2d(tensor([[2, 2, 2]]), { kernelSize: [1, 2], stride: 1 });
    expect(overlapping.indices.toArray()).toEqual([[0, 1]]);
  });

  it("treats padding as -Infinity", () => {
    const { values, indices } = maxPool2d(arange(9).reshape([3, 3]), { kernelSize: 3, stride: 2, padding: 1 });
    expect(values.toArray()).toEqual([
      [4, 5],
      [7, 8],
    ]);
    expect(indices.toArray()).toEqual([
      [4, 5],
      [7, 8],
    ]);
    const negative = maxPool2d(
      tensor([
        [-5, -6],
        [-7, -8],
      ]),
      { kernelSize: 3, stride: 1, padding: 1 },
    );
    expect(negative.values.toArray()).toEqual([
      [-5, -5],
      [-5, -5],
    ]);
    expect(negative.indices.toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it("supports dilation and ceilMode with PyTorch's output sizes", () => {
    const dil = maxPool2d(arange(16).reshape([4, 4]), { kernelSize: 2, stride: 1, dilation: 2 });
    expect(dil.values.toArray()).toEqual([
      [10, 11],
      [14, 15],
    ]);
    const ceil = maxPool2d(arange(25).reshape([5, 5]), { kernelSize: 2, ceilMode: true });
    expect(ceil.values.shape).toEqual([3, 3]);
    expect(ceil.values.get(2, 2)).toBe(24);
    expect(ceil.indices.get(2, 0)).toBe(21);
    expect(maxPool2d(arange(25).reshape([5, 5]), { kernelSize: 2 }).values.shape).toEqual([2, 2]);
    // The last window would start in the right padding: PyTorch drops it.
    expect(poolOutputSize(5, 2, 2, 1, 1, true)).toBe(3);
    expect(poolOutputSize(5, 2, 2, 1, 1, false)).toBe(3);
    expect(poolOutputSize(4, 3, 2, 1, 1, true)).toBe(3);
    expect(poolOutputSize(4, 3, 2, 1, 1, false)).toBe(2);
  });

  it("pools every plane of a batch and gives the same indices in NHWC", () => {
    const x = randn([2, 3, 5, 4], { seed: 7 });
    const a = maxPool2d(x, { kernelSize: [2, 3], stride: [2, 1] });
    expect(a.values.shape).toEqual([2, 3, 2, 2]);
    const b = maxPool2d(nchwToNhwc(x), { kernelSize: [2, 3], stride: [2, 1], layout: "NHWC" });
    expect(b.values.equals(nchwToNhwc(a.values))).toBe(true);
    expect(b.indices.equals(nchwToNhwc(a.indices))).toBe(true);
    // Each index points at its own value in its own plane.
    for (let n = 0; n < 2; n++) {
      for (let c = 0; c < 3; c++) {
        for (let i = 0; i < 2; i++) {
          for (let j = 0; j < 2; j++) {
            const flat = a.indices.get(n, c, i, j);
            expect(x.get(n, c, Math.floor(flat / 4), flat % 4)).toBe(a.values.get(n, c, i, j));
          }
        }
      }
    }
  });

  it("fills preallocated outputs", () => {
    const out = zeros([2, 2]);
    const indicesOut = zeros([2, 2], { dtype: "float64" });
    const r = maxPool2d(example(), { kernelSize: 2, out, indicesOut });
    expect(r.values).toBe(out);
    expect(r.indices).toBe(indicesOut);
    expect(indicesOut.toArray()).toEqual([
      [0, 6],
      [9, 15],
    ]);
  });

  it("rejects bad input with the parameter, the value and what is allowed", () => {
    const x = example();
    expect(() => maxPool2d(x, {} as never)).toThrow(/kernelSize is required/);
    expect(() => maxPool2d(x, { kernelSize: 0 })).toThrow(/kernelSize must be an integer >= 1 or a pair \[h, w\] of them, got 0/);
    expect(() => maxPool2d(x, { kernelSize: 2, stride: 0 })).toThrow(/stride must be .* got 0/);
    expect(() => maxPool2d(x, { kernelSize: 2, padding: -1 })).toThrow(/padding must be an integer >= 0/);
    expect(() => maxPool2d(x, { kernelSize: 2, padding: 2 })).toThrow(
      /padding must be at most half the kernel size \(<= 1 for kernelSize 2\), got 2/,
    );
    expect(() => maxPool2d(x, { kernelSize: 2, dilation: 0 })).toThrow(/dilation must be/);
    expect(() => maxPool2d(x, { kernelSize: 5 })).toThrow(/kernelSize must fit in the padded input \(4x4\)/);
    expect(() => maxPool2d(x, { kernelSize: 2, ceilMode: 1 as never })).toThrow(/ceilMode must be true or false, got 1/);
    expect(() => maxPool2d(x, { kernelSize: 2, kernel_size: 2 } as never)).toThrow(/unknown option 'kernel_size'/);
    expect(() => maxPool2d(zeros([1, 4, 4]), { kernelSize: 2 })).toThrow(/x must be a 2-D \[H, W\] or 4-D/);
    expect(() => maxPool2d(x, { kernelSize: 2, indicesOut: zeros([2, 2]) })).toThrow(/indicesOut must have dtype 'float64'/);
    expect(() => maxPool2d(x, { kernelSize: 2, indicesOut: zeros([3, 2], { dtype: "float64" }) })).toThrow(
      /indicesOut must have shape \[2, 2\]/,
    );
    expect(() => maxPool2d(zeros([2, 2]), { kernelSize: 2, dilation: 3, padding: 1 })).toThrow(
      /window at output \(0, 0\) covers only padding/,
    );
  });
});

describe("maxUnpool2d", () => {
  it("puts the worked example's maxima back in place, zeros elsewhere", () => {
    const { values, indices } = maxPool2d(example(), { kernelSize: 2 });
    const y = maxUnpool2d(values, indices, { kernelSize: 2 });
    expect(y.toArray()).toEqual([
      [5, 0, 0, 0],
      [0, 0, 9, 0],
      [0, 7, 0, 0],
      [0, 0, 0, 4],
    ]);
    const direct = maxUnpool2d(
      tensor([
        [5, 9],
        [7, 4],
      ]),
      tensor([
        [0, 6],
        [9, 15],
      ]),
      { kernelSize: 2 },
    );
    expect(direct.equals(y)).toBe(true);
  });

  it("restores tie winners at the first position", () => {
    const { values, indices } = maxPool2d(
      tensor([
        [3, 3],
        [3, 3],
      ]),
      { kernelSize: 2 },
    );
    expect(maxUnpool2d(values, indices, { kernelSize: 2 }).toArray()).toEqual([
      [3, 0],
      [0, 0],
    ]);
  });

  it("needs outputSize for odd sizes", () => {
    const x = arange(25).reshape([5, 5]);
    const { values, indices } = maxPool2d(x, { kernelSize: 2 });
    expect(indices.toArray()).toEqual([
      [6, 8],
      [16, 18],
    ]);
    expect(() => maxUnpool2d(values, indices, { kernelSize: 2 })).toThrow(
      /indices must be integers in 0..15 \(flat positions in the 4x4 output plane\), got 16 at \[1, 0\]/,
    );
    const y = maxUnpool2d(values, indices, { kernelSize: 2, outputSize: [5, 5] });
    expect(y.shape).toEqual([5, 5]);
    expect(y.get(1, 1)).toBe(6);
    expect(y.get(3, 3)).toBe(18);
    expect(y.get(4, 4)).toBe(0);
    const total = Array.from(y.data).reduce((a, b) => a + b, 0);
    expect(total).toBe(6 + 8 + 16 + 18);
  });

  it("keeps batches, channels and layouts", () => {
    const x = randn([2, 2, 4, 6], { seed: 11 });
    const { values, indices } = maxPool2d(x, { kernelSize: 2 });
    const y = maxUnpool2d(values, indices, { kernelSize: 2 });
    expect(y.shape).toEqual([2, 2, 4, 6]);
    const yh = maxUnpool2d(nchwToNhwc(values), nchwToNhwc(indices), { kernelSize: 2, layout: "NHWC" });
    expect(yh.equals(nchwToNhwc(y))).toBe(true);
  });

  it("rejects bad indices, shapes and sizes", () => {
    const v = tensor([
      [5, 9],
      [7, 4],
    ]);
    expect(() => maxUnpool2d(v, tensor([[0, 6], [9]] as never), { kernelSize: 2 })).toThrow(/ragged/);
    expect(() => maxUnpool2d(v, tensor([[0, 6, 1]]), { kernelSize: 2 })).toThrow(
      /indices must have the shape of values \[2, 2\], got \[1, 3\]/,
    );
    expect(() =>
      maxUnpool2d(
        v,
        tensor([
          [0, 6.5],
          [9, 15],
        ]),
        { kernelSize: 2 },
      ),
    ).toThrow(/got 6.5 at \[0, 1\]/);
    expect(() =>
      maxUnpool2d(
        v,
        tensor([
          [0, -1],
          [9, 15],
        ]),
        { kernelSize: 2 },
      ),
    ).toThrow(/got -1/);
    expect(() =>
      maxUnpool2d(
        v,
        tensor([
          [0, 6],
          [9, 15],
        ]),
        { kernelSize: 2, outputSize: [6, 4] },
      ),
    ).toThrow(/outputSize must be \[h, w\] with 3 <= h <= 5 and 3 <= w <= 5, got \[6, 4\]/);
    expect(() =>
      maxUnpool2d(
        v,
        tensor([
          [0, 6],
          [9, 15],
        ]),
        { kernelSize: 2, outputSize: 4 as never },
      ),
    ).toThrow(TypeError);
    expect(() => maxUnpool2d(v, [[0]] as never, { kernelSize: 2 })).toThrow(/indices must be a Tensor/);
    expect(() =>
      maxUnpool2d(
        v,
        tensor([
          [0, 6],
          [9, 15],
        ]),
        { kernelSize: 2, out: zeros([4, 5]) },
      ),
    ).toThrow(/out must have shape \[4, 4\]/);
  });
});
