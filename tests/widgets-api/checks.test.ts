import { beforeEach, describe, expect, it } from "vitest";
import { AssertionFailed } from "../../src/assert";
import { fiveToTen } from "../../src/exercises";
import { tensor } from "../../src/tensor";
import { check, checks, VERDICT_MIMETYPE } from "../../widgets/api";

const display = (value: unknown): Record<string, unknown> =>
  (value as { [key: symbol]: () => Record<string, unknown> })[Symbol.for("Jupyter.display")]();

beforeEach(() => checks.reset());

describe("checks", () => {
  it("count passed checks once per label, and say so in the summary line", () => {
    checks.assertEqual(2, 2, "two");
    checks.assertClose(tensor([1, 2]), [1, 2.0000001], { label: "close" });
    checks.assertShape(tensor([[1, 2]]), [1, 2], "shape");
    checks.assertTrue(true, "true");
    checks.assertEqual(2, 2, "two"); // a re-run cell
    expect(checks.counts()).toEqual({ passed: 4, failed: 0, failedLabels: [] });
    expect(String(checks.summary())).toBe("✓ All 4 checks of this notebook passed.");
    expect(String(checks.summary("vi"))).toBe("✓ Cả 4 phép kiểm tra của notebook này đều đúng.");
  });

  it("rethrow a failed check, and the summary fails naming it", () => {
    checks.assertEqual(1, 1, "fine");
    expect(() => checks.assertEqual(1, 2, "one is two")).toThrow(AssertionFailed);
    expect(() => checks.summary()).toThrow("✗ 1 of 2 checks failed: one is two.");
  });

  it("refuse a summary when no check ran, and an unknown language", () => {
    expect(() => checks.summary()).toThrow(/No check has run yet/);
    checks.assertTrue(true, "x");
    expect(() => checks.summary("fr" as "en")).toThrow('checks.summary: language must be "en" or "vi", got "fr"');
  });
});

describe("check", () => {
  it("shows a right answer, a hint, and a missing answer, with the verdict as JSON", () => {
    const rightBundle = display(check(fiveToTen({ k: 2, s: 2, p: 0 })));
    expect(rightBundle["text/plain"]).toMatch(/^✓ Right: /);
    expect(rightBundle[VERDICT_MIMETYPE]).toMatchObject({ exercise: "06.five-to-ten", correct: true });
    const wrong = display(check(fiveToTen({ k: 3, s: 2, p: 0 }, "vi")));
    expect(wrong["text/plain"]).toMatch(/^✗ Chưa đúng\. Gợi ý: /);
    expect(wrong["text/html"]).toContain("Gợi ý");
    const empty = display(check(fiveToTen({ k: null, s: null, p: null })));
    expect(empty["text/plain"]).toMatch(/^… No answer yet/);
  });

  it("counts the latest verdict of each exercise in the summary", () => {
    checks.assertTrue(true, "x");
    check(fiveToTen({ k: 3, s: 2, p: 0 }));
    expect(String(checks.summary())).toBe("✓ The one check of this notebook passed. Exercises: 0 of 1 right.");
    check(fiveToTen({ k: 2, s: 2, p: 0 }));
    expect(String(checks.summary())).toBe("✓ The one check of this notebook passed. Exercises: 1 of 1 right.");
  });

  it("summarise a notebook of exercises only (solutions)", () => {
    check(fiveToTen({ k: 2, s: 2, p: 0 }, "vi"));
    expect(String(checks.summary("vi"))).toBe("✓ Bài tập: đúng 1 trên 1.");
  });

  it("explains what to pass when given the exercise function itself", () => {
    expect(() => check(fiveToTen as never)).toThrow(/the exercise function itself \(call it with your answer\)/);
  });
});
