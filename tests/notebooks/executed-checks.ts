/**
 * What every shipped notebook's nbclient run must show, and which test file runs which notebook:
 * each is executed once per test run, the course notebooks by export.test.ts (which then exports
 * those executed copies), the solutions by execute.test.ts.
 */
import { expect } from "vitest";
import { cellTags, EXERCISE_TAG, isSolutions, SUMMARY_TAG } from "./course-rules";
import { joinText } from "./notebook-format";
import { shippedNotebooks } from "./project";
import { describeFailure, type ExecutedNotebook } from "./run-notebook";

/** The machine-readable verdict `check(...)` puts in an exercise cell's output (widgets/api/checks.ts). */
const VERDICT_MIMETYPE = "application/vnd.upsampling-lab.verdict+json";

interface Verdict {
  exercise: string;
  correct: boolean;
}

/** The shipped notebooks export.test.ts executes and exports (repo-relative): all but the solutions. */
export function courseNotebooks(): string[] {
  return shippedNotebooks().filter((notebook) => !isSolutions(notebook));
}

/** The shipped notebooks execute.test.ts executes (repo-relative): the solutions. */
export function solutionsNotebooks(): string[] {
  return shippedNotebooks().filter((notebook) => isSolutions(notebook));
}

/**
 * Expects `notebook` (repo-relative) to have run top to bottom: no error or stderr output, every
 * code cell executed, every widget view's model state saved, one verdict per exercise cell (all
 * right in a solutions notebook), and a closing summary that says the checks passed.
 */
export function expectCleanRun(notebook: string, { report, notebook: executed }: ExecutedNotebook): void {
  expect(report.ok, describeFailure(notebook, report)).toBe(true);
  const unexecuted = executed.cells.filter((cell) => cell.cell_type === "code" && cell.execution_count == null);
  expect(unexecuted.length, `${unexecuted.length} code cells did not run`).toBe(0);
  // Every widget view in the outputs has its model's state saved in the executed copy.
  const state = executed.metadata.widgets?.["application/vnd.jupyter.widget-state+json"]?.state ?? {};
  const views = executed.cells.flatMap((cell) =>
    (cell.outputs ?? []).flatMap((output) => {
      const view = output.data?.["application/vnd.jupyter.widget-view+json"] as { model_id?: string } | undefined;
      return view?.model_id ? [view.model_id] : [];
    }),
  );
  expect(
    views.filter((id) => !(id in state)),
    "widget views without saved state",
  ).toEqual([]);
  expect(report.widgetModels).toBe(Object.keys(state).length);
  // Each exercise cell shows one verdict; in a solutions notebook every one is right.
  executed.cells
    .filter((cell) => cellTags(cell).includes(EXERCISE_TAG))
    .forEach((cell, index) => {
      const verdicts = (cell.outputs ?? []).flatMap((o) =>
        o.data?.[VERDICT_MIMETYPE] ? [o.data[VERDICT_MIMETYPE] as Verdict] : [],
      );
      expect(verdicts.length, `exercise cell ${index + 1}: verdicts shown`).toBe(1);
      if (isSolutions(notebook))
        expect(verdicts[0], `exercise cell ${index + 1} of the solutions`).toMatchObject({ correct: true });
    });
  // The closing line says the checks passed.
  const last = executed.cells.at(-1);
  if (last && cellTags(last).includes(SUMMARY_TAG)) {
    const text = (last.outputs ?? []).map((o) => joinText(o.data?.["text/plain"] as string | string[])).join("");
    expect(text).toMatch(/^✓ /);
  }
}
