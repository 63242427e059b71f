import { describe, expect, it } from "vitest";
import {
  arange,
  bedOfNails,
  bilinearKernel,
  bilinearUpsampler,
  bilinearWeights1d,
  linearTap,
  nchwToNhwc,
  randn,
  tensor,
  upsampleBilinear,
  upsampleNearest,
  zeros,
} from "../../src";

const x12 = () => arange(12).reshape([3, 4]);

describe("upsampleNearest (worked example 2.1)", () => {
  it("copies each pixel of arange(12) as 3x4 into a 2x2 block", () => {
    const y = upsampleNearest(x12(), { scale: 2 });
    expect(y.shape).toEqual([6, 8]);
    for (let r = 0; r < 6; r++) {
      for (let c = 0; c < 8; c++) expect(y.get(r, c)).toBe(Math.floor(r / 2) * 4 + Math.floor(c / 2));
    }
  });

  it("keeps the Keras NHWC (1,3,4,1) -> (1,6,8,1) shape with layout NHWC", () => {
    const x = x12().reshape([1, 3, 4, 1]);
    const y = upsampleNearest(x, { scale: [2, 2], layout: "NHWC" });
    expect(y.shape).toEqual([1, 6, 8, 1]);
    expect(y.reshape([6, 8]).equals(upsampleNearest(x12(), { scale: 2 }))).toBe(true);
  });

  it("uses separate factors per axis and treats channels independently", () => {
    const x = tensor([[[[1, 2]], [[3, 4]]]]); // [1, 2, 1, 2]
    const y = upsampleNearest(x, { scale: [2, 3] });
    expect(y.toArray()).toEqual([
      [
        [
          [1, 1, 1, 2, 2, 2],
          [1, 1, 1, 2, 2, 2],
        ],
        [
          [3, 3, 3, 4, 4, 4],
          [3, 3, 3, 4, 4, 4],
        ],
      ],
    ]);
  });

  it("resizes to any size with PyTorch's floor(dst * in / out)", () => {
    const y = upsampleNearest(tensor([[0, 1, 2]]), { size: [1, 7] });
    // floor(d * 3 / 7) for d = 0..6
    expect(y.toArray()).toEqual([[0, 0, 0, 1, 1, 2, 2]]);
    const down = upsampleNearest(arange(16).reshape([4, 4]), { size: [2, 2] });
    expect(down.toArray()).toEqual([
      [0, 2],
      [8, 10],
    ]);
  });

  it("keeps dtype and fills a preallocated out", () => {
    const x = x12().astype("float64");
    const out = zeros([6, 8], { dtype: "float64" });
    const y = upsampleNearest(x, { scale: 2, out });
    expect(y).toBe(out);
    expect(out.get(5, 7)).toBe(11);
    expect(y.dtype).toBe("float64");
  });

  it("rejects bad input with a message naming the parameter", () => {
    const x = x12();
    expect(() => upsampleNearest(x, {})).toThrow(/exactly one of scale or size, got neither/);
    expect(() => upsampleNearest(x, { scale: 2, size: [4, 4] })).toThrow(/got both/);
    expect(() => upsampleNearest(x, { scale: 0 })).toThrow(RangeError);
    expect(() => upsampleNearest(x, { scale: 1.5 })).toThrow(/scale must be an integer >= 1 or a pair \[h, w\] of them, got 1.5/);
    expect(() => upsampleNearest(x, { scale: [2] as never })).toThrow(TypeError);
    expect(() => upsampleNearest(x, { size: [0, 3] })).toThrow(/size must be .*got \[0, 3\]/);
    expect(() => upsampleNearest(x, { size: 4 as never })).toThrow(/size must be a pair \[h, w\]/);
    expect(() => upsampleNearest(x, { scale: 2, layout: "CHW" as never })).toThrow(/layout must be 'NCHW' or 'NHWC', got 'CHW'/);
    expect(() => upsampleNearest(x, { scale: 2, scal: 2 } as never)).toThrow(/unknown option 'scal'/);
    expect(() => upsampleNearest(arange(4), { scale: 2 })).toThrow(
      /x must be a 2-D \[H, W\] or 4-D NCHW tensor, got shape \[4\]/,
    );
    expect(() => upsampleNearest([[1]] as never, { scale: 2 })).toThrow(/x must be a Tensor/);
    expect(() => upsampleNearest(x, { scale: 2, out: zeros([6, 7]) })).toThrow(/out must have shape \[6, 8\], got \[6, 7\]/);
    expect(() => upsampleNearest(x, { scale: 2, out: zeros([6, 8], { dtype: "float64" }) })).toThrow(
      /out must have dtype 'float32'/,
    );
    expect(() => upsampleNearest(zeros([0, 3]), { size: [2, 2] })).toThrow(/cannot resize an empty 0x3 image/);
  });
});

describe("upsampleBilinear (worked example 2.2)", () => {
  const keras = [
    [0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3],
    [1, 1.25, 1.75, 2.25, 2.75, 3.25, 3.75, 4],
    [3, 3.25, 3.75, 4.25, 4.75, 5.25, 5.75, 6],
    [5, 5.25, 5.75, 6.25, 6.75, 7.25, 7.75, 8],
    [7, 7.25, 7.75, 8.25, 8.75, 9.25, 9.75, 10],
    [8, 8.25, 8.75, 9.25, 9.75, 10.25, 10.75, 11],
  ];

  it("gives exactly the Python Keras / TF2 / PyTorch half-pixel plane", () => {
    const y = upsampleBilinear(x12(), { scale: 2 });
    expect(y.toArray()).toEqual(keras);
    expect(upsampleBilinear(x12(), { size: [6, 8], coordinates: "half-pixel" }).toArray()).toEqual(keras);
  });

  it("gives the Keras result for a (1,3,4,1) NHWC batch", () => {
    const y = upsampleBilinear(x12().reshape([1, 3, 4, 1]), { scale: 2, layout: "NHWC" });
    expect(y.shape).toEqual([1, 6, 8, 1]);
    expect(y.reshape([6, 8]).toArray()).toEqual(keras);
  });

  it("asymmetric (TF1, tfjs-layers) starts 0 .5 1 1.5 2 2.5 3 3", () => {
    const y = upsampleBilinear(x12(), { scale: 2, coordinates: "asymmetric" });
    expect((y.toArray() as number[][])[0]).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3]);
    expect((y.toArray() as number[][])[1]).toEqual([2, 2.5, 3, 3.5, 4, 4.5, 5, 5]);
  });

  it("align-corners maps the corners onto each other", () => {
    const y = upsampleBilinear(tensor([[0, 3]]), { size: [1, 4], coordinates: "align-corners" }).toArray();
    expect(y).toEqual([[0, 1, 2, 3]]);
    const z = upsampleBilinear(x12(), { scale: 2, coordinates: "align-corners" });
    expect([z.get(0, 0), z.get(0, 7), z.get(5, 0), z.get(5, 7)]).toEqual([0, 3, 8, 11]);
  });

  it("computes the source coordinate of each convention", () => {
    expect(linearTap(0, 3, 6, "half-pixel")).toEqual({ source: 0, lo: 0, hi: 1, t: 0 });
    expect(linearTap(1, 3, 6, "half-pixel")).toEqual({ source: 0.25, lo: 0, hi: 1, t: 0.25 });
    expect(linearTap(5, 3, 6, "half-pixel")).toEqual({ source: 2.25, lo: 2, hi: 2, t: 0 });
    expect(linearTap(5, 3, 6, "asymmetric").source).toBe(2.5);
    expect(linearTap(5, 3, 6, "align-corners").source).toBe(2);
    expect(linearTap(0, 3, 1, "align-corners").source).toBe(0);
  });

  it("rejects an unknown coordinate mode", () => {
    expect(() => upsampleBilinear(x12(), { scale: 2, coordinates: "halfPixel" as never })).toThrow(
      /coordinates must be 'half-pixel', 'align-corners', 'asymmetric', got 'halfPixel'/,
    );
  });
});

describe("bedOfNails (worked example 2.3)", () => {
  it("puts each value at the top-left of its block, zeros elsewhere", () => {
    const y = bedOfNails(
      tensor([
        [1, 2],
        [3, 4],
      ]),
      { scale: 2 },
    );
    expect(y.toArray()).toEqual([
      [1, 0, 2, 0],
      [0, 0, 0, 0],
      [3, 0, 4, 0],
      [0, 0, 0, 0],
    ]);
  });

  it("honours another position and rectangular blocks, in NHWC too", () => {
    const y = bedOfNails(tensor([[1, 2]]), { scale: [2, 3], position: [1, 2] });
    expect(y.toArray()).toEqual([
      [0, 0, 0, 0, 0, 0],
      [0, 0, 1, 0, 0, 2],
    ]);
    const x = randn([1, 2, 3, 2], { seed: 3 });
    const a = bedOfNails(x, { scale: 2 });
    const b = bedOfNails(nchwToNhwc(x), { scale: 2, layout: "NHWC" });
    expect(nchwToNhwc(a).equals(b)).toBe(true);
  });

  it("rejects a missing scale and an out-of-block position", () => {
    expect(() => bedOfNails(x12(), {} as never)).toThrow(/scale is required/);
    expect(() => bedOfNails(x12(), { scale: 2, position: [2, 0] })).toThrow(
      /position must be \[row, col\] with 0 <= row < 2 and 0 <= col < 2, got \[2, 0\]/,
    );
    expect(() => bedOfNails(x12(), { scale: 2, position: [0.5, 0] as never })).toThrow(RangeError);
  });
});

describe("bilinearKernel (FCN / d2l)", () => {
  it("has the d2l 1-D weights", () => {
    expect(bilinearWeights1d(4)).toEqual([0.25, 0.75, 0.75, 0.25]);
    expect(bilinearWeights1d(3)).toEqual([0.5, 1, 0.5]);
    expect(bilinearWeights1d(1)).toEqual([1]);
  });

  it("is channel-diagonal with the outer product on the diagonal", () => {
    const w = bilinearKernel(4, { channels: 2 });
    expect(w.shape).toEqual([2, 2, 4, 4]);
    expect(w.get(0, 0, 1, 2)).toBeCloseTo(0.5625);
    expect(w.get(1, 1, 0, 0)).toBeCloseTo(0.0625);
    expect(w.get(0, 1, 1, 1)).toBe(0);
    expect(w.get(1, 0, 1, 1)).toBe(0);
  });

  it("gives FCN settings that scale the size exactly by the factor", () => {
    expect(bilinearUpsampler(2)).toEqual({ kernelSize: 4, stride: 2, padding: 1 });
    expect(bilinearUpsampler(3)).toEqual({ kernelSize: 5, stride: 3, padding: 1 });
    for (let f = 1; f <= 6; f++) {
      const { kernelSize: k, stride: s, padding: p } = bilinearUpsampler(f);
      for (let i = 1; i <= 5; i++) expect((i - 1) * s + k - 2 * p).toBe(i * f);
    }
  });

  it("rejects bad sizes", () => {
    expect(() => bilinearKernel(0)).toThrow(/k must be a positive integer, got 0/);
    expect(() => bilinearKernel(3, { channels: 1.5 })).toThrow(/channels must be a positive integer, got 1.5/);
    expect(() => bilinearKernel(3, { chanels: 2 } as never)).toThrow(/unknown option 'chanels'/);
    expect(() => bilinearUpsampler(-1)).toThrow(/factor must be a positive integer, got -1/);
  });
});
