// Property tests: every explanation agrees with the op it explains (convTranspose2d, conv2d)
// on random geometries, and the overlap counts follow the k-divisible-by-s rule.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  contributions,
  conv2d,
  convolutionMatrixExplanation,
  convTranspose2d,
  maxAbsDiff,
  overlapCounts,
  randn,
  scatterSteps,
  Tensor,
  zeroInsertionSteps,
} from "../../src";

const small = (max: number) => fc.integer({ min: 1, max });

const geometryArb = fc
  .record({
    h: small(4),
    w: small(4),
    kh: small(3),
    kw: small(3),
    sh: small(3),
    sw: small(3),
    dh: small(2),
    dw: small(2),
    crop: fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)),
    aFracH: fc.double({ min: 0, max: 0.999, noNaN: true }),
    aFracW: fc.double({ min: 0, max: 0.999, noNaN: true }),
    seed: fc.nat(1_000_000),
    row: fc.nat(100),
    col: fc.nat(100),
  })
  .map(({ aFracH, aFracW, ...r }) => ({
    ...r,
    ah: Math.floor(aFracH * Math.max(r.sh, r.dh)),
    aw: Math.floor(aFracW * Math.max(r.sw, r.dw)),
  }))
  .filter(
    (r) =>
      (r.h - 1) * r.sh + r.dh * (r.kh - 1) + 1 - r.crop[0] - r.crop[2] + r.ah >= 1 &&
      (r.w - 1) * r.sw + r.dw * (r.kw - 1) + 1 - r.crop[1] - r.crop[3] + r.aw >= 1,
  );

type Geometry = typeof geometryArb extends fc.Arbitrary<infer T> ? T : never;

function operands(g: Geometry) {
  const x = randn([g.h, g.w], { seed: g.seed, dtype: "float64" });
  const kernel = randn([g.kh, g.kw], { seed: g.seed + 1, dtype: "float64" });
  const options = {
    stride: [g.sh, g.sw] as [number, number],
    dilation: [g.dh, g.dw] as [number, number],
    padding: g.crop,
    outputPadding: [g.ah, g.aw] as [number, number],
  };
  return { x, kernel, options, reference: convTranspose2d(x, kernel, { ...options, algorithm: "scatter" }) };
}

const close = (a: Tensor, b: Tensor) => expect(maxAbsDiff(a, b, 1e-12, 1e-12)).toBe(0);

describe("explanations agree with the ops", () => {
  it("scatterSteps: the final output and the last running sum equal convTranspose2d", () => {
    fc.assert(
      fc.property(geometryArb, (g) => {
        const { x, kernel, options, reference } = operands(g);
        const e = scatterSteps(x, kernel, options);
        close(e.output, reference);
        close(e.steps[e.steps.length - 1].runningOutput, reference);
        close(e.steps[e.steps.length - 1].runningFull, e.full);
        // The uncropped result is the transposed convolution without padding.
        close(e.full, convTranspose2d(x, kernel, { stride: options.stride, dilation: options.dilation }));
        // Each product block is value x kernel.
        for (const step of e.steps) {
          step.product.data.forEach((v, i) => expect(v).toBe(step.value * kernel.data[i]));
        }
      }),
      { numRuns: 150, seed: 701 },
    );
  });

  it("zeroInsertionSteps: the sliding-window dot products are the output, which equals convTranspose2d", () => {
    fc.assert(
      fc.property(geometryArb, (g) => {
        const { x, kernel, options, reference } = operands(g);
        const e = zeroInsertionSteps(x, kernel, options);
        close(e.output, reference);
        expect(e.stretched.shape).toEqual([(g.h - 1) * g.sh + 1, (g.w - 1) * g.sw + 1]);
        expect(e.z).toEqual([g.sh - 1, g.sw - 1]);
        expect(e.pPrime).toEqual([
          g.dh * (g.kh - 1) - g.crop[0],
          g.dw * (g.kw - 1) - g.crop[1],
          g.dh * (g.kh - 1) - g.crop[2],
          g.dw * (g.kw - 1) - g.crop[3],
        ]);
        expect(e.windows.length).toBe(reference.size);
        e.windows.forEach((w, i) => expect(w.dot).toBe(e.output.data[i]));
      }),
      { numRuns: 150, seed: 702 },
    );
  });

  it("contributions: the terms sum to the output pixel and their count is the overlap count", () => {
    fc.assert(
      fc.property(geometryArb, (g) => {
        const { x, kernel, options, reference } = operands(g);
        const [oh, ow] = reference.shape;
        const position: [number, number] = [g.row % oh, g.col % ow];
        const c = contributions(x, kernel, options, position);
        expect(c.sum).toBeCloseTo(reference.get(...position), 10);
        const counts = overlapCounts({ inputSize: [g.h, g.w], kernelSize: [g.kh, g.kw], ...options });
        expect(counts.shape).toEqual(reference.shape);
        expect(c.terms.length).toBe(counts.get(...position));
        for (const t of c.terms) {
          expect(t.input.value).toBe(x.get(...t.input.position));
          expect(t.kernel.value).toBe(kernel.get(...t.kernel.position));
        }
      }),
      { numRuns: 150, seed: 703 },
    );
  });

  it("convolutionMatrixExplanation: C x == conv2d(x) and C^T y == the matching convTranspose2d", () => {
    fc.assert(
      fc.property(small(6), small(6), small(3), small(3), small(2), fc.nat(1), fc.nat(1_000_000), (h, w, k, s, d, p, seed) => {
        if (d * (k - 1) + 1 > Math.min(h, w) + 2 * p) return;
        const kernel = randn([k, k], { seed, dtype: "float64" });
        const x = randn([h, w], { seed: seed + 1, dtype: "float64" });
        const e = convolutionMatrixExplanation([h, w], kernel, { stride: s, padding: p, dilation: d });
        const y = conv2d(x, kernel, { stride: s, padding: p, dilation: d });
        expect(e.outputShape).toEqual(y.shape);
        const C = e.C.toArray() as number[][];
        C.forEach((row, r) => expect(row.reduce((acc, v, j) => acc + v * x.data[j], 0)).toBeCloseTo(y.data[r], 10));
        // C^T maps back to h x w: the transposed convolution with the output padding that restores the size.
        const [oh, ow] = e.outputShape;
        const span = (n: number) => n + 2 * p - d * (k - 1) - 1;
        const a: [number, number] = [span(h) % s, span(w) % s];
        const yt = randn([oh, ow], { seed: seed + 2, dtype: "float64" });
        const back = convTranspose2d(yt, kernel, { stride: s, padding: p, dilation: d, outputPadding: a });
        expect(back.shape).toEqual([h, w]);
        const CT = e.CT.toArray() as number[][];
        CT.forEach((row, r) => expect(row.reduce((acc, v, j) => acc + v * yt.data[j], 0)).toBeCloseTo(back.data[r], 10));
        expect(e.rowLabels.length).toBe(oh * ow);
        expect(e.columnLabels.length).toBe(h * w);
      }),
      { numRuns: 100, seed: 704 },
    );
  });
});

describe("overlapCounts", () => {
  it("is uniform (k / s) in the fully overlapped region exactly when s divides k (the checkerboard rule)", () => {
    fc.assert(
      fc.property(small(6), small(6), small(4), (i, k, s) => {
        const counts = overlapCounts({ inputSize: [1, i], kernelSize: [1, k], stride: [1, s] });
        const row = Array.from(counts.data);
        expect(row.reduce((a, b) => a + b, 0)).toBe(i * k); // every term lands somewhere
        // Positions reached by every possible kernel phase: k - 1 .. (i - 1) s.
        const interior = row.slice(k - 1, (i - 1) * s + 1);
        if (interior.length < s) return;
        const distinct = new Set(interior);
        if (k % s === 0) expect([...distinct]).toEqual([k / s]);
        else expect([...distinct].sort((p, q) => p - q)).toEqual([Math.floor(k / s), Math.ceil(k / s)]);
      }),
      { numRuns: 150, seed: 705 },
    );
  });
});
