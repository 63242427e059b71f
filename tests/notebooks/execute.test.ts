// Notebooks run top to bottom on the project kernel through nbclient, a real Jupyter client: any
// error output, stderr output or failed assertion fails its test (executed-checks.ts). Here the
// generated smoke notebook and the solutions; the course notebooks run in export.test.ts, once
// for both. Executed copies, with widget state, go to build/executed/ (gitignored) for inspection.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectCleanRun, solutionsNotebooks } from "./executed-checks";
import { joinText, type NotebookOutput } from "./notebook-format";
import { executedCopyPath, REPO_ROOT, requireProjectKernel } from "./project";
import { describeFailure, executeNotebook } from "./run-notebook";
import { SMOKE_FIGURE_TITLE, writeSmokeNotebook } from "./smoke-notebook";

const NOTEBOOK_TIMEOUT_MS = 300_000;

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

// The course notebooks run in export.test.ts, which exports the very copies it checks.
describe.each(solutionsNotebooks().map((notebook) => [notebook]))("%s", (notebook) => {
  it("runs top to bottom with no error output", { timeout: NOTEBOOK_TIMEOUT_MS }, async () => {
    expectCleanRun(notebook, await executeNotebook(path.join(REPO_ROOT, notebook), executedCopyPath(notebook)));
  });
});
