// Property tests of max-pooling and max-unpooling against a brute-force reading of the
// definition (PyTorch's rules: padding is -Infinity, first maximum wins, per-plane indices).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxPool2d, maxUnpool2d, nchwToNhwc, poolOutputSize, rand, Tensor } from "../../src";

const small = (max: number) => fc.integer({ min: 1, max });

const poolArb = fc
  .record({
    n: small(2),
    c: small(2),
    h: small(7),
    w: small(7),
    kh: small(3),
    kw: small(3),
    sh: small(3),
    sw: small(3),
    dh: small(2),
    dw: small(2),
    phFrac: fc.double({ min: 0, max: 0.999, noNaN: true }),
    pwFrac: fc.double({ min: 0, max: 0.999, noNaN: true }),
    ceilMode: fc.boolean(),
    levels: small(4), // few distinct values, so ties are common
    seed: fc.nat(1_000_000),
  })
  .map(({ phFrac, pwFrac, ...r }) => ({
    ...r,
    ph: Math.floor(phFrac * (Math.floor(r.kh / 2) + 1)),
    pw: Math.floor(pwFrac * (Math.floor(r.kw / 2) + 1)),
  }))
  .filter(
    (r) =>
      poolOutputSize(r.h, r.kh, r.sh, r.ph, r.dh, r.ceilMode) >= 1 &&
      poolOutputSize(r.w, r.kw, r.sw, r.pw, r.dw, r.ceilMode) >= 1,
  );

type Pool = typeof poolArb extends fc.Arbitrary<infer T> ? T : never;

function input(r: Pool): Tensor {
  const x = rand([r.n, r.c, r.h, r.w], { seed: r.seed, dtype: "float64" });
  for (let i = 0; i < x.size; i++) x.data[i] = Math.floor(x.data[i] * r.levels);
  return x;
}

describe("maxPool2d properties", () => {
  it("each value is its window's first maximum and the index points at it", () => {
    fc.assert(
      fc.property(poolArb, (r) => {
        const x = input(r);
        const options = {
          kernelSize: [r.kh, r.kw] as [number, number],
          stride: [r.sh, r.sw] as [number, number],
          padding: [r.ph, r.pw] as [number, number],
          dilation: [r.dh, r.dw] as [number, number],
          ceilMode: r.ceilMode,
        };
        const oh = poolOutputSize(r.h, r.kh, r.sh, r.ph, r.dh, r.ceilMode);
        const ow = poolOutputSize(r.w, r.kw, r.sw, r.pw, r.dw, r.ceilMode);
        // Brute force: each window's real pixels in row-major order.
        const windows: [number, number][][] = [];
        for (let oy = 0; oy < oh; oy++) {
          for (let ox = 0; ox < ow; ox++) {
            const window: [number, number][] = [];
            for (let u = 0; u < r.kh; u++) {
              for (let v = 0; v < r.kw; v++) {
                const y = oy * r.sh - r.ph + u * r.dh;
                const xx = ox * r.sw - r.pw + v * r.dw;
                if (y >= 0 && y < r.h && xx >= 0 && xx < r.w) window.push([y, xx]);
              }
            }
            windows.push(window);
          }
        }
        if (windows.some((win) => win.length === 0)) {
          expect(() => maxPool2d(x, options)).toThrow(/covers only padding/);
          return;
        }
        const { values, indices } = maxPool2d(x, options);
        expect(values.shape).toEqual([r.n, r.c, oh, ow]);
        for (let n = 0; n < r.n; n++) {
          for (let c = 0; c < r.c; c++) {
            windows.forEach((window, at) => {
              const oy = Math.floor(at / ow);
              const ox = at % ow;
              const vals = window.map(([y, xx]) => x.get(n, c, y, xx));
              const best = Math.max(...vals);
              const first = window[vals.indexOf(best)];
              expect(values.get(n, c, oy, ox)).toBe(best);
              expect(indices.get(n, c, oy, ox)).toBe(first[0] * r.w + first[1]);
            });
          }
        }
      }),
      { numRuns: 200, seed: 501 },
    );
  });

  it("gives the same values and indices in NHWC", () => {
    fc.assert(
      fc.property(poolArb, (r) => {
        const x = input(r);
        const options = {
          kernelSize: [r.kh, r.kw] as [number, number],
          stride: [r.sh, r.sw] as [number, number],
          ceilMode: r.ceilMode,
        };
        if (poolOutputSize(r.h, r.kh, r.sh, 0, 1, r.ceilMode) < 1 || poolOutputSize(r.w, r.kw, r.sw, 0, 1, r.ceilMode) < 1)
          return;
        const a = maxPool2d(x, options);
        const b = maxPool2d(nchwToNhwc(x), { ...options, layout: "NHWC" });
        expect(b.values.equals(nchwToNhwc(a.values))).toBe(true);
        expect(b.indices.equals(nchwToNhwc(a.indices))).toBe(true);
      }),
      { numRuns: 100, seed: 502 },
    );
  });
});

describe("maxUnpool2d properties", () => {
  it("pool -> unpool -> pool gives the pooled values back (positive input, non-overlapping windows)", () => {
    fc.assert(
      fc.property(small(2), small(3), small(3), small(4), small(4), fc.nat(1_000_000), (c, kh, kw, oh, ow, seed) => {
        const h = oh * kh + (seed % kh); // leftover rows are dropped by pooling
        const w = ow * kw + (seed % kw);
        const x = rand([1, c, h, w], { seed, dtype: "float64" });
        for (let i = 0; i < x.size; i++) x.data[i] += 1;
        const { values, indices } = maxPool2d(x, { kernelSize: [kh, kw] });
        const restored = maxUnpool2d(values, indices, { kernelSize: [kh, kw], outputSize: [h, w] });
        expect(restored.shape).toEqual([1, c, h, w]);
        // Every nonzero of the restored image is the input pixel at that place.
        for (let i = 0; i < restored.size; i++) {
          if (restored.data[i] !== 0) expect(restored.data[i]).toBe(x.data[i]);
        }
        const again = maxPool2d(restored, { kernelSize: [kh, kw] });
        expect(again.values.equals(values)).toBe(true);
        expect(again.indices.equals(indices)).toBe(true);
      }),
      { numRuns: 150, seed: 503 },
    );
  });
});
