// The WebAssembly resampling kernels against the TypeScript ones: bit-identical results on random
// shapes, every coordinate mode, scale and size targets, and chunk sizes that split the work into
// groups of planes and bands of rows. Also checks that the public ops agree with their generic
// per-pixel loops (the NHWC path) whichever kernel they pick.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  linearTap,
  nchwToNhwc,
  nearestSourceIndex,
  randn,
  Tensor,
  upsampleBilinear,
  upsampleNearest,
  type CoordinateMode,
} from "../../src";
import { bilinearPlanesTs, bilinearTables } from "../../src/resample/bilinearPlanes";
import { readImageBatch } from "../../src/resample/layout";
import { WASM_MIN_OUTPUT } from "../../src/resample/upsampleBilinear";
import { nearestPlanesTs, wholeRepeat } from "../../src/resample/upsampleNearest";
import { bilinearPlanesWasm, nearestPlanesWasm } from "../../src/wasm/resampleWasm";
import { wasmKernels } from "../../src/wasm/kernels";

const caseArb = fc.record({
  n: fc.integer({ min: 1, max: 2 }),
  c: fc.integer({ min: 1, max: 3 }),
  h: fc.integer({ min: 1, max: 12 }),
  w: fc.integer({ min: 1, max: 12 }),
  oh: fc.integer({ min: 1, max: 30 }),
  ow: fc.integer({ min: 1, max: 30 }),
  byScale: fc.boolean(),
  mode: fc.constantFrom<CoordinateMode>("half-pixel", "align-corners", "asymmetric"),
  chunk: fc.constantFrom(4, 64, 256, 4096, 128 * 1024),
  seed: fc.nat(1_000_000),
});

/** Output size: a random size, or x2 / x3 of the input when `byScale` (the paired-column pattern). */
function outSize(r: { h: number; w: number; oh: number; ow: number; byScale: boolean }): [number, number] {
  return r.byScale ? [r.h * (1 + (r.oh % 2) + 1), r.w * 2] : [r.oh, r.ow];
}

function sameBits(a: Tensor["data"], b: Tensor["data"]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function planes(x: Tensor, oh: number, ow: number) {
  const [n, c] = x.shape;
  const src = readImageBatch("test", x, "NCHW");
  const make = () => readImageBatch("test", new Tensor(new Float32Array(n * c * oh * ow), [n, c, oh, ow]), "NCHW");
  return { src, ts: make(), wasm: make() };
}

describe("WebAssembly resampling kernels", () => {
  it("are available in this Node (so the tests below exercise them)", () => {
    expect(typeof wasmKernels()?.bilinearRows).toBe("function");
    expect(typeof wasmKernels()?.nearestRows).toBe("function");
  });

  it("bilinear: WebAssembly == TypeScript bit for bit, every mode, any size and chunking", () => {
    fc.assert(
      fc.property(caseArb, (r) => {
        const [oh, ow] = outSize(r);
        const x = randn([r.n, r.c, r.h, r.w], { seed: r.seed });
        const { src, ts, wasm } = planes(x, oh, ow);
        const rows = Array.from({ length: oh }, (_, y) => linearTap(y, r.h, oh, r.mode));
        const cols = Array.from({ length: ow }, (_, c) => linearTap(c, r.w, ow, r.mode));
        const tables = bilinearTables(rows, cols, r.w);
        bilinearPlanesTs(src, ts, tables);
        // shrinking resizes are declined (the caller runs TypeScript)
        const taken = bilinearPlanesWasm(src, wasm, tables, r.chunk);
        expect(taken).toBe(r.h * r.w <= oh * ow);
        if (taken) expect(sameBits(wasm.data, ts.data)).toBe(true);
      }),
      { numRuns: 300, seed: 7001 },
    );
  });

  it("bilinear: the x2 column pattern with arbitrary (non-uniform) weights == TypeScript", () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), (r, uniform) => {
        const w = Math.max(2, r.w);
        const [oh, ow] = [2 * r.h, 2 * w];
        const x = randn([r.n, r.c, r.h, w], { seed: r.seed });
        const { src, ts, wasm } = planes(x, oh, ow);
        const rows = Array.from({ length: oh }, (_, y) => linearTap(y, r.h, oh, r.mode));
        const cols = Array.from({ length: ow }, (_, c) => linearTap(c, w, ow, "half-pixel"));
        const tables = bilinearTables(rows, cols, w);
        expect(tables.pairedCols).toBe(true);
        // random weights in [0, 1): uniform per column parity, or different for every column
        const random = randn([ow], { seed: r.seed + 1, dtype: "float64" }).data;
        for (let c = 1; c < ow - 1; c++) tables.colT[c] = Math.abs(Math.sin(uniform ? c % 2 : random[c]));
        bilinearPlanesTs(src, ts, tables);
        expect(bilinearPlanesWasm(src, wasm, tables, r.chunk)).toBe(true);
        expect(sameBits(wasm.data, ts.data)).toBe(true);
      }),
      { numRuns: 200, seed: 7003 },
    );
  });

  it("nearest: WebAssembly == TypeScript bit for bit, any size and chunking", () => {
    fc.assert(
      fc.property(caseArb, (r) => {
        const [oh, ow] = outSize(r);
        const x = randn([r.n, r.c, r.h, r.w], { seed: r.seed });
        const { src, ts, wasm } = planes(x, oh, ow);
        const rowSource = Int32Array.from({ length: oh }, (_, y) => nearestSourceIndex(y, r.h, oh));
        const colSource = Int32Array.from({ length: ow }, (_, c) => nearestSourceIndex(c, r.w, ow));
        const repeat = wholeRepeat(r.w, colSource);
        nearestPlanesTs(src, ts, rowSource, colSource, repeat);
        // shrinking resizes are declined (the caller runs TypeScript)
        const taken = nearestPlanesWasm(src, wasm, rowSource, colSource, repeat, r.chunk);
        expect(taken).toBe(r.h * r.w <= oh * ow);
        if (taken) expect(sameBits(wasm.data, ts.data)).toBe(true);
      }),
      { numRuns: 300, seed: 7002 },
    );
  });

  it("decline float64 data and NHWC batches (the caller runs TypeScript)", () => {
    const x64 = randn([1, 2, 4, 4], { seed: 1, dtype: "float64" });
    const src = readImageBatch("test", x64, "NCHW");
    const dst = readImageBatch("test", new Tensor(new Float64Array(2 * 64), [1, 2, 8, 8]), "NCHW");
    const taps = Array.from({ length: 8 }, (_, i) => linearTap(i, 4, 8, "half-pixel"));
    expect(bilinearPlanesWasm(src, dst, bilinearTables(taps, taps, 4))).toBe(false);
    const nhwc = readImageBatch("test", randn([1, 4, 4, 2], { seed: 2 }), "NHWC");
    const nhwcOut = readImageBatch("test", new Tensor(new Float32Array(128), [1, 8, 8, 2]), "NHWC");
    expect(nearestPlanesWasm(nhwc, nhwcOut, new Int32Array(8), new Int32Array(8), 2)).toBe(false);
  });

  it("the public ops give the generic loop's bits on both sides of the WebAssembly threshold", () => {
    for (const [h, w] of [
      [2, 3],
      [8, 8],
      [16, 24],
      [33, 17],
    ]) {
      const x = randn([1, 3, h, w], { seed: h * w });
      expect(3 * 4 * h * w >= WASM_MIN_OUTPUT).toBe(h * w >= 64);
      for (const coordinates of ["half-pixel", "align-corners", "asymmetric"] as const) {
        const fast = upsampleBilinear(x, { scale: 2, coordinates });
        const generic = upsampleBilinear(nchwToNhwc(x), { scale: 2, coordinates, layout: "NHWC" });
        expect(sameBits(nchwToNhwc(fast).data, generic.data)).toBe(true);
      }
      const fast = upsampleNearest(x, { size: [2 * h + 1, 3 * w] });
      const generic = upsampleNearest(nchwToNhwc(x), { size: [2 * h + 1, 3 * w], layout: "NHWC" });
      expect(sameBits(nchwToNhwc(fast).data, generic.data)).toBe(true);
    }
  });

  it("write every output element, so a preallocated out is not cleared first", () => {
    const x = randn([2, 3, 9, 7], { seed: 3 });
    const out = new Tensor(new Float32Array(2 * 3 * 18 * 14).fill(Number.NaN), [2, 3, 18, 14]);
    expect(upsampleBilinear(x, { scale: 2, out }).equals(upsampleBilinear(x, { scale: 2 }))).toBe(true);
    out.data.fill(Number.NaN);
    expect(upsampleNearest(x, { scale: 2, out }).equals(upsampleNearest(x, { scale: 2 }))).toBe(true);
  });
});
