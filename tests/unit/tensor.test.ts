import { describe, expect, it } from "vitest";
import { arange, nchwToNhwc, nhwcToNchw, ones, rand, randn, tensor, Tensor, zeros } from "../../src";

describe("Tensor", () => {
  it("builds from nested arrays and round-trips through toArray", () => {
    const t = tensor([
      [0, 1],
      [2, 3],
    ]);
    expect(t.shape).toEqual([2, 2]);
    expect(t.dtype).toBe("float32");
    expect(t.toArray()).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(t.get(1, 0)).toBe(2);
  });

  it("rejects ragged arrays, bad shapes and unknown options", () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/);
    expect(() => zeros([2, -1])).toThrow(RangeError);
    expect(() => zeros([2.5])).toThrow(/non-negative integers/);
    expect(() => tensor([1], { dtyp: "float64" } as never)).toThrow(/unknown option 'dtyp'/);
    expect(() => tensor([1], { dtype: "int8" } as never)).toThrow(/dtype must be/);
    expect(() => new Tensor(new Float32Array(3), [2, 2])).toThrow(/needs 4/);
    expect(() => tensor([[1, 2]]).get(0, 2)).toThrow(/out of range 0..1/);
  });

  it("reshapes with an inferred dimension and shares data", () => {
    const t = arange(12).reshape([3, -1]);
    expect(t.shape).toEqual([3, 4]);
    expect(t.get(2, 3)).toBe(11);
    expect(() => arange(12).reshape([5, -1])).toThrow(/cannot infer/);
    expect(() => arange(12).reshape([5, 2])).toThrow(/has 10 elements/);
  });

  it("makes arange like numpy", () => {
    expect(Array.from(arange(2, 8, 2).data)).toEqual([2, 4, 6]);
    expect(arange(0).size).toBe(0);
    expect(() => arange(0, 1, 0)).toThrow(/step must be non-zero/);
  });

  it("compares exactly and with tolerance", () => {
    const a = tensor([1, 2, 3]);
    expect(a.equals(tensor([1, 2, 3]))).toBe(true);
    expect(a.equals(tensor([1, 2, 4]))).toBe(false);
    expect(a.allClose(tensor([1, 2, 3 + 1e-7]))).toBe(true);
    expect(a.allClose(tensor([1, 2, 3.01]))).toBe(false);
    expect(() => a.allClose(tensor([[1, 2, 3]]))).toThrow(/differ/);
  });

  it("draws reproducible random tensors from a seed", () => {
    expect(rand([3, 3], { seed: 7 }).equals(rand([3, 3], { seed: 7 }))).toBe(true);
    expect(rand([3, 3], { seed: 7 }).equals(rand([3, 3], { seed: 8 }))).toBe(false);
    const n = randn([10000], { seed: 1, dtype: "float64" });
    const values = Array.from(n.data);
    const mean = values.reduce((s, v) => s + v, 0) / n.size;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / n.size;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it("converts NCHW <-> NHWC", () => {
    const x = arange(24).reshape([1, 2, 3, 4]);
    const y = nchwToNhwc(x);
    expect(y.shape).toEqual([1, 3, 4, 2]);
    expect(y.get(0, 2, 1, 1)).toBe(x.get(0, 1, 2, 1));
    expect(nhwcToNchw(y).equals(x)).toBe(true);
    expect(() => nchwToNhwc(ones([2, 2]))).toThrow(/4-D/);
  });

  it("prints readably", () => {
    const s = tensor([
      [0, 0.25],
      [10, 3],
    ]).toString();
    expect(s).toContain("shape=[2, 2]");
    expect(s).toContain("[   0 0.25]");
  });
});
