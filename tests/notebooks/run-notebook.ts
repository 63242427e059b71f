/**
 * Execute a notebook with nbclient from the project venv (tests/notebooks/execute_notebook.py)
 * and read back its report and executed copy.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { Notebook } from "./notebook-format";
import { KERNEL_NAME, venvExecutable } from "./project";

const run = promisify(execFile);

/** What execute_notebook.py reports. */
export interface ExecutionReport {
  ok: boolean;
  /** nbclient's message when execution stopped (CellExecutionError, dead kernel, timeout). */
  failure: string | null;
  /** Every error or stderr output left in the executed notebook. */
  problems: { cell: number; kind: "error" | "stderr"; text: string }[];
  /** Widget models saved in the executed copy's metadata. */
  widgetModels: number;
  seconds: number;
}

export interface ExecutedNotebook {
  report: ExecutionReport;
  notebook: Notebook;
}

/** Execute `input` on the project kernel, write the executed copy to `output`, and return both. */
export async function executeNotebook(
  input: string,
  output: string,
  options: { timeoutSeconds?: number; widgetState?: boolean } = {},
): Promise<ExecutedNotebook> {
  const python = venvExecutable("python");
  const script = path.join(__dirname, "execute_notebook.py");
  const args = [script, input, output, "--kernel", KERNEL_NAME, "--timeout", String(options.timeoutSeconds ?? 120)];
  if (options.widgetState === false) args.push("--no-widget-state");
  const { stdout } = await run(python, args, { maxBuffer: 64 * 1024 * 1024 });
  const lastLine = stdout.trim().split("\n").pop() ?? "";
  const report = JSON.parse(lastLine) as ExecutionReport;
  const notebook = JSON.parse(fs.readFileSync(output, "utf8")) as Notebook;
  return { report, notebook };
}

/** A readable account of a failed execution, for test failure messages. */
export function describeFailure(notebook: string, report: ExecutionReport): string {
  const lines = [`${notebook} failed after ${report.seconds} s`];
  if (report.failure) lines.push(report.failure.slice(0, 4000));
  for (const problem of report.problems) lines.push(`cell ${problem.cell} ${problem.kind}: ${problem.text.slice(0, 1000)}`);
  return lines.join("\n");
}
