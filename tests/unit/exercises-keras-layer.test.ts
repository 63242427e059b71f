// Exercises of notebook 7, against references written here: TensorFlow's 'same' crop rule and its 'valid' size rule.
import { describe, expect, it } from "vitest";
import { cornerValue, samePadding, validSize } from "../../src/exercises";
import { rand, randn } from "../../src/tensor";

describe("samePadding", () => {
  it("is right only for the padding that crops the odd pixel at the bottom and right", () => {
    const rights: number[][] = [];
    for (let top = 0; top <= 2; top++)
      for (let left = 0; left <= 2; left++)
        for (let bottom = 0; bottom <= 2; bottom++)
          for (let right = 0; right <= 2; right++) {
            if (samePadding({ top, left, bottom, right }).correct) rights.push([top, left, bottom, right]);
          }
    // TensorFlow: total crop (i-1)s + k - i*s = 1 per axis, floor(1/2) = 0 before, the rest after.
    expect(rights).toEqual([[0, 0, 1, 1]]);
  });

  it("tells a wrong size from a shifted result, without naming the answer", () => {
    const size = samePadding({ top: 1, left: 1, bottom: 1, right: 1 });
    expect(size).toMatchObject({ exercise: "07.same-padding", correct: false, answered: true });
    expect(size.message).toContain("gives 5x5");
    const shifted = samePadding({ top: 1, left: 1, bottom: 0, right: 0 }, "vi");
    expect(shifted.message).toMatch(/^Kích thước đúng/);
    for (const hint of [size.message, shifted.message]) expect(hint).not.toMatch(/bottom and right|\[0, 0, 1, 1\]/);
    expect(samePadding({ top: 4, left: 0, bottom: 3, right: 0 }).message).toMatch(/crops all of it/);
    expect(samePadding({ top: null, left: 0, bottom: 1, right: 1 })).toMatchObject({ answered: false });
    expect(samePadding({ top: -1, left: 0, bottom: 1, right: 1 }).message).toBe("top must be a whole number >= 0; it is -1.");
  });
});

describe("validSize", () => {
  it("is right exactly when Keras' 'valid' size i*s + max(k - s, 0) is 12", () => {
    for (let k = 1; k <= 12; k++)
      for (let s = 1; s <= 12; s++) {
        expect(validSize({ k, s }).correct, `k=${k} s=${s}`).toBe(3 * s + Math.max(k - s, 0) === 12);
      }
    expect(validSize({ k: 3, s: 3 }).message).toContain("give 9x9");
    expect(validSize({ k: 0, s: 3 }).answered).toBe(true);
    expect(validSize({ k: null, s: 3 }, "vi").message).toMatch(/^Chưa có câu trả lời/);
  });
});

describe("cornerValue", () => {
  const x = rand([1, 3, 3, 3], { seed: 2020 });
  const kernel = randn([3, 3, 6, 3], { seed: 7 });
  const byHand = [0, 1, 2].reduce((sum, c) => sum + x.get(0, 0, 0, c) * kernel.get(0, 0, 2, c), 0);

  it("is right for the one-stamp sum over input channels, wrong for a single channel or a nearby number", () => {
    expect(cornerValue({ value: byHand }).correct).toBe(true);
    expect(cornerValue({ value: x.get(0, 0, 0, 0) * kernel.get(0, 0, 2, 0) }).correct).toBe(false);
    const hint = cornerValue({ value: byHand + 0.01 });
    expect(hint.correct).toBe(false);
    expect(hint.message).not.toContain(byHand.toFixed(3));
    expect(cornerValue({ value: Number.NaN }).message).toBe("value must be a finite number; it is NaN.");
  });
});
