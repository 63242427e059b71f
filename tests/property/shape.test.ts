// Property tests: every output-size formula equals the actual shape of the op it describes,
// every listed (k, s, p, a) choice really produces the wanted size, and the four-step
// equivalent convolution (Dumoulin & Visin 8-14) computes the transposed convolution.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  conv2d,
  convOutputSize,
  convTranspose2d,
  convTransposeOutputSize,
  equivalentConvolution,
  insertZeros,
  maxAbsDiff,
  maxPool2d,
  pad2d,
  poolOutputSize,
  randn,
  rotate180,
  summaryTable,
  transposeConvChoices,
} from "../../src";

const small = (max: number) => fc.integer({ min: 1, max });

const transposeArb = fc
  .record({
    i: small(5),
    k: small(4),
    s: small(3),
    d: small(2),
    p: fc.nat(3),
    aFrac: fc.double({ min: 0, max: 0.999, noNaN: true }),
    seed: fc.nat(1_000_000),
  })
  .map(({ aFrac, ...r }) => ({ ...r, a: Math.floor(aFrac * Math.max(r.s, r.d)) }))
  .filter((r) => (r.i - 1) * r.s - 2 * r.p + r.d * (r.k - 1) + r.a + 1 >= 1);

describe("output-size formulas equal the ops' shapes", () => {
  it("convOutputSize == conv2d's output size", () => {
    fc.assert(
      fc.property(small(9), small(4), small(3), fc.nat(2), small(2), fc.nat(1_000_000), (i, k, s, p, d, seed) => {
        if (d * (k - 1) + 1 > i + 2 * p) {
          expect(() => convOutputSize({ i, k, s, p, d })).toThrow(RangeError);
          return;
        }
        const { size, formula } = convOutputSize({ i, k, s, p, d });
        const y = conv2d(randn([i, i + 1], { seed }), randn([k, k], { seed: seed + 1 }), { stride: s, padding: p, dilation: d });
        expect(y.shape[0]).toBe(size);
        expect(formula.endsWith(`= ${size}`)).toBe(true);
      }),
      { numRuns: 200, seed: 601 },
    );
  });

  it("convTransposeOutputSize == convTranspose2d's output size", () => {
    fc.assert(
      fc.property(transposeArb, ({ i, k, s, p, d, a, seed }) => {
        const { size } = convTransposeOutputSize({ i, k, s, p, d, outputPadding: a });
        const y = convTranspose2d(randn([i, 2], { seed }), randn([k, k], { seed: seed + 1 }), {
          stride: [s, 1],
          padding: [p, 0],
          dilation: [d, 1],
          outputPadding: [a, 0],
        });
        expect(y.shape[0]).toBe(size);
      }),
      { numRuns: 200, seed: 602 },
    );
  });

  it("poolOutputSize == maxPool2d's output size and the windows it counts exist", () => {
    fc.assert(
      fc.property(
        small(9),
        small(3),
        small(3),
        small(2),
        fc.boolean(),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (i, k, s, d, ceilMode, pFrac) => {
          const p = Math.floor(pFrac * (Math.floor(k / 2) + 1));
          const o = poolOutputSize(i, k, s, p, d, ceilMode);
          if (o < 1) return;
          // The last window starts inside the input or its left padding ...
          expect((o - 1) * s - p).toBeLessThan(i);
          // ... and in floor mode ends inside the padded input.
          if (!ceilMode) expect((o - 1) * s + d * (k - 1)).toBeLessThanOrEqual(i + 2 * p - 1);
          try {
            expect(
              maxPool2d(randn([i, 1]), { kernelSize: [k, 1], stride: [s, 1], padding: [p, 0], dilation: [d, 1], ceilMode }).values
                .shape[0],
            ).toBe(o);
          } catch (e) {
            expect(String(e)).toMatch(/covers only padding/);
          }
        },
      ),
      { numRuns: 200, seed: 603 },
    );
  });
});

describe("transposeConvChoices", () => {
  it("every listed choice takes i to o in convTranspose2d, and nothing within the bounds is missing", () => {
    fc.assert(
      fc.property(small(4), small(10), small(4), small(3), fc.nat(2), (i, o, maxKernel, maxStride, maxPadding) => {
        const choices = transposeConvChoices({ i, o, maxKernel, maxStride, maxPadding });
        for (const c of choices) {
          const y = convTranspose2d(randn([i, 1]), randn([c.k, 1]), {
            stride: [c.s, 1],
            padding: [c.p, 0],
            outputPadding: [c.outputPadding, 0],
          });
          expect(y.shape[0]).toBe(o);
        }
        let expected = 0;
        for (let s = 1; s <= maxStride; s++) {
          for (let k = 1; k <= maxKernel; k++) {
            for (let p = 0; p <= maxPadding; p++) {
              for (let a = 0; a < s; a++) if ((i - 1) * s + k - 2 * p + a === o) expected++;
            }
          }
        }
        expect(choices.length).toBe(expected);
      }),
      { numRuns: 150, seed: 604 },
    );
  });
});

describe("equivalentConvolution (relationships 8-14)", () => {
  it("insert z zeros, pad by p' (+a bottom/right), convolve stride 1 with the rotated kernel == convTranspose2d", () => {
    fc.assert(
      fc.property(
        transposeArb.filter((r) => r.d === 1 && r.a < r.s),
        ({ i, k, s, p, a, seed }) => {
          const eq = equivalentConvolution({ i, k, s, p, outputPadding: a });
          const x = randn([i, i], { seed, dtype: "float64" });
          const kernel = randn([k, k], { seed: seed + 1, dtype: "float64" });
          const stretched = insertZeros(x, eq.z + 1);
          expect(stretched.shape).toEqual([eq.stretched, eq.stretched]);
          const padded = pad2d(stretched, eq.paddedSides);
          expect(padded.shape).toEqual([eq.padded, eq.padded]);
          const direct = conv2d(padded, rotate180(kernel), { stride: eq.sPrime });
          const reference = convTranspose2d(x, kernel, { stride: s, padding: p, outputPadding: a });
          expect(direct.shape).toEqual([eq.output, eq.output]);
          expect(maxAbsDiff(direct, reference, 1e-12, 1e-12)).toBe(0);
          // The forward convolution takes the output size back to i.
          if (eq.output + 2 * p >= k) expect(convOutputSize({ i: eq.output, k, s, p }).size).toBe(i);
        },
      ),
      { numRuns: 200, seed: 605 },
    );
  });

  it("the summary table's numbers agree with the size functions", () => {
    fc.assert(
      fc.property(small(6), small(4), small(3), fc.nat(2), (i, k, s, p) => {
        if (k > i + 2 * p || (i - 1) * s + k - 2 * p < 1) return;
        const t = summaryTable({ i, k, s, p });
        expect(t.rows[0].outputSize.value).toBe(convOutputSize({ i, k, s, p }).size);
        expect(t.rows[1].outputSize.value).toBe(convTransposeOutputSize({ i, k, s, p }).size);
        expect(t.rows[1].padding.value).toBe(k - p - 1);
        expect(t.rows[1].zeroInsertions.value).toBe(s - 1);
      }),
      { numRuns: 100, seed: 606 },
    );
  });
});
