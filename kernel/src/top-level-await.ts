/**
 * Every form of top-level `await` in a cell, before tslab converts it.
 *
 * Why: tslab compiles cells with top-level await turned off in the parser and recognises a
 * top-level `await` only by TypeScript's "await is only allowed in async functions" diagnostic. So
 * where `await` is followed by something that cannot start an operand on the same line — `(`,
 * `[`, a template, a unary operator, a type assertion, a line break — the parser read `await` as a
 * name: `await (p)` became a call of a function `await` ("await is not defined"), and
 * `await (await f()).g()` a syntax error. A top-level `for await` gave no diagnostic at all, so the
 * cell was not wrapped in an async function ("Unexpected reserved word").
 *
 * Here the cell is parsed as a module (where `await` is always the operator), and each top-level
 * `await X` whose operand starts that way becomes `await Promise.resolve(X)`: the same value, the
 * same type (`Awaited<T>`), and an operand tslab reads right. The inserted text never contains a
 * newline, so lines do not move; `originalOffset` (shorthand-expansion.ts) maps positions back.
 * `hasTopLevelAwait` tells the converter to run the cell as an async function (`for await`).
 */
import type * as tsTypes from "@tslab/typescript-for-tslab";
import type { ExpandedCell, Insertion } from "./shorthand-expansion";

/** A cell with its top-level awaits made readable to tslab. */
export interface AwaitRewrite extends ExpandedCell {
  /** True when the cell has a top-level `await` or `for await`. */
  hasTopLevelAwait: boolean;
}

/** The first characters of an operand that tslab's parser reads after `await` on the same line. */
const PLAIN_OPERAND_START = /[\p{L}\p{Nl}_$0-9'"\\]/u;

/** Rewrites the top-level awaits of `source` that tslab would misread (see the file comment). */
export function rewriteTopLevelAwaits(ts: typeof tsTypes, source: string): AwaitRewrite {
  if (!/\bawait\b/.test(source)) return { code: source, insertions: [], hasTopLevelAwait: false };
  const file = ts.createSourceFile(
    "cell.ts",
    source,
    {
      languageVersion: ts.ScriptTarget.Latest,
      setExternalModuleIndicator: (sf: tsTypes.SourceFile) =>
        ((sf as { externalModuleIndicator?: unknown }).externalModuleIndicator = true),
    },
    true,
    ts.ScriptKind.TS,
  );
  const insertions: Array<Insertion & { text: string }> = [];
  let hasTopLevelAwait = false;
  const visit = (node: tsTypes.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isModuleDeclaration(node)) return; // not top level
    if (ts.isForOfStatement(node) && node.awaitModifier !== undefined) hasTopLevelAwait = true;
    if (ts.isAwaitExpression(node)) {
      hasTopLevelAwait = true;
      const awaitEnd = node.getStart(file) + "await".length;
      const operandStart = node.expression.getStart(file);
      const sameLine = !source.slice(awaitEnd, operandStart).includes("\n");
      if (!sameLine || !PLAIN_OPERAND_START.test(source[operandStart] ?? "")) {
        const open = " Promise.resolve(";
        insertions.push({ at: awaitEnd, text: open, length: open.length });
        insertions.push({ at: node.expression.end, text: ")", length: 1 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (insertions.length === 0) return { code: source, insertions: [], hasTopLevelAwait };
  insertions.sort((x, y) => x.at - y.at);
  let code = "";
  let from = 0;
  for (const insertion of insertions) {
    code += source.slice(from, insertion.at) + insertion.text;
    from = insertion.at;
  }
  code += source.slice(from);
  return { code, insertions: insertions.map(({ at, length }) => ({ at, length })), hasTopLevelAwait };
}
