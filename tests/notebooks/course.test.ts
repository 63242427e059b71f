// The course's conventions (notebooks/README.md) on every committed notebook, without running them:
// check cells collapsed, teaching cells free of assertions, no links outside the project, 2-4 exercises
// and a closing summary, a solutions notebook with the same exercises, a Vietnamese edition.
// (Executing them, checks and solutions' verdicts included, is execute.test.ts.)
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cellRuleProblems, courseRuleProblems, exerciseNames, isSolutions, outsideLinks, solutionsPath } from "./course-rules";
import { codeCell, markdownCell, type Notebook } from "./notebook-format";
import { projectNotebook, REPO_ROOT, shippedNotebooks } from "./project";

/** Notebooks still in their first form (assertions inline, no exercises): being converted on another branch. */
const AWAITING_CONVERSION = new Set<string>([]);
/** English notebooks whose Vietnamese edition is being written on another branch. */
const AWAITING_VIETNAMESE = new Set<string>([]);

function read(relative: string): Notebook {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, relative), "utf8")) as Notebook;
}

const notebooks = shippedNotebooks();
const course = notebooks.filter((n) => !isSolutions(n) && !AWAITING_CONVERSION.has(n));

describe("the course rules", () => {
  it("find links outside the project, and only those", () => {
    const nb = path.join(REPO_ROOT, "notebooks", "vi", "x.ipynb");
    expect(outsideLinks("see [it](../../../shared/article/a.md) and ../shared/x", nb, REPO_ROOT)).toEqual([
      "../shared",
      "../../../shared/article/a.md",
    ]);
    expect(
      outsideLinks('[en](../02-fixed-upsampling.ipynb), [web](https://example.org), <img src="/etc/x.png">', nb, REPO_ROOT),
    ).toEqual(["/etc/x.png"]);
  });

  it("name collapsed-check, teaching-assertion, exercise and summary problems", () => {
    const check = codeCell('checks.assertEqual(1, 1, "one");', "c1");
    check.metadata = { tags: ["check"] };
    const nb = projectNotebook([markdownCell("# t", "m"), codeCell("assertTrue(true, 'x');", "t1"), check]);
    expect(cellRuleProblems(nb, path.join(REPO_ROOT, "notebooks", "x.ipynb"), REPO_ROOT)).toEqual([
      'cell 1 (t1) is a teaching cell with an assertion call: move it to a cell tagged "check"',
      "cell 2 (c1) is tagged check but not collapsed: set metadata.jupyter.source_hidden = true",
    ]);
    const exercise = codeCell("const k = null;\ncheck(exercises.fiveToTen({ k, s: 1, p: 0 }));", "e1");
    exercise.metadata = { tags: ["exercise"] };
    expect(courseRuleProblems(projectNotebook([exercise]), "notebooks/vi/x.ipynb")).toEqual([
      '1 cells are tagged "exercise"; a notebook ends with 2 to 4 exercises',
      'exercise cell 1 must ask for the Vietnamese verdict: exercises.NAME(answer, "vi")',
      'the last cell must be a code cell tagged "summary" calling checks.summary("vi")',
    ]);
  });

  it("list only notebooks awaiting conversion that still exist unconverted", () => {
    const stale = [...AWAITING_CONVERSION].filter(
      (n) => !notebooks.includes(n) || cellRuleProblems(read(n), path.join(REPO_ROOT, n), REPO_ROOT).length === 0,
    );
    expect(stale, "converted: remove from AWAITING_CONVERSION").toEqual([]);
  });
});

describe.each(notebooks.filter((n) => !AWAITING_CONVERSION.has(n)).map((n) => [n]))("%s", (notebook) => {
  it("keeps checks collapsed, teaching cells free of assertions and links inside the project", () => {
    expect(cellRuleProblems(read(notebook), path.join(REPO_ROOT, notebook), REPO_ROOT)).toEqual([]);
  });

  it("ends with 2-4 exercises and the checks summary", () => {
    expect(courseRuleProblems(read(notebook), notebook)).toEqual([]);
  });
});

describe.each(course.map((n) => [n]))("%s", (notebook) => {
  it("has a solutions notebook with the same exercises", () => {
    const solutions = solutionsPath(notebook);
    expect(fs.existsSync(path.join(REPO_ROOT, solutions)), `${solutions} is missing`).toBe(true);
    expect(exerciseNames(read(solutions))).toEqual(exerciseNames(read(notebook)));
  });
});

describe.each(notebooks.filter((n) => path.dirname(n) === "notebooks").map((n) => [n]))("%s", (notebook) => {
  const number = path.basename(notebook).slice(0, 2);
  it.skipIf(AWAITING_VIETNAMESE.has(number))("has a Vietnamese edition", () => {
    const edition = path.join("notebooks", "vi", path.basename(notebook));
    expect(fs.existsSync(path.join(REPO_ROOT, edition)), `${edition} is missing`).toBe(true);
  });
});

it("has no solutions notebook without its course notebook", () => {
  const orphans = notebooks
    .filter(isSolutions)
    .filter((s) => !notebooks.includes(path.join("notebooks", path.relative(path.join("notebooks", "solutions"), s))));
  expect(orphans).toEqual([]);
});
