// Exercise 02.nearest-picks against PyTorch's two formulas written here: 'nearest' copies
// floor(d * in / out), 'nearest-exact' copies floor((d + 0.5) * in / out), clamped to the input.
import { describe, expect, it } from "vitest";
import { nearestPicks } from "../../src/exercises";

const [inLength, outLength] = [5, 8];
const floorPicks = (offset: number) =>
  Array.from({ length: outLength }, (_, d) => Math.min(inLength - 1, Math.floor(((d + offset) * inLength) / outLength)));

describe("nearestPicks", () => {
  it("is right exactly for PyTorch's two formulas, and tells which list is wrong", () => {
    const [nearest, exact] = [floorPicks(0), floorPicks(0.5)];
    expect([nearest, exact]).toEqual([
      [0, 0, 1, 1, 2, 3, 3, 4],
      [0, 0, 1, 2, 2, 3, 4, 4],
    ]);
    expect(nearestPicks({ nearest, nearestExact: exact }).correct).toBe(true);
    expect(nearestPicks({ nearest: exact, nearestExact: nearest }).message).toMatch(/swapped/);
    expect(nearestPicks({ nearest: [0, 1, 1, 2, 2, 3, 4, 4], nearestExact: exact }).message).toMatch(
      /^The 'nearest' list is not right/,
    );
    expect(nearestPicks({ nearest, nearestExact: [0, 0, 1, 1, 2, 3, 3, 4].reverse() }).message).toMatch(
      /^The 'nearest' list is right/,
    );
    // every other answer that differs from the right one in a single entry is wrong
    for (let i = 0; i < outLength; i++)
      for (let v = 0; v < inLength; v++) {
        if (v !== exact[i])
          expect(nearestPicks({ nearest, nearestExact: exact.map((e, j) => (j === i ? v : e)) }).correct).toBe(false);
        if (v !== nearest[i])
          expect(nearestPicks({ nearest: nearest.map((e, j) => (j === i ? v : e)), nearestExact: exact }).correct).toBe(false);
      }
    const hint = nearestPicks({ nearest: [0, 0, 0, 0, 0, 0, 0, 0], nearestExact: exact }, "vi");
    expect(hint.message).toMatch(/^Danh sách 'nearest' chưa đúng/);
    expect(hint.message).not.toContain(nearest.join(" "));
    expect(nearestPicks({ nearest: [0, 0, 1], nearestExact: exact }).message).toBe(
      'nearest must be a list of 8 whole numbers from 0 to 4; it is "[0,0,1]".',
    );
    expect(nearestPicks({ nearest: null, nearestExact: null }).answered).toBe(false);
    expect(nearestPicks({ nearest: [0, null as unknown as number, 1, 1, 2, 3, 3, 4], nearestExact: exact }).answered).toBe(false);
  });
});
