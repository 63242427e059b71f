import { describe, expect, it } from "vitest";
import { AssertionFailed, assertClose, assertEqual, assertShape, assertTrue, tensor } from "../../src";

describe("notebook assertions", () => {
  it("pass and return the value when close", () => {
    const t = tensor([
      [0, 0, 1],
      [0, 4, 6],
    ]);
    expect(
      assertClose(t, [
        [0, 0, 1],
        [0, 4, 6],
      ]),
    ).toBe(t);
    expect(assertClose(0.1 + 0.2, 0.3)).toBeCloseTo(0.3);
    expect(assertEqual("0 + 2 + 2 + 0 = 4", "0 + 2 + 2 + 0 = 4")).toBe("0 + 2 + 2 + 0 = 4");
    expect(assertShape(t, [2, 3])).toBe(t);
  });

  it("fail with where and what differs", () => {
    const t = tensor([
      [0, 0, 1],
      [0, 5, 6],
    ]);
    expect(() =>
      assertClose(
        t,
        [
          [0, 0, 1],
          [0, 4, 6],
        ],
        { label: "3x3 example" },
      ),
    ).toThrow("3x3 example: 1 of 6 values differ: at [1, 1] expected 4, got 5");
    expect(() => assertClose(t, [[0, 0, 1]])).toThrow("expected shape [1, 3], got shape [2, 3]");
    expect(() => assertEqual([1, 2], [1, 3], "pair")).toThrow("pair: expected [1, 3], got [1, 2]");
    expect(() => assertShape(t, [3, 3])).toThrow(AssertionFailed);
    expect(() => assertTrue(false, "o must be 4")).toThrow("o must be 4");
    expect(() =>
      assertClose(
        t,
        [
          [0, 0, 1],
          [0, 4, 6],
        ],
        { atol: 1 },
      ),
    ).not.toThrow();
  });
});
