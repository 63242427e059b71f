/**
 * The course's conventions (notebooks/README.md), as checks on a committed notebook's JSON:
 * - cells tagged `check` or `summary` are collapsed in JupyterLab (`metadata.jupyter.source_hidden`);
 * - teaching cells (code cells without those tags) call no assertion;
 * - markdown links nowhere outside the project (no `../shared/...`, no path above the repo);
 * - a course notebook has 2-4 cells tagged `exercise`, each calling `check(exercises.NAME(...))`, and
 *   ends with a `summary` cell calling `checks.summary(...)`; Vietnamese editions pass "vi";
 * - its solutions notebook (notebooks/solutions/<same path>) holds the same exercises.
 */
import path from "node:path";
import { joinText, type Notebook, type NotebookCell } from "./notebook-format";

/** Tags with a meaning in the course. */
export const CHECK_TAG = "check";
export const SUMMARY_TAG = "summary";
export const EXERCISE_TAG = "exercise";

const ASSERTION_CALL = /\b(assertClose|assertEqual|assertShape|assertTrue)\s*\(/;
const EXERCISE_CALL = /\bcheck\(\s*exercises\.(\w+)\(/g;

/** The tags of a cell (empty when none). */
export function cellTags(cell: NotebookCell): string[] {
  const tags = (cell.metadata as { tags?: unknown }).tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
}

/** The exercise names a notebook checks, in order (`check(exercises.NAME(` in its `exercise` cells). */
export function exerciseNames(nb: Notebook): string[] {
  return nb.cells
    .filter((cell) => cellTags(cell).includes(EXERCISE_TAG))
    .flatMap((cell) => [...joinText(cell.source).matchAll(EXERCISE_CALL)].map((m) => m[1]));
}

/**
 * Link targets in markdown that leave the project: relative targets resolving above `repoRoot`
 * (seen from `notebookPath`, absolute), absolute or file: paths, and any mention of `../shared`.
 */
export function outsideLinks(markdown: string, notebookPath: string, repoRoot: string): string[] {
  const found: string[] = [];
  if (markdown.includes("../shared")) found.push("../shared");
  const targets = [
    ...[...markdown.matchAll(/\]\(\s*<?([^)\s>]+)/g)].map((m) => m[1]),
    ...[...markdown.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]),
  ];
  for (const target of targets) {
    if (/^(https?:|mailto:|#)/.test(target)) continue;
    if (/^(file:|\/)/.test(target)) {
      found.push(target);
      continue;
    }
    const resolved = path.resolve(path.dirname(notebookPath), target.split("#")[0]);
    if (path.relative(repoRoot, resolved).startsWith("..")) found.push(target);
  }
  return found;
}

/** Every way notebook `nb` (at absolute `notebookPath`) breaks the rules that hold for all notebooks. */
export function cellRuleProblems(nb: Notebook, notebookPath: string, repoRoot: string): string[] {
  const problems: string[] = [];
  nb.cells.forEach((cell, index) => {
    const where = `cell ${index}${cell.id ? ` (${cell.id})` : ""}`;
    const source = joinText(cell.source);
    const tags = cellTags(cell);
    if (cell.cell_type === "markdown") {
      for (const link of outsideLinks(source, notebookPath, repoRoot)) {
        problems.push(`${where} links outside the project: ${link} (cite the article by title and section instead)`);
      }
      return;
    }
    if (cell.cell_type !== "code") return;
    const hidden = tags.includes(CHECK_TAG) || tags.includes(SUMMARY_TAG);
    const sourceHidden = (cell.metadata as { jupyter?: { source_hidden?: unknown } }).jupyter?.source_hidden === true;
    if (hidden && !sourceHidden)
      problems.push(`${where} is tagged ${tags.join(", ")} but not collapsed: set metadata.jupyter.source_hidden = true`);
    if (!hidden && ASSERTION_CALL.test(source)) {
      problems.push(`${where} is a teaching cell with an assertion call: move it to a cell tagged "check"`);
    }
  });
  return problems;
}

/** The language a notebook is written in, from its path (notebooks/vi/ and notebooks/solutions/vi/ are Vietnamese). */
export function notebookLanguage(relativePath: string): "en" | "vi" {
  return relativePath.split(/[\\/]/).includes("vi") ? "vi" : "en";
}

/** Every way a course notebook or solutions notebook breaks the exercise and summary rules. */
export function courseRuleProblems(nb: Notebook, relativePath: string): string[] {
  const problems: string[] = [];
  const language = notebookLanguage(relativePath);
  const exerciseCells = nb.cells.filter((cell) => cellTags(cell).includes(EXERCISE_TAG));
  if (exerciseCells.length < 2 || exerciseCells.length > 4) {
    problems.push(`${exerciseCells.length} cells are tagged "exercise"; a notebook ends with 2 to 4 exercises`);
  }
  exerciseCells.forEach((cell, index) => {
    const source = joinText(cell.source);
    const calls = [...source.matchAll(EXERCISE_CALL)];
    if (calls.length !== 1)
      problems.push(`exercise cell ${index + 1} must call check(exercises.NAME(...)) once; it calls it ${calls.length} times`);
    if (language === "vi" && !/"vi"\s*\)\s*\)/.test(source))
      problems.push(`exercise cell ${index + 1} must ask for the Vietnamese verdict: exercises.NAME(answer, "vi")`);
  });
  const last = nb.cells.at(-1);
  const summaryCall = language === "vi" ? /checks\.summary\(\s*"vi"\s*\)/ : /checks\.summary\(\s*\)/;
  if (!last || last.cell_type !== "code" || !cellTags(last).includes(SUMMARY_TAG) || !summaryCall.test(joinText(last.source))) {
    problems.push(
      `the last cell must be a code cell tagged "summary" calling checks.summary(${language === "vi" ? '"vi"' : ""})`,
    );
  }
  return problems;
}

/** Where the solutions notebook of a course notebook (repo-relative) lives. */
export function solutionsPath(relativePath: string): string {
  const inNotebooks = path.relative("notebooks", relativePath);
  return path.join("notebooks", "solutions", inNotebooks);
}

/** Whether a repo-relative notebook path is a solutions notebook. */
export function isSolutions(relativePath: string): boolean {
  return relativePath.split(/[\\/]/)[1] === "solutions";
}
