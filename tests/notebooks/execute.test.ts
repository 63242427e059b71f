// Every notebook runs top to bottom on the project kernel through nbclient, a real Jupyter
// client: any error output, stderr output or failed assertion fails its test. Executed
// copies, with widget state, go to build/executed/ (gitignored) for inspection.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cellTags, EXERCISE_TAG, isSolutions, SUMMARY_TAG } from "./course-rules";
import { joinText, type NotebookOutput } from "./notebook-format";
import { executedCopyPath, REPO_ROOT, requireProjectKernel, shippedNotebooks } from "./project";
import { describeFailure, executeNotebook } from "./run-notebook";
import { SMOKE_FIGURE_TITLE, writeSmokeNotebook } from "./smoke-notebook";

const NOTEBOOK_TIMEOUT_MS = 300_000;
/** The machine-readable verdict `check(...)` puts in an exercise cell's output (widgets/api/checks.ts). */
const VERDICT_MIMETYPE = "application/vnd.upsampling-lab.verdict+json";

interface Verdict {
  exercise: string;
  correct: boolean;
}

beforeAll(() => {
  requireProjectKernel();
});

function outputsOf(cells: { id?: string; outputs?: NotebookOutput[] }[], id: string): NotebookOutput[] {
  const cell = cells.find((c) => c.id === id);
  if (!cell) throw new Error(`no cell ${id}`);
  return cell.outputs ?? [];
}

describe("the generated smoke notebook", () => {
  it("runs on the project kernel with each kind of output", { timeout: NOTEBOOK_TIMEOUT_MS }, async () => {
    const input = writeSmokeNotebook();
    const { report, notebook } = await executeNotebook(input, executedCopyPath("smoke/smoke.ipynb"));
    expect(report.ok, describeFailure("smoke.ipynb", report)).toBe(true);
    const cells = notebook.cells;

    const expression = outputsOf(cells, "expression");
    expect(expression.map((o) => o.output_type)).toEqual(["execute_result"]);
    expect(joinText(expression[0].data?.["text/plain"] as string | string[])).toBe("2");

    const tensor = outputsOf(cells, "tensor-display");
    expect(tensor.map((o) => o.output_type)).toEqual(["execute_result"]);
    expect(Object.keys(tensor[0].data ?? {})).toEqual(expect.arrayContaining(["text/plain", "text/html"]));

    const stdout = outputsOf(cells, "stdout");
    expect(stdout.map((o) => [o.output_type, o.name, joinText(o.text)])).toEqual([
      ["stream", "stdout", "hello from the kernel\n"],
    ]);

    const figure = outputsOf(cells, "svg-figure");
    expect(joinText(figure[0]?.data?.["image/svg+xml"] as string | string[])).toContain(SMOKE_FIGURE_TITLE);

    for (const cell of cells) if (cell.cell_type === "code") expect(cell.execution_count).toBeGreaterThan(0);
  });
});

describe.each(shippedNotebooks().map((notebook) => [notebook]))("%s", (notebook) => {
  it("runs top to bottom with no error output", { timeout: NOTEBOOK_TIMEOUT_MS }, async () => {
    const { report, notebook: executed } = await executeNotebook(path.join(REPO_ROOT, notebook), executedCopyPath(notebook));
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
  });
});
