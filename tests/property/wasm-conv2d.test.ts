// Stride-1 conv2d on the WebAssembly kernel equals the TypeScript loop (conv2dData, the path
// conv2d takes for float64, strides above 1 and tiny work) on random shapes: padding
// (asymmetric, larger than the kernel too), dilation, groups, bias, batch. Strided convolutions
// and float64 are declined. (conv2d itself runs this kernel for float32, so it is no reference.)
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randn, type Conv2dOptions } from "../../src";
import { conv2dData, resolveConv2d } from "../../src/internals";
import { conv2dWasm } from "../../src/wasm/conv2dWasm";

const int = (min: number, max: number) => fc.integer({ min, max });

describe("WebAssembly SIMD conv2d (stride 1)", () => {
  it("equals the TypeScript loop on random shapes and parameters", () => {
    fc.assert(
      fc.property(
        fc.record({
          n: int(1, 2),
          groups: int(1, 3),
          cinG: int(1, 4),
          coutG: int(1, 9),
          h: int(1, 9),
          w: int(1, 21),
          kh: int(1, 4),
          kw: int(1, 4),
          dh: int(1, 2),
          dw: int(1, 2),
          pad: fc.tuple(int(0, 4), int(0, 4), int(0, 4), int(0, 4)),
          bias: fc.boolean(),
          seed: int(1, 100000),
        }),
        (c) => {
          const spanH = c.dh * (c.kh - 1) + 1;
          const spanW = c.dw * (c.kw - 1) + 1;
          fc.pre(c.h + c.pad[0] + c.pad[2] >= spanH && c.w + c.pad[1] + c.pad[3] >= spanW);
          const x = randn([c.n, c.groups * c.cinG, c.h, c.w], { seed: c.seed });
          const weight = randn([c.groups * c.coutG, c.cinG, c.kh, c.kw], { seed: c.seed + 1 });
          const options: Conv2dOptions = { padding: c.pad, dilation: [c.dh, c.dw], groups: c.groups };
          if (c.bias) options.bias = randn([c.groups * c.coutG], { seed: c.seed + 2 });
          const { geometry, bias } = resolveConv2d("test", x, weight, options.bias, c.groups, [1, 1], [c.dh, c.dw], c.pad);
          const expected = { data: new Float32Array(c.n * c.groups * c.coutG * geometry.outH * geometry.outW) };
          conv2dData(x.data, weight.data, bias?.data, geometry, expected.data);
          const out = new Float32Array(expected.data.length).fill(Number.NaN);
          expect(conv2dWasm(x.data, weight.data, bias?.data, geometry, out)).toBe(true);
          let scale = 1;
          let worst = 0;
          for (let i = 0; i < out.length; i++) {
            scale = Math.max(scale, Math.abs(expected.data[i]));
            worst = Math.max(worst, Math.abs(out[i] - expected.data[i]));
          }
          expect(worst / scale).toBeLessThan(1e-5);
        },
      ),
      { numRuns: 300, seed: 20261127 },
    );
  });

  it("declines strided convolutions and float64", () => {
    const x = randn([1, 2, 6, 6], { seed: 1 });
    const w = randn([3, 2, 3, 3], { seed: 2 });
    const strided = resolveConv2d("test", x, w, undefined, 1, [2, 2], [1, 1], [0, 0, 0, 0]);
    expect(conv2dWasm(x.data, w.data, undefined, strided.geometry, new Float32Array(3 * 2 * 2))).toBe(false);
    const x64 = randn([1, 2, 6, 6], { seed: 1, dtype: "float64" });
    const w64 = randn([3, 2, 3, 3], { seed: 2, dtype: "float64" });
    const g64 = resolveConv2d("test", x64, w64, undefined, 1, [1, 1], [1, 1], [0, 0, 0, 0]);
    expect(conv2dWasm(x64.data, w64.data, undefined, g64.geometry, new Float64Array(3 * 4 * 4))).toBe(false);
  });
});
