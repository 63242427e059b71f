// Committed notebooks stay clean: project kernelspec, cleared (or tiny text) outputs.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { committedNotebookProblems } from "./committed-check";
import type { Notebook } from "./notebook-format";
import { REPO_ROOT, shippedNotebooks } from "./project";
import { smokeNotebook } from "./smoke-notebook";

describe("the committed-notebook check", () => {
  it("accepts a notebook with cleared outputs on the project kernel", () => {
    expect(committedNotebookProblems(smokeNotebook())).toEqual([]);
  });

  it("names each problem of an executed notebook on another kernel", () => {
    const nb: Notebook = smokeNotebook();
    nb.metadata.kernelspec = { name: "tslab" };
    nb.metadata.widgets = { "application/vnd.jupyter.widget-state+json": { state: {} } };
    nb.cells[1].execution_count = 1;
    nb.cells[1].outputs = [{ output_type: "execute_result", execution_count: 1, data: { "text/plain": "2" }, metadata: {} }];
    nb.cells[2].outputs = [{ output_type: "display_data", data: { "image/svg+xml": "<svg/>", "text/plain": "x" }, metadata: {} }];
    nb.cells[3].outputs = [{ output_type: "error", ename: "Error", evalue: "boom", traceback: [] }];
    nb.cells[4].outputs = [{ output_type: "stream", name: "stdout", text: "x".repeat(3000) }];
    const problems = committedNotebookProblems(nb);
    expect(problems).toEqual([
      'metadata.kernelspec.name is "tslab"; it must be "upsampling-lab"',
      "metadata.widgets holds saved widget state; clear it",
      "cell 1 (expression) has execution_count 1; clear outputs before committing",
      "cell 2 (tensor-display) holds image/svg+xml output; only small text outputs may be committed",
      "cell 3 (stdout) holds an error output",
      expect.stringMatching(/^outputs total \d+ characters \(at most 2000\); clear them$/),
    ]);
  });
});

describe.each(shippedNotebooks().map((notebook) => [notebook]))("committed %s", (notebook) => {
  it("has cleared outputs and the project kernelspec", () => {
    const nb = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, notebook), "utf8")) as Notebook;
    expect(committedNotebookProblems(nb)).toEqual([]);
  });
});
