/**
 * Checks and exercises out of the student's way. Cells tagged `check` verify the numbers a notebook
 * shows with `checks.assertClose` / `assertEqual` / `assertShape` / `assertTrue` (the library's
 * assertions, counted); `check(verdict)` shows a student's exercise verdict; the notebook's last cell
 * `checks.summary()` says in one line how many checks passed and how many exercises are right.
 *
 * The tally lives here, in the kernel's module state (one per kernel, reset by a restart), so the
 * library itself stays free of globals. A check is keyed by its label, so re-running a cell does not
 * count it twice.
 */
import { assertClose, assertEqual, assertShape, assertTrue, type CloseOptions } from "../../src/assert";
import type { NestedArray, Tensor } from "../../src/tensor";
import { checkLanguage, type ExerciseVerdict, type Language } from "../../src/exercises";

/** Mime type of the machine-readable verdict in an exercise's output (read by the notebook tests). */
export const VERDICT_MIMETYPE = "application/vnd.upsampling-lab.verdict+json";

const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/** Passed (true) or failed (false), by check label. */
const results = new Map<string, boolean>();
/** Right or not, by exercise id, latest answer wins. */
const exerciseResults = new Map<string, boolean>();
let unlabelled = 0;

/** Runs one library assertion under `label` (or a fresh key), recording whether it passed; rethrows its failure. */
function counted(kind: string, label: string | undefined, run: () => unknown): void {
  const key = label ?? `${kind} #${++unlabelled}`;
  try {
    run();
    results.set(key, true);
  } catch (error) {
    results.set(key, false);
    throw error;
  }
}

/** A line of text that shows as itself (plain and HTML) when it is a cell's value. */
class Line {
  constructor(
    readonly text: string,
    private readonly html: string,
    private readonly extra: Record<string, unknown> = {},
  ) {}

  [JUPYTER_DISPLAY](): Record<string, unknown> {
    return { "text/plain": this.text, "text/html": this.html, ...this.extra };
  }

  toString(): string {
    return this.text;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const SUMMARY_TEXT = {
  en: {
    passed: (n: number) => (n === 1 ? "✓ The one check of this notebook passed." : `✓ All ${n} checks of this notebook passed.`),
    failed: (bad: number, n: number, labels: string) => `✗ ${bad} of ${n} checks failed: ${labels}.`,
    none: "No check has run yet: run the notebook from the top (Run > Run All Cells).",
    exercises: (ok: number, n: number) => ` Exercises: ${ok} of ${n} right.`,
  },
  vi: {
    passed: (n: number) => `✓ Cả ${n} phép kiểm tra của notebook này đều đúng.`,
    failed: (bad: number, n: number, labels: string) => `✗ ${bad} trên ${n} phép kiểm tra sai: ${labels}.`,
    none: "Chưa có phép kiểm tra nào chạy: hãy chạy notebook từ đầu (Run > Run All Cells).",
    exercises: (ok: number, n: number) => ` Bài tập: đúng ${ok} trên ${n}.`,
  },
} as const;

/**
 * The counted assertions of `check` cells and the closing summary. Each assertion checks exactly as
 * the library's (throws `AssertionFailed`), is counted under its label, and returns nothing, so a
 * collapsed check cell shows no value under it.
 */
export const checks = {
  /** `assertClose` of the library, counted. */
  assertClose(actual: Tensor | NestedArray, expected: Tensor | NestedArray, options: CloseOptions = {}): void {
    counted("assertClose", options.label, () => assertClose(actual, expected, options));
  },
  /** `assertEqual` of the library, counted. */
  assertEqual(actual: unknown, expected: unknown, label?: string): void {
    counted("assertEqual", label, () => assertEqual(actual, expected, label));
  },
  /** `assertShape` of the library, counted. */
  assertShape(t: Tensor, shape: readonly number[], label?: string): void {
    counted("assertShape", label, () => assertShape(t, shape, label));
  },
  /** `assertTrue` of the library, counted. */
  assertTrue(condition: boolean, message: string): void {
    counted("assertTrue", message, () => assertTrue(condition, message));
  },
  /** How many distinct checks have passed and failed in this kernel so far. */
  counts(): { passed: number; failed: number; failedLabels: string[] } {
    const failedLabels = [...results].filter(([, ok]) => !ok).map(([label]) => label);
    return { passed: results.size - failedLabels.length, failed: failedLabels.length, failedLabels };
  },
  /**
   * The notebook's closing line: how many checks passed (and how many exercises are right so far).
   * Throws when a check failed or nothing ran, so executing the notebook as a test fails too.
   * (A solutions notebook has exercises only: its line counts the right answers.)
   */
  summary(language: Language = "en"): Line {
    const text = SUMMARY_TEXT[checkLanguage("checks.summary", language)];
    const { passed, failed, failedLabels } = checks.counts();
    if (passed + failed === 0 && exerciseResults.size === 0) throw new Error(text.none);
    if (failed > 0) throw new Error(text.failed(failed, passed + failed, failedLabels.join("; ")));
    const right = [...exerciseResults.values()].filter((ok) => ok).length;
    const line = [
      passed > 0 ? text.passed(passed) : "✓",
      exerciseResults.size > 0 ? text.exercises(right, exerciseResults.size) : "",
    ].join("");
    return new Line(line, `<p style="color: var(--jp-success-color1, #2e7d32)">${escapeHtml(line)}</p>`);
  },
  /** Forgets every result (a fresh start without restarting the kernel). */
  reset(): void {
    results.clear();
    exerciseResults.clear();
    unlabelled = 0;
  },
};

const VERDICT_TEXT = {
  en: { right: "Right", notYet: "Not yet", hint: "Hint" },
  vi: { right: "Đúng", notYet: "Chưa đúng", hint: "Gợi ý" },
} as const;

/** Whether `value` has the shape of an exercise verdict. */
function isVerdict(value: unknown): value is ExerciseVerdict {
  const v = value as Partial<ExerciseVerdict> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.exercise === "string" &&
    typeof v.correct === "boolean" &&
    typeof v.answered === "boolean" &&
    typeof v.message === "string" &&
    (v.language === "en" || v.language === "vi")
  );
}

/**
 * Shows an exercise's verdict as the cell's value — `check(exercises.fiveToTen({ k, s, p }))` —
 * and records it for the summary. Right answers show green; wrong ones show the hint. The output
 * also carries the verdict as JSON (`VERDICT_MIMETYPE`) for the notebook tests.
 */
export function check(verdict: ExerciseVerdict): Line {
  if (!isVerdict(verdict)) {
    throw new TypeError(
      "check: pass the verdict an exercise returns, e.g. check(exercises.fiveToTen({ k, s, p })); " +
        `got ${typeof verdict === "function" ? "the exercise function itself (call it with your answer)" : String(verdict)}`,
    );
  }
  exerciseResults.set(verdict.exercise, verdict.correct);
  const words = VERDICT_TEXT[verdict.language];
  const [mark, lead, colour] = verdict.correct
    ? ["✓", `${words.right}:`, "var(--jp-success-color1, #2e7d32)"]
    : verdict.answered
      ? ["✗", `${words.notYet}. ${words.hint}:`, "var(--jp-warn-color1, #b26a00)"]
      : ["…", "", "inherit"];
  const text = [mark, lead, verdict.message].filter((part) => part !== "").join(" ");
  const html = `<p style="color: ${colour}"><b>${escapeHtml([mark, lead].join(" ").trim())}</b> ${escapeHtml(verdict.message)}</p>`;
  return new Line(text, html, { [VERDICT_MIMETYPE]: { ...verdict } });
}
