// The default transposed-convolution path: WebAssembly for float32 work above the threshold,
// TypeScript below it and for float64 — the same numbers either way.
import { describe, expect, it } from "vitest";
import { convTranspose2d, randn, type ConvTranspose2dOptions, type Tensor } from "../../src";
import { parseConvTranspose2d } from "../../src/internals";
import {
  convTranspose2dFastPath,
  convTranspose2dMultiplyAdds,
  prefersWinograd,
  WASM_MIN_MULTIPLY_ADDS,
} from "../../src/conv/fastPath";
import { convTranspose2dWinograd } from "../../src/wasm/convTranspose2dWinograd";

function check(x: Tensor, weight: Tensor, options: ConvTranspose2dOptions): number {
  const { operands } = parseConvTranspose2d("test", x, weight, options);
  const expected = convTranspose2d(x, weight, { ...options, algorithm: "scatter" });
  const out = x.dtype === "float64" ? new Float64Array(expected.data.length) : new Float32Array(expected.data.length);
  convTranspose2dFastPath(operands.x.data, operands.weight.data, operands.bias?.data, operands.geometry, out);
  let worst = 0;
  for (let i = 0; i < out.length; i++) worst = Math.max(worst, Math.abs(out[i] - expected.data[i]));
  return worst;
}

describe("convTranspose2dFastPath", () => {
  it("counts multiply-adds as N Cin (Cout/groups) H W kh kw", () => {
    const { operands } = parseConvTranspose2d("test", randn([2, 4, 3, 5]), randn([4, 3, 2, 2]), { groups: 2 });
    expect(convTranspose2dMultiplyAdds(operands.geometry)).toBe(2 * 4 * 3 * 3 * 5 * 2 * 2);
  });

  it("a case below the threshold (TypeScript) equals the scatter reference", () => {
    const x = randn([1, 1, 3, 3], { seed: 1 });
    const w = randn([1, 1, 2, 2], { seed: 2 });
    expect(1 * 1 * 9 * 4).toBeLessThan(WASM_MIN_MULTIPLY_ADDS);
    expect(check(x, w, { stride: 2, padding: 1 })).toBeLessThan(1e-5);
  });

  it("the W1 teaching case (225 multiply-adds, WebAssembly) equals the scatter reference", () => {
    const x = randn([1, 1, 5, 5], { seed: 1 });
    const w = randn([1, 1, 3, 3], { seed: 2 });
    expect(1 * 1 * 25 * 9).toBeGreaterThanOrEqual(WASM_MIN_MULTIPLY_ADDS);
    expect(check(x, w, { stride: 2, padding: 1 })).toBeLessThan(1e-5);
  });

  it("k = 2s layers with many channels run Winograd F(2x2, 2x2), and equal the scatter reference", () => {
    const x = randn([1, 128, 5, 6], { seed: 6 });
    const w = randn([128, 64, 4, 4], { seed: 7 });
    const options: ConvTranspose2dOptions = { stride: 2, padding: 1, bias: randn([64], { seed: 8 }) };
    const { operands } = parseConvTranspose2d("test", x, w, options);
    expect(prefersWinograd(operands.geometry)).toBe(true);
    const viaDefault = new Float32Array(64 * 10 * 12);
    convTranspose2dFastPath(operands.x.data, operands.weight.data, operands.bias?.data, operands.geometry, viaDefault);
    const viaWinograd = new Float32Array(viaDefault.length);
    expect(
      convTranspose2dWinograd(operands.x.data, operands.weight.data, operands.bias?.data, operands.geometry, viaWinograd),
    ).toBe(true);
    expect(viaDefault).toEqual(viaWinograd);
    expect(check(x, w, options)).toBeLessThan(1e-4);
    // fewer channels, or another kernel size, stay on the phase kernel
    expect(
      prefersWinograd(parseConvTranspose2d("test", randn([1, 32, 5, 6]), randn([32, 64, 4, 4]), options).operands.geometry),
    ).toBe(false);
    expect(prefersWinograd(parseConvTranspose2d("test", x, randn([128, 64, 3, 3]), options).operands.geometry)).toBe(false);
  });

  it("a case above the threshold (WebAssembly) with every option equals the scatter reference", () => {
    const x = randn([2, 6, 7, 9], { seed: 3 });
    const w = randn([6, 5, 3, 4], { seed: 4 });
    const options: ConvTranspose2dOptions = {
      stride: [2, 3],
      padding: [1, 0, 2, 1],
      outputPadding: [1, 0],
      dilation: [1, 2],
      groups: 2,
      bias: randn([10], { seed: 5 }),
    };
    expect(check(x, w, options)).toBeLessThan(1e-4);
  });

  it("fills a preallocated out holding garbage (it is not zeroed first) on both paths", () => {
    const cases: [Tensor, Tensor, ConvTranspose2dOptions][] = [
      [randn([1, 4, 9, 9], { seed: 11 }), randn([4, 6, 4, 4], { seed: 12 }), { stride: 2, padding: 1 }], // WebAssembly
      [randn([1, 1, 3, 3], { seed: 13 }), randn([1, 1, 2, 2], { seed: 14 }), { stride: 2 }], // below the threshold
      [randn([1, 3, 5, 5], { seed: 15, dtype: "float64" }), randn([3, 2, 3, 3], { seed: 16, dtype: "float64" }), { stride: 2 }], // float64
    ];
    for (const [x, w, options] of cases) {
      const expected = convTranspose2d(x, w, { ...options, algorithm: "scatter" });
      const out = convTranspose2d(x, w, options).clone();
      out.data.fill(Number.NaN);
      convTranspose2d(x, w, { ...options, out });
      expect(out.allClose(expected, 1e-5, 1e-4)).toBe(true);
    }
  });

  it("float64 operands take the TypeScript path and stay exact", () => {
    const x = randn([1, 3, 6, 6], { seed: 6, dtype: "float64" });
    const w = randn([3, 4, 3, 3], { seed: 7, dtype: "float64" });
    expect(check(x, w, { stride: 2, padding: 1 })).toBeLessThan(1e-12);
  });
});
