// conv2d's choice of kernel: WebAssembly for float32 stride-1 work from the threshold on, the
// TypeScript loop (conv2dData) below it, for strides above 1 and for float64 — same numbers either way.
import { describe, expect, it } from "vitest";
import { conv2d, randn, tensor, zeros, type Conv2dOptions, type Tensor } from "../../src";
import { CONV2D_WASM_MIN_MULTIPLY_ADDS, conv2dData, conv2dMultiplyAdds, resolveConv2d } from "../../src/internals";
import { parsePadding4, parsePair } from "../../src/args";

/** conv2d(x, w, options) next to the TypeScript loop on the same operands: worst difference, relative. */
function againstTypeScript(x: Tensor, weight: Tensor, options: Conv2dOptions): { worst: number; multiplyAdds: number } {
  const { geometry, bias } = resolveConv2d(
    "test",
    x,
    weight,
    options.bias,
    options.groups ?? 1,
    parsePair("test", "stride", options.stride ?? 1, 1),
    parsePair("test", "dilation", options.dilation ?? 1, 1),
    parsePadding4("test", "padding", options.padding ?? 0),
  );
  const got = conv2d(x, weight, options);
  const expected = x.dtype === "float64" ? new Float64Array(got.data.length) : new Float32Array(got.data.length);
  conv2dData(x.data, weight.data, bias?.data, geometry, expected);
  let scale = 1;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    worst = Math.max(worst, Math.abs(got.data[i] - expected[i]));
  }
  return { worst: worst / scale, multiplyAdds: conv2dMultiplyAdds(geometry) };
}

describe("conv2d kernel choice", () => {
  it("counts multiply-adds as N Cout (Cin/groups) outH outW kh kw", () => {
    const { geometry } = resolveConv2d(
      "test",
      randn([2, 4, 6, 7]),
      randn([6, 2, 3, 2]),
      undefined,
      2,
      [1, 1],
      [1, 1],
      [0, 0, 0, 0],
    );
    expect(conv2dMultiplyAdds(geometry)).toBe(2 * 6 * 2 * 4 * 6 * 3 * 2);
  });

  it("below the threshold (TypeScript) gives the same numbers", () => {
    const r = againstTypeScript(randn([1, 1, 4, 4], { seed: 1 }), randn([1, 1, 3, 3], { seed: 2 }), {});
    expect(r.multiplyAdds).toBeLessThan(CONV2D_WASM_MIN_MULTIPLY_ADDS);
    expect(r.worst).toBe(0);
  });

  it("above the threshold (WebAssembly) with padding, dilation, groups and bias matches the TypeScript loop", () => {
    const options: Conv2dOptions = { padding: [1, 0, 2, 1], dilation: [1, 2], groups: 2, bias: randn([6], { seed: 3 }) };
    const r = againstTypeScript(randn([2, 4, 9, 11], { seed: 4 }), randn([6, 2, 3, 3], { seed: 5 }), options);
    expect(r.multiplyAdds).toBeGreaterThanOrEqual(CONV2D_WASM_MIN_MULTIPLY_ADDS);
    expect(r.worst).toBeLessThan(1e-5);
  });

  it("a strided float32 convolution above the threshold (TypeScript) gives the same numbers", () => {
    const r = againstTypeScript(randn([1, 3, 12, 12], { seed: 6 }), randn([4, 3, 3, 3], { seed: 7 }), { stride: 2, padding: 1 });
    expect(r.multiplyAdds).toBeGreaterThanOrEqual(CONV2D_WASM_MIN_MULTIPLY_ADDS);
    expect(r.worst).toBe(0);
  });

  it("float64 above the threshold (TypeScript) stays exact", () => {
    const x = randn([1, 3, 8, 8], { seed: 8, dtype: "float64" });
    const w = randn([4, 3, 3, 3], { seed: 9, dtype: "float64" });
    const r = againstTypeScript(x, w, { padding: 1 });
    expect(r.multiplyAdds).toBeGreaterThanOrEqual(CONV2D_WASM_MIN_MULTIPLY_ADDS);
    expect(r.worst).toBe(0);
  });

  it("the WebAssembly path fills a preallocated `out` (stale values overwritten) and a 2-D input", () => {
    const x = randn([16, 16], { seed: 10 });
    const w = randn([3, 3], { seed: 11 });
    const fresh = conv2d(x, w, { padding: 1 });
    const out = zeros([16, 16]);
    out.data.fill(7);
    expect(conv2d(x, w, { padding: 1, out })).toBe(out);
    expect(out.equals(fresh)).toBe(true);
    expect(
      conv2d(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ]),
        tensor([
          [1, 0],
          [0, 1],
        ]),
      ).toArray(),
    ).toEqual([
      [6, 8],
      [12, 14],
    ]);
  });

  it("the TypeScript paths zero a preallocated `out` before accumulating (stride 2, float64, tiny)", () => {
    const cases: [Tensor, Tensor, Conv2dOptions][] = [
      [randn([1, 3, 9, 9], { seed: 12 }), randn([4, 3, 3, 3], { seed: 13 }), { stride: 2, padding: 1 }],
      [randn([1, 2, 6, 6], { seed: 14, dtype: "float64" }), randn([3, 2, 3, 3], { seed: 15, dtype: "float64" }), { padding: 1 }],
      [randn([1, 1, 3, 3], { seed: 16 }), randn([1, 1, 2, 2], { seed: 17 }), {}],
    ];
    for (const [x, w, options] of cases) {
      const fresh = conv2d(x, w, options);
      const out = fresh.clone();
      out.data.fill(7);
      conv2d(x, w, { ...options, out });
      expect(out.equals(fresh)).toBe(true);
    }
  });
});
