// Exercises of notebook 8, against references written here: the convolution matrix from its placement rule,
// the floor PyTorch's output padding restores, and the gradient of a sum of windows.
import { describe, expect, it } from "vitest";
import { adjointPadding, stridedMatrix, sumGradient } from "../../src/exercises";

describe("stridedMatrix", () => {
  // C[r, 2r + a] = kernel[a] for the stride-2 windows of a length-5 input.
  const C = [0, 1].map((r) => Array.from({ length: 5 }, (_, c) => (c - 2 * r >= 0 && c - 2 * r < 3 ? [1, 2, 3][c - 2 * r] : 0)));

  it("is right for the placement rule and wrong when any one entry changes", () => {
    expect(stridedMatrix({ rows: C }).correct).toBe(true);
    for (let r = 0; r < 2; r++)
      for (let c = 0; c < 5; c++) {
        const changed = C.map((row) => row.slice());
        changed[r][c] += 1;
        const verdict = stridedMatrix({ rows: changed });
        expect(verdict.correct).toBe(false);
        expect(verdict.message).toMatch(/^1 of the 10 entries differ/);
      }
  });

  it("names a wrong form and an unanswered one", () => {
    expect(stridedMatrix({ rows: [[1, 2, 3, 0, 0]] }).message).toBe(
      'rows must be 2 rows of 5 numbers, e.g. [[1, 2], [3, 4]]; it is "[[1,2,3,0,0]]".',
    );
    expect(stridedMatrix({ rows: null }, "vi")).toMatchObject({ answered: false, language: "vi" });
    expect(
      stridedMatrix({
        rows: [
          [1, 2, 3, 0, 0],
          [0, 0, 1, null as unknown as number, 3],
        ],
      }).answered,
    ).toBe(false);
  });
});

describe("adjointPadding", () => {
  it("is right only for the rows the convolution's floor dropped, (8 + 2p - k) mod s", () => {
    for (let a = 0; a <= 4; a++) expect(adjointPadding({ outputPadding: a }).correct, `a=${a}`).toBe(a === (8 + 2 - 3) % 3);
    expect(adjointPadding({ outputPadding: 0 }).message).toContain("gives 7x7");
    expect(adjointPadding({ outputPadding: 3 }).message).toMatch(/only below the stride/);
    expect(adjointPadding({ outputPadding: 0.5 }).message).toBe("outputPadding must be a whole number >= 0; it is 0.5.");
  });
});

describe("sumGradient", () => {
  // Input pixel (i, j) is covered by the window at (r, c) with kernel entry (i - r, j - c): sum those entries.
  const K = [
    [0, 1],
    [2, 3],
  ];
  const grad = [0, 1, 2].map((i) =>
    [0, 1, 2].map((j) => {
      let s = 0;
      for (let r = 0; r < 2; r++)
        for (let c = 0; c < 2; c++) if (i - r >= 0 && i - r < 2 && j - c >= 0 && j - c < 2) s += K[i - r][j - c];
      return s;
    }),
  );

  it("is right for the sum over covering windows and wrong for the kernel flipped", () => {
    expect(sumGradient({ rows: grad }).correct).toBe(true);
    const flipped = grad.map((row) => row.slice().reverse()).reverse();
    const verdict = sumGradient({ rows: flipped });
    expect(verdict.correct).toBe(false);
    expect(verdict.message).not.toContain("6");
    expect(
      sumGradient({
        rows: [
          [1, 2],
          [3, 4],
        ],
      }).message,
    ).toMatch(/^rows must be 3 rows of 3 numbers/);
  });
});
