// Exercises of notebook 6, checked against the size formulas written out here (brute force over small settings).
import { describe, expect, it } from "vitest";
import { fiveToTen, predictSize, roundTrip } from "../../src/exercises";

const settings = (): { k: number; s: number; p: number }[] => {
  const all: { k: number; s: number; p: number }[] = [];
  for (let k = 1; k <= 6; k++) for (let s = 1; s <= 4; s++) for (let p = 0; p <= 3; p++) all.push({ k, s, p });
  return all;
};

describe("fiveToTen", () => {
  it("is right exactly when (5 - 1)s + k - 2p = 10", () => {
    for (const answer of settings()) {
      const verdict = fiveToTen(answer);
      expect(verdict.correct, JSON.stringify(answer)).toBe(4 * answer.s + answer.k - 2 * answer.p === 10);
      expect(verdict.answered).toBe(true);
    }
  });

  it("gives a hint that names the size reached, in either language, without a right setting", () => {
    const hint = fiveToTen({ k: 3, s: 2, p: 0 });
    expect(hint).toMatchObject({ exercise: "06.five-to-ten", correct: false, language: "en" });
    expect(hint.message).toContain("11x11");
    expect(fiveToTen({ k: 3, s: 2, p: 0 }, "vi").message).toContain("Các giá trị này cho 11x11");
    for (const { k, s, p } of settings().filter(({ k, s, p }) => 4 * s + k - 2 * p === 10)) {
      expect(hint.message).not.toContain(`k = ${k}, s = ${s}, p = ${p}`);
    }
  });

  it("tells an unfinished or malformed answer apart from a wrong one", () => {
    expect(fiveToTen({ k: null, s: 2, p: 0 })).toMatchObject({ correct: false, answered: false });
    expect(fiveToTen({ k: 2.5, s: 2, p: 0 }).message).toBe("k must be a whole number >= 1; it is 2.5.");
    expect(fiveToTen({ k: 2, s: 0, p: 0 }).message).toBe("s must be a whole number >= 1; it is 0.");
    expect(fiveToTen({ k: 3, s: 1, p: 9 }).message).toMatch(/nothing would be left/);
    expect(() => fiveToTen({ k: 2, s: 2, p: 0 }, "de" as "en")).toThrow(
      '06.five-to-ten: language must be "en" or "vi", got "de"',
    );
  });
});

describe("roundTrip", () => {
  it("is right exactly when the convolution takes 16 to 8 and the transposed one 8 to 16", () => {
    for (const answer of settings()) {
      const { k, s, p } = answer;
      const down = Math.floor((16 + 2 * p - k) / s) + 1;
      const up = 7 * s + k - 2 * p;
      expect(roundTrip(answer).correct, JSON.stringify(answer)).toBe(down === 8 && up === 16);
    }
    expect(roundTrip({ k: 4, s: 2, p: 1 }).correct).toBe(true);
    expect(roundTrip({ k: 3, s: 2, p: 1 })).toMatchObject({ correct: false });
    expect(roundTrip({ k: 3, s: 2, p: 1 }).message).toContain("16 → 8 and the transposed convolution 8 → 15");
    expect(roundTrip({ k: null, s: null, p: null }, "vi").message).toMatch(/^Chưa có câu trả lời/);
  });
});

describe("predictSize", () => {
  it("is right only for PyTorch's size, (7 - 1)·3 - 2·2 + (5 - 1) + 1 + 1", () => {
    const pytorch = (7 - 1) * 3 - 2 * 2 + (5 - 1) + 1 + 1;
    for (let o = 1; o <= 40; o++) expect(predictSize({ o }).correct, `o = ${o}`).toBe(o === pytorch);
  });

  it("points at the term a wrong answer left out, without the size", () => {
    expect(predictSize({ o: 19 }).message).toMatch(/adds to the size after the cropping/);
    expect(predictSize({ o: 24 }).message).toMatch(/it crops the full result/);
    expect(predictSize({ o: 3 }, "vi").message).toMatch(/^Bắt đầu từ kết quả đầy đủ/);
    for (const o of [19, 24, 3]) expect(predictSize({ o }).message).not.toContain("20");
    expect(predictSize({ o: null })).toMatchObject({ answered: false, correct: false });
    expect(predictSize({ o: "20" as unknown as number }).message).toBe('o must be a whole number >= 1; it is "20".');
  });
});
