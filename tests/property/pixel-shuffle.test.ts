// Property tests of the pixel-shuffle family: depthToSpace/spaceToDepth against their index
// definitions (ONNX DCR/CRD, both layouts), pixelShuffle = DepthToSpace CRD, inverses; a stride-s
// transposed convolution equals its sub-pixel convolution (Shi et al. 2016) in both directions;
// ICNR makes a sub-pixel layer start as nearest upsampling (Aitken et al. 2017).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  conv2d,
  convTranspose2d,
  convTransposeAsSubPixel,
  depthToSpace,
  icnr,
  nchwToNhwc,
  pixelShuffle,
  pixelUnshuffle,
  randn,
  spaceToDepth,
  subPixelFromTransposed,
  transposedFromSubPixel,
  upsampleNearest,
} from "../../src";

const dims = fc.record({
  n: fc.integer({ min: 1, max: 2 }),
  c: fc.integer({ min: 1, max: 3 }),
  h: fc.integer({ min: 1, max: 4 }),
  w: fc.integer({ min: 1, max: 4 }),
  b: fc.integer({ min: 1, max: 3 }),
  crd: fc.boolean(),
  seed: fc.nat(100_000),
});

describe("depthToSpace / spaceToDepth", () => {
  it("depthToSpace follows the ONNX index definition in DCR and CRD; spaceToDepth inverts it; NHWC = NCHW transposed", () => {
    fc.assert(
      fc.property(dims, ({ n, c, h, w, b, crd, seed }) => {
        const mode = crd ? "CRD" : "DCR";
        const x = randn([n, c * b * b, h, w], { seed });
        const y = depthToSpace(x, { blockSize: b, mode });
        expect(y.shape).toEqual([n, c, h * b, w * b]);
        for (let bi = 0; bi < n; bi++)
          for (let ch = 0; ch < c; ch++)
            for (let yy = 0; yy < h * b; yy++)
              for (let xx = 0; xx < w * b; xx++) {
                const [i, j] = [yy % b, xx % b];
                const depth = crd ? ch * b * b + i * b + j : (i * b + j) * c + ch;
                expect(y.get(bi, ch, yy, xx)).toBe(x.get(bi, depth, Math.floor(yy / b), Math.floor(xx / b)));
              }
        expect(spaceToDepth(y, { blockSize: b, mode }).equals(x)).toBe(true);
        const yLast = depthToSpace(nchwToNhwc(x), { blockSize: b, mode, layout: "NHWC" });
        expect(yLast.equals(nchwToNhwc(y))).toBe(true);
        expect(spaceToDepth(yLast, { blockSize: b, mode, layout: "NHWC" }).equals(nchwToNhwc(x))).toBe(true);
        if (crd) expect(pixelShuffle(x, b).equals(y)).toBe(true);
        expect(pixelUnshuffle(pixelShuffle(x, b), b).equals(x)).toBe(true);
      }),
      { numRuns: 120, seed: 1410 },
    );
  });
});

const convCase = fc.record({
  n: fc.integer({ min: 1, max: 2 }),
  cin: fc.integer({ min: 1, max: 3 }),
  cout: fc.integer({ min: 1, max: 3 }),
  h: fc.integer({ min: 1, max: 5 }),
  w: fc.integer({ min: 1, max: 5 }),
  kh: fc.integer({ min: 1, max: 6 }),
  kw: fc.integer({ min: 1, max: 6 }),
  sh: fc.integer({ min: 1, max: 3 }),
  sw: fc.integer({ min: 1, max: 3 }),
  pad: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
  op: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2, maxLength: 2 }),
  bias: fc.boolean(),
  seed: fc.nat(100_000),
});

describe("sub-pixel convolution = stride-s transposed convolution (Shi et al. 2016)", () => {
  it("transposed -> sub-pixel: convTransposeAsSubPixel equals convTranspose2d (padding, output padding, bias)", () => {
    fc.assert(
      fc.property(convCase, (k) => {
        const [ah, aw] = [k.op[0] % k.sh, k.op[1] % k.sw];
        const padding = k.pad as [number, number, number, number];
        const outH = (k.h - 1) * k.sh - padding[0] - padding[2] + k.kh + ah;
        const outW = (k.w - 1) * k.sw - padding[1] - padding[3] + k.kw + aw;
        if (outH < 1 || outW < 1) return;
        const x = randn([k.n, k.cin, k.h, k.w], { seed: k.seed, dtype: "float64" });
        const weight = randn([k.cin, k.cout, k.kh, k.kw], { seed: k.seed + 1, dtype: "float64" });
        const bias = k.bias ? randn([k.cout], { seed: k.seed + 2, dtype: "float64" }) : undefined;
        const options = {
          stride: [k.sh, k.sw] as [number, number],
          padding,
          outputPadding: [ah, aw] as [number, number],
          ...(bias ? { bias } : {}),
        };
        const expected = convTranspose2d(x, weight, { ...options, algorithm: "scatter" });
        const ours = convTransposeAsSubPixel(x, weight, options);
        expect(ours.shape).toEqual(expected.shape);
        expect(ours.allClose(expected, 1e-9, 1e-9)).toBe(true);
      }),
      { numRuns: 150, seed: 1411 },
    );
  });

  it("sub-pixel -> transposed: pixelShuffle(conv2d(x, g, padding p)) equals convTranspose2d with transposedFromSubPixel(g)", () => {
    fc.assert(
      fc.property(convCase, (k) => {
        const s = k.sh;
        const m = Math.max(1, Math.ceil(k.kh / 2));
        const padding = k.pad.map((p) => Math.min(p, m - 1)) as [number, number, number, number];
        if (k.h + padding[0] + padding[2] < m || k.w + padding[1] + padding[3] < m) return;
        const x = randn([k.n, k.cin, k.h, k.w], { seed: k.seed, dtype: "float64" });
        const g = randn([k.cout * s * s, k.cin, m, m], { seed: k.seed + 3, dtype: "float64" });
        const sub = pixelShuffle(conv2d(x, g, { padding }), s);
        const t = transposedFromSubPixel(g, s, padding);
        expect(t.weight.shape).toEqual([k.cin, k.cout, m * s, m * s]);
        const viaTransposed = convTranspose2d(x, t.weight, { stride: t.stride, padding: t.padding, algorithm: "scatter" });
        expect(viaTransposed.shape).toEqual(sub.shape);
        expect(viaTransposed.allClose(sub, 1e-9, 1e-9)).toBe(true);
        // and back: the sub-pixel weight of that transposed convolution is g again
        expect(subPixelFromTransposed(t.weight, s).weight.equals(g)).toBe(true);
      }),
      { numRuns: 150, seed: 1412 },
    );
  });
});

describe("ICNR (Aitken et al. 2017)", () => {
  it("a sub-pixel convolution initialised with icnr(base) is nearest upsampling of conv2d(x, base): no checkerboard", () => {
    fc.assert(
      fc.property(convCase, (k) => {
        const s = k.sh;
        const kernel = 1 + (k.kh % 3);
        const x = randn([k.n, k.cin, k.h, k.w], { seed: k.seed, dtype: "float64" });
        const base = randn([k.cout, k.cin, kernel, kernel], { seed: k.seed + 4, dtype: "float64" });
        const pad = kernel >> 1;
        const sub = pixelShuffle(conv2d(x, icnr(base, s), { padding: pad }), s);
        expect(sub.allClose(upsampleNearest(conv2d(x, base, { padding: pad }), { scale: s }), 1e-12, 1e-12)).toBe(true);
        const dcr = depthToSpace(conv2d(x, icnr(base, s, { mode: "DCR" }), { padding: pad }), { blockSize: s });
        expect(dcr.allClose(sub, 1e-12, 1e-12)).toBe(true);
      }),
      { numRuns: 80, seed: 1413 },
    );
  });
});
