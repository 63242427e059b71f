// Exercises of notebook 10: the learning rate is judged by running gradient descent, the kernel by nearest-neighbour upsampling.
import { describe, expect, it } from "vitest";
import { learningRate, nearestKernel, smoothTestImage } from "../../src/exercises";

describe("learningRate", () => {
  it("is right for a step just under the stability limit and explains each kind of wrong step", () => {
    expect(learningRate({ lr: 6 }).correct).toBe(true);
    expect(learningRate({ lr: 8 }).correct).toBe(true);
    const slow = learningRate({ lr: 1 });
    expect(slow.correct).toBe(false);
    expect(slow.message).toMatch(/bigger steps/);
    expect(learningRate({ lr: 9 }).message).toMatch(/Back off a little/);
    expect(learningRate({ lr: 20 }).message).toMatch(/went up along the way/);
    for (const hint of [slow.message, learningRate({ lr: 20 }).message]) expect(hint).not.toMatch(/between|η =|lr =/);
    expect(learningRate({ lr: 0 }).message).toBe("lr must be a number above 0 (and at most 1000); it is 0.");
    expect(learningRate({ lr: null }, "vi").message).toMatch(/^Chưa có câu trả lời/);
  });

  it("runs on a smooth test image in [0, 1]", () => {
    const img = smoothTestImage();
    expect(img.shape).toEqual([1, 1, 32, 32]);
    expect(Math.min(...img.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...img.data)).toBeLessThanOrEqual(1);
  });
});

describe("nearestKernel", () => {
  it("is right only for the kernel of ones", () => {
    expect(
      nearestKernel({
        rows: [
          [1, 1],
          [1, 1],
        ],
      }).correct,
    ).toBe(true);
    for (const rows of [
      [
        [1, 0],
        [0, 0],
      ],
      [
        [0.25, 0.25],
        [0.25, 0.25],
      ],
      [
        [1, 1],
        [1, 0.99],
      ],
    ]) {
      expect(nearestKernel({ rows }).correct, JSON.stringify(rows)).toBe(false);
    }
    expect(nearestKernel({ rows: [[1, 1, 1]] }).message).toMatch(/^rows must be 2 rows of 2 numbers/);
  });
});
