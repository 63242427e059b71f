// Exercises of notebook 9, against references written here: the 1-D stamp counts and the per-phase kernel sums.
import { describe, expect, it } from "vitest";
import { evenWeights, flatKernel, predictContrast } from "../../src/exercises";

/** Stamps (k wide, s apart) covering output position o of a long input, far from the borders. */
const coverage = (o: number, k: number, s: number) =>
  Array.from({ length: 40 }, (_, j) => o - s * j).filter((d) => d >= 0 && d < k).length;

describe("flatKernel", () => {
  it("is right exactly when every interior position is covered by as many stamps as its neighbours", () => {
    for (let k = 4; k <= 9; k++) {
      const counts = new Set([30, 31, 32].map((o) => coverage(o, k, 3)));
      expect(flatKernel({ k }).correct, `k=${k}`).toBe(counts.size === 1);
    }
    expect(flatKernel({ k: 6 }).correct).toBe(true);
    expect(flatKernel({ k: 4 }).message).toContain("between 1 and 4 terms");
    expect(flatKernel({ k: 3 }).message).toBe("k must be a whole number from 4 to 9; it is 3.");
    expect(flatKernel({ k: null }).answered).toBe(false);
  });
});

describe("evenWeights", () => {
  it("is right when the four stride phases receive equal sums, wrong otherwise", () => {
    // phases of a 3x3 kernel at stride 2: even rows get rows 0 and 2, odd rows get row 1 (same for columns)
    const phaseSums = (w: number[][]) =>
      [
        [
          [0, 2],
          [0, 2],
        ],
        [[0, 2], [1]],
        [[1], [0, 2]],
        [[1], [1]],
      ].map(([rows, cols]) => rows.reduce((s, r) => s + cols.reduce((t, c) => t + w[r][c], 0), 0));
    const kernels = [
      [
        [0.25, 0.5, 0.25],
        [0.5, 1, 0.5],
        [0.25, 0.5, 0.25],
      ],
      [
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ],
      [
        [0, 0, 0],
        [0, 1, 0],
        [0, 0, 0],
      ],
      [
        [0.1, 0.5, 0.4],
        [0.3, 1, 0.7],
        [0.2, 0.5, 0.3],
      ],
      [
        [1, 2, 1],
        [2, 4, 2],
        [1, 2, 1],
      ],
      [
        [0.3, 0.2, 0.5],
        [0.1, 0.4, 0.1],
        [0.2, 0.0, 0.2],
      ],
    ];
    for (const w of kernels) {
      const sums = phaseSums(w);
      expect(evenWeights({ rows: w }).correct, JSON.stringify(w)).toBe(sums.every((v) => Math.abs(v - sums[0]) < 1e-9));
    }
    expect(
      evenWeights({
        rows: [
          [0, 0, 0],
          [0, 0, 0],
          [0, 0, 0],
        ],
      }).message,
    ).toMatch(/all zeros/);
    expect(
      evenWeights(
        {
          rows: [
            [1, 1, 1],
            [1, 1, 1],
            [1, 1, 1],
          ],
        },
        "vi",
      ).message,
    ).toMatch(/^Phần bên trong vẫn dao động/);
  });
});

describe("predictContrast", () => {
  it("is right for the ratio of the largest to the smallest product of per-axis stamp counts", () => {
    const perAxis = [30, 31].map((o) => coverage(o, 7, 2));
    const ratio = Math.max(...perAxis) ** 2 / Math.min(...perAxis) ** 2;
    expect(predictContrast({ ratio }).correct).toBe(true);
    for (const wrong of [Math.max(...perAxis) / Math.min(...perAxis), 2, 1]) {
      const verdict = predictContrast({ ratio: wrong });
      expect(verdict.correct, String(wrong)).toBe(false);
      expect(verdict.message).not.toContain(String(ratio));
    }
    expect(predictContrast({ ratio: null }, "vi").message).toMatch(/^Chưa có câu trả lời/);
  });
});
