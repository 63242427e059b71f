// The benchmark's "fresh output alone" (bench/fresh-output.ts) allocates exactly the arrays the
// public API returns for W1-W7: same dtypes and sizes as the results of the calls themselves.
import { describe, expect, it } from "vitest";
import { convTranspose2d, maxPool2d, maxUnpool2d, randn, upsampleBilinear, upsampleNearest, type Tensor } from "../../src";
import { freshOutputCall } from "../../bench/fresh-output";
import { freshOutputs, POOL_SHAPE, RESIZE_SHAPE, TRANSPOSED_SHAPES } from "../../bench/workload-specs";

const describeArrays = (arrays: Tensor["data"][]) =>
  arrays.map((a) => ({ dtype: a instanceof Float64Array ? "float64" : "float32", length: a.length }));

describe("bench fresh outputs", () => {
  it("match the results of W1-W4", () => {
    for (const s of TRANSPOSED_SHAPES) {
      const x = randn([s.n, s.cin, s.h, s.w], { seed: 1 });
      const weight = randn([s.cin, s.cout, s.k, s.k], { seed: 2 });
      const y = convTranspose2d(x, weight, { stride: s.s, padding: s.p, outputPadding: s.op });
      expect(freshOutputs(s.id)).toEqual(describeArrays([y.data]));
    }
  });

  it("match the results of W5-W7", () => {
    const x = randn([...RESIZE_SHAPE], { seed: 3 });
    expect(freshOutputs("W5")).toEqual(describeArrays([upsampleBilinear(x, { scale: 2 }).data]));
    expect(freshOutputs("W6")).toEqual(describeArrays([upsampleNearest(x, { scale: 2 }).data]));
    const p = randn([...POOL_SHAPE], { seed: 4 });
    const { values, indices } = maxPool2d(p, { kernelSize: 2 });
    const unpooled = maxUnpool2d(values, indices, { kernelSize: 2 });
    expect(freshOutputs("W7")).toEqual(describeArrays([values.data, indices.data, unpooled.data]));
  });

  it("are allocated and written by freshOutputCall, and absent for other workloads", () => {
    const arrays = freshOutputCall([
      { dtype: "float32", length: 5 },
      { dtype: "float64", length: 3 },
    ])() as Tensor["data"][];
    expect(describeArrays(arrays)).toEqual([
      { dtype: "float32", length: 5 },
      { dtype: "float64", length: 3 },
    ]);
    expect(arrays.every((a) => Array.from(a).every((v) => v === 1))).toBe(true);
    expect(freshOutputs("cubic")).toBeUndefined();
  });
});
