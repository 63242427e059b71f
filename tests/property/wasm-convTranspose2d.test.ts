// The WebAssembly SIMD transposed convolution and the pure-TypeScript fast path (its fallback)
// both equal the scatter reference on random shapes covering every parameter: batch, groups,
// stride, asymmetric padding, output padding, dilation, bias, and widths that exercise the
// 8-wide, 4-wide and per-pixel code paths and channel counts that are not multiples of 4.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convTranspose2d, randn, type ConvTranspose2dOptions } from "../../src";
import { convTranspose2dGemm, parseConvTranspose2d } from "../../src/internals";
import { convTranspose2dWasm, wasmInputPadding } from "../../src/wasm/convTranspose2dWasm";
import { caseOperands, caseOutputSize, relativeError, type ConvTransposeCase } from "./convTransposeCase";

const int = (min: number, max: number) => fc.integer({ min, max });
const caseArb: fc.Arbitrary<ConvTransposeCase> = fc
  .record({
    batch: int(1, 2),
    groups: int(1, 3),
    cinG: int(1, 5),
    coutG: int(1, 9),
    h: int(1, 9),
    w: int(1, 23),
    kh: int(1, 5),
    kw: int(1, 5),
    sh: int(1, 4),
    sw: int(1, 4),
    dh: int(1, 3),
    dw: int(1, 3),
    crop: fc.tuple(int(0, 3), int(0, 3), int(0, 3), int(0, 3)),
    oph: int(0, 3),
    opw: int(0, 3),
    bias: fc.boolean(),
    seed: int(1, 1_000_000),
  })
  .map((c) => ({ ...c, oph: c.oph % Math.max(c.sh, c.dh), opw: c.opw % Math.max(c.sw, c.dw) }))
  .filter((c) => caseOutputSize(c).every((o) => o >= 1));

describe("WebAssembly SIMD convTranspose2d", () => {
  it("equals the scatter reference on random shapes and parameters", () => {
    fc.assert(
      // packBudget 1: one block of 4 output channels per packing pass; bandFloats 1: one output row per kernel call
      fc.property(caseArb, fc.constantFrom(1, 65536), fc.constantFrom(1, 40, 262144), (c, packBudget, bandFloats) => {
        const { x, weight, options } = caseOperands(c);
        const expected = convTranspose2d(x, weight, { ...options, algorithm: "scatter" });
        const { operands: ops } = parseConvTranspose2d("test", x, weight, options);
        const out = new Float32Array(expected.data.length).fill(Number.NaN); // every value must be written
        expect(
          convTranspose2dWasm(ops.x.data, ops.weight.data, ops.bias?.data, ops.geometry, out, {
            packBudgetFloats: packBudget,
            bandFloats,
          }),
        ).toBe(true);
        expect(relativeError(out, expected)).toBeLessThan(1e-5);
      }),
      { numRuns: 400, seed: 20261125 },
    );
  });

  it("equals the scatter reference for rows of 64+ floats (padded to whole cache lines)", () => {
    const wideArb = caseArb
      .map((c) => ({ ...c, w: 58 + (c.w % 18), h: 1 + (c.h % 4) }))
      .filter((c) => caseOutputSize(c).every((o) => o >= 1));
    fc.assert(
      fc.property(wideArb, (c) => {
        const { x, weight, options } = caseOperands(c);
        const expected = convTranspose2d(x, weight, { ...options, algorithm: "scatter" });
        const { operands: ops } = parseConvTranspose2d("test", x, weight, options);
        const out = new Float32Array(expected.data.length).fill(Number.NaN);
        expect(convTranspose2dWasm(ops.x.data, ops.weight.data, ops.bias?.data, ops.geometry, out, { bandFloats: 100 })).toBe(
          true,
        );
        expect(relativeError(out, expected)).toBeLessThan(1e-5);
      }),
      { numRuns: 60, seed: 20261127 },
    );
  });

  it("the pure-TypeScript fast path (its fallback) equals the scatter reference too", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { x, weight, options } = caseOperands(c);
        const expected = convTranspose2d(x, weight, { ...options, algorithm: "scatter" });
        const { operands: ops } = parseConvTranspose2d("test", x, weight, options);
        const out = new Float32Array(expected.data.length);
        convTranspose2dGemm(ops.x.data, ops.weight.data, ops.bias?.data, ops.geometry, out);
        expect(relativeError(out, expected)).toBeLessThan(1e-5);
      }),
      { numRuns: 200, seed: 20261126 },
    );
  });

  it("handles a large case that spans several weight-packing chunks and the 8-wide tiles", () => {
    const x = randn([2, 40, 9, 37], { seed: 7 });
    const weight = randn([40, 70, 4, 4], { seed: 8 });
    const bias = randn([70], { seed: 9 });
    const options: ConvTranspose2dOptions = { stride: 2, padding: [1, 2, 0, 1], outputPadding: 1, bias };
    const expected = convTranspose2d(x, weight, { ...options, algorithm: "scatter" });
    const { operands: ops } = parseConvTranspose2d("test", x, weight, options);
    const out = new Float32Array(expected.data.length);
    // the smallest budget: one block of 4 output channels per packing pass (18 passes per phase row)
    expect(convTranspose2dWasm(ops.x.data, ops.weight.data, ops.bias?.data, ops.geometry, out, { packBudgetFloats: 1 })).toBe(
      true,
    );
    expect(relativeError(out, expected)).toBeLessThan(1e-5);
    // bands of 3 output rows (the last one shorter), each band re-packing its chunks
    out.fill(Number.NaN);
    expect(
      convTranspose2dWasm(ops.x.data, ops.weight.data, ops.bias?.data, ops.geometry, out, {
        packBudgetFloats: 1,
        bandFloats: 2 * 70 * 3 * ops.geometry.outW,
      }),
    ).toBe(true);
    expect(relativeError(out, expected)).toBeLessThan(1e-5);
    out.fill(Number.NaN);
    expect(convTranspose2dWasm(ops.x.data, ops.weight.data, ops.bias?.data, ops.geometry, out)).toBe(true);
    expect(relativeError(out, expected)).toBeLessThan(1e-5);
  });

  it("handles outputs smaller than the input (the input is staged beside the output, not in it)", () => {
    const x = randn([2, 8, 6, 7], { seed: 21 });
    const weight = randn([8, 1, 3, 3], { seed: 22 });
    const options: ConvTranspose2dOptions = { padding: 1 };
    const expected = convTranspose2d(x, weight, { ...options, algorithm: "scatter" });
    expect(expected.data.length).toBeLessThan(x.data.length);
    const { operands: ops } = parseConvTranspose2d("test", x, weight, options);
    const out = new Float32Array(expected.data.length).fill(Number.NaN);
    expect(convTranspose2dWasm(ops.x.data, ops.weight.data, undefined, ops.geometry, out)).toBe(true);
    expect(relativeError(out, expected)).toBeLessThan(1e-5);
  });

  it("declines float64 data and strides wider than its phase table, leaving out untouched", () => {
    const x64 = randn([1, 2, 3, 3], { seed: 1, dtype: "float64" });
    const w64 = randn([2, 2, 3, 3], { seed: 2, dtype: "float64" });
    const { operands: ops64 } = parseConvTranspose2d("test", x64, w64, { stride: 2 });
    const out64 = new Float64Array(2 * 7 * 7);
    expect(convTranspose2dWasm(ops64.x.data, ops64.weight.data, undefined, ops64.geometry, out64)).toBe(false);

    const x = randn([1, 1, 2, 2], { seed: 3 });
    const w = randn([1, 1, 1, 1], { seed: 4 });
    const { operands: ops } = parseConvTranspose2d("test", x, w, { stride: [1, 65] });
    const out = new Float32Array(ops.geometry.outH * ops.geometry.outW).fill(5);
    expect(convTranspose2dWasm(ops.x.data, ops.weight.data, undefined, ops.geometry, out)).toBe(false);
    expect(out.every((v) => v === 5)).toBe(true);
  });

  it("declines operands whose arena would pass the 1 GiB limit (before touching them)", () => {
    const { operands: ops } = parseConvTranspose2d("test", randn([1, 1, 2, 2]), randn([1, 1, 2, 2]), {});
    // the padded input alone: 2 x 8192 x 128 x 130 floats = 1.09 GB
    const huge = { ...ops.geometry, batch: 2, inChannels: 8192, outChannels: 8192, inH: 128, inW: 128, outH: 129, outW: 129 };
    const out = new Float32Array(9).fill(3);
    expect(convTranspose2dWasm(ops.x.data, ops.weight.data, undefined, huge, out)).toBe(false);
    expect(out.every((v) => v === 3)).toBe(true);
  });

  it("pads each input row just enough for every tap of every output column", () => {
    const { operands: ops } = parseConvTranspose2d("test", randn([1, 1, 4, 6]), randn([1, 1, 3, 5]), {
      stride: 2,
      padding: [0, 1, 0, 0],
      outputPadding: 1,
    });
    // ix = floor((ox + 1 - kx) / 2) for ox in [0, 15), kx in [0, 5) runs from -2 to 7; the input has columns 0..5
    expect(wasmInputPadding(ops.geometry)).toEqual([2, 2]);
  });
});
