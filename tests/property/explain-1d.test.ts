// The explanations in 1-D: scatterSteps, zeroInsertionSteps, contributions and overlapCounts of a
// signal [L] with a kernel [k] agree with convTranspose1d, and the 2-D overlap counts are the outer product of the
// 1-D ones (why the checkerboard is a 1-D pattern in each axis).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contributions, convTranspose1d, ones, overlapCounts, randn, scatterSteps, tensor, zeroInsertionSteps } from "../../src";

const geometry = fc
  .record({
    l: fc.integer({ min: 1, max: 7 }),
    k: fc.integer({ min: 1, max: 4 }),
    s: fc.integer({ min: 1, max: 3 }),
    d: fc.integer({ min: 1, max: 2 }),
    left: fc.nat(2),
    right: fc.nat(2),
    aFrac: fc.double({ min: 0, max: 0.999, noNaN: true }),
    seed: fc.nat(10_000),
  })
  .map((c) => ({ ...c, a: Math.floor(c.aFrac * Math.max(c.s, c.d)) }))
  .filter((c) => (c.l - 1) * c.s + c.d * (c.k - 1) + 1 - c.left - c.right + c.a >= 1);

describe("explanations of a 1-D transposed convolution", () => {
  it("scatterSteps' and zeroInsertionSteps' outputs and contributions' sums equal convTranspose1d; overlapCounts equals it on ones", () => {
    fc.assert(
      fc.property(geometry, (c) => {
        const x = randn([c.l], { seed: c.seed, dtype: "float64" });
        const k = randn([c.k], { seed: c.seed + 1, dtype: "float64" });
        const options = { stride: c.s, dilation: c.d, padding: [c.left, c.right] as [number, number], outputPadding: c.a };
        const y = convTranspose1d(x, k, { ...options, algorithm: "scatter" });
        const steps = scatterSteps(x, k, options);
        expect(steps.output.shape).toEqual(y.shape);
        expect(steps.steps).toHaveLength(c.l);
        expect(steps.steps[c.l - 1].product.shape).toEqual([c.k]);
        for (let j = 0; j < y.size; j++) {
          expect(Math.abs(steps.output.data[j] - y.data[j])).toBeLessThan(1e-12);
          const terms = contributions(x, k, options, j);
          expect(terms.position).toEqual([0, j]);
          expect(Math.abs(terms.sum - y.data[j])).toBeLessThan(1e-12);
        }
        const fourSteps = zeroInsertionSteps(x, k, options);
        expect(fourSteps.output.shape).toEqual(y.shape);
        expect(fourSteps.stretched.shape).toEqual([(c.l - 1) * c.s + 1]);
        expect(Array.from(fourSteps.rotatedKernel.data)).toEqual(Array.from(k.data).reverse());
        for (let j = 0; j < y.size; j++) expect(Math.abs(fourSteps.output.data[j] - y.data[j])).toBeLessThan(1e-12);
        const counts = overlapCounts({ inputSize: [c.l], kernelSize: c.k, ...options });
        expect(Array.from(counts.data)).toEqual(Array.from(convTranspose1d(ones([c.l]), ones([c.k]), options).data));
      }),
      { numRuns: 150, seed: 1601 },
    );
  });

  it("2-D overlap counts are the outer product of the 1-D counts of each axis", () => {
    fc.assert(
      fc.property(geometry, geometry, (rows, cols) => {
        const counts = overlapCounts({
          inputSize: [rows.l, cols.l],
          kernelSize: [rows.k, cols.k],
          stride: [rows.s, cols.s],
          dilation: [rows.d, cols.d],
          padding: [rows.left, cols.left, rows.right, cols.right],
          outputPadding: [rows.a, cols.a],
        });
        const r = overlapCounts({
          inputSize: [rows.l],
          kernelSize: rows.k,
          stride: rows.s,
          dilation: rows.d,
          padding: [rows.left, rows.right],
          outputPadding: rows.a,
        });
        const c = overlapCounts({
          inputSize: [cols.l],
          kernelSize: [cols.k],
          stride: cols.s,
          dilation: cols.d,
          padding: [cols.left, cols.right],
          outputPadding: cols.a,
        });
        expect(counts.shape).toEqual([r.size, c.size]);
        for (let i = 0; i < r.size; i++) {
          for (let j = 0; j < c.size; j++) expect(counts.get(i, j)).toBe(r.data[i] * c.data[j]);
        }
      }),
      { numRuns: 100, seed: 1602 },
    );
  });

  it("the 1-D checkerboard: kernel 3, stride 2 alternates 1 and 2; kernel 4, stride 2 is flat inside", () => {
    expect(Array.from(overlapCounts({ inputSize: [4], kernelSize: 3, stride: 2 }).data)).toEqual([1, 1, 2, 1, 2, 1, 2, 1, 1]);
    expect(Array.from(overlapCounts({ inputSize: [4], kernelSize: 4, stride: 2, padding: 1 }).data)).toEqual([
      1, 2, 2, 2, 2, 2, 2, 1,
    ]);
    expect(contributions(tensor([1, 2]), tensor([1, 1, 1]), { stride: 2 }, 2).formula).toBe("1 + 2 = 3");
    expect(() => contributions(tensor([1, 2]), tensor([1, 1, 1]), { stride: 2 }, 5)).toThrow(
      "contributions: position must be an index inside the output of length 5 (0 <= j < 5), got 5",
    );
    expect(() => scatterSteps(tensor([1, 2]), tensor([[1, 1]]))).toThrow(
      "scatterSteps: kernel must be a 1-D [k] tensor when x is a 1-D [L] signal, got shape [1, 2]",
    );
    expect(() => overlapCounts({ inputSize: [4], kernelSize: [2, 2] })).toThrow(
      "kernelSize must be an integer >= 1 or [k] when inputSize is [l] (1-D), got [2, 2]",
    );
  });
});
