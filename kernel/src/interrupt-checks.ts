/**
 * Puts an interrupt check at the start of every loop body of a cell's emitted JavaScript.
 *
 * Why: vm's `breakOnSigint` only stops code while the cell's script itself is on the stack. A
 * synchronous loop that starts after an `await`, in a timer or comm callback, or in a function of
 * an earlier cell called from there, runs outside it, and the main thread never turns its event
 * loop again to see an interrupt. The check reads the flag the wire thread raises when the main
 * thread is still blocked shortly after an interrupt (see interrupt-flag.ts) and throws `KeyboardInterrupt`, so the loop unwinds
 * like any exception and every variable of the notebook survives.
 *
 * The checks go into the JavaScript that tslab emits, right before it runs: the TypeScript source
 * (what diagnostics, completion and inspection see) is never touched, and the inserted text holds
 * no newline, so stack traces keep their line numbers.
 */
import type * as tsTypes from "@tslab/typescript-for-tslab";

/** Words that must occur in code for it to have a loop (a cheap test before parsing). */
const LOOP_KEYWORD = /\b(?:for|while|do)\b/;

/**
 * `code` (JavaScript) with `<checkCall>;` as the first statement of every `for`, `for-in`,
 * `for-of`, `while` and `do-while` body; a body that is a single statement is wrapped in braces.
 */
export function insertInterruptChecks(ts: typeof tsTypes, code: string, checkCall: string): string {
  if (!LOOP_KEYWORD.test(code)) return code;
  const file = ts.createSourceFile("cell.js", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const check = `${checkCall};`;
  // [offset, text, order]: at one offset, closing braces (order 0) come before openings (order 1).
  const insertions: Array<[number, string, number]> = [];
  const visit = (node: tsTypes.Node): void => {
    if (
      ts.isForStatement(node) ||
      ts.isForInStatement(node) ||
      ts.isForOfStatement(node) ||
      ts.isWhileStatement(node) ||
      ts.isDoStatement(node)
    ) {
      const body = node.statement;
      if (ts.isBlock(body)) {
        insertions.push([body.getStart(file) + 1, check, 1]);
      } else {
        insertions.push([body.getStart(file), `{${check}`, 1]);
        insertions.push([body.end, "}", 0]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (insertions.length === 0) return code;
  // Stable sort: openings at one offset stay outermost first, as visited.
  insertions.sort((x, y) => x[0] - y[0] || x[2] - y[2]);
  let out = "";
  let from = 0;
  for (const [at, text] of insertions) {
    out += code.slice(from, at) + text;
    from = at;
  }
  return out + code.slice(from);
}
