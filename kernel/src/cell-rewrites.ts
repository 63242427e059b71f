/**
 * The kernel's rewrites around tslab's converter, shared by the Node kernel (typescript-runner.ts),
 * the live-page export (cell-compiler.ts) and the JupyterLite worker (kernel/lite/worker), so a
 * cell means the same everywhere. No Node API: the TypeScript module is passed in.
 */
import type * as tsTypes from "@tslab/typescript-for-tslab";
import type { Converter, Diagnostic } from "tslab/dist/converter";
import { trimHugeLiterals } from "./declaration-trim";
import { expandShorthandProperties, originalOffset } from "./shorthand-expansion";
import { rewriteTopLevelAwaits } from "./top-level-await";

/**
 * `converter` with every form of top-level await made readable to tslab (top-level-await.ts) and
 * shorthand properties expanded (tslab leaves `{ a }` unrewritten when `a` comes from an earlier
 * cell; see shorthand-expansion.ts) before conversion, diagnostics mapped back to the cell, and
 * huge literals kept out of the declarations later cells are checked against (declaration-trim.ts).
 */
export function withCellRewrites(ts: typeof tsTypes, converter: Converter): Converter {
  const convert: Converter["convert"] = (prevDecl, src) => {
    const awaits = rewriteTopLevelAwaits(ts, src);
    const expanded = expandShorthandProperties(ts, awaits.code);
    const converted = converter.convert(prevDecl, expanded.code);
    const declOutput = converted.declOutput === undefined ? undefined : trimHugeLiterals(ts, converted.declOutput);
    // A top-level `for await` gives tslab no diagnostic to notice it by.
    const hasToplevelAwait = converted.hasToplevelAwait === true || (awaits.hasTopLevelAwait && converted.output !== undefined);
    const result = { ...converted, declOutput, hasToplevelAwait };
    if (expanded.insertions.length === 0 && awaits.insertions.length === 0) return result;
    const position = (pos: Diagnostic["start"]): Diagnostic["start"] => {
      const offset = originalOffset(awaits, originalOffset(expanded, pos.offset));
      const lineStart = src.lastIndexOf("\n", offset - 1) + 1;
      return { offset, line: pos.line, character: offset - lineStart };
    };
    // Diagnostics of the cell itself have no file name; those of imported files are left alone.
    const diagnostics = result.diagnostics.map((d) =>
      d.fileName === undefined ? { ...d, start: position(d.start), end: position(d.end) } : d,
    );
    return { ...result, diagnostics };
  };
  return {
    convert,
    inspect: (prevDecl, src, position) => converter.inspect(prevDecl, src, position),
    complete: (prevDecl, src, position) => converter.complete(prevDecl, src, position),
    close: () => converter.close(),
    addModule: (name, content, meta) => converter.addModule(name, content, meta),
  };
}

/** Whether a piece of code typed so far is complete, incomplete (with the indent of its next line) or invalid. */
export type CodeCompleteness = {
  status: "complete" | "incomplete" | "invalid";
  indent?: string;
};

/** `code`'s completeness by tslab's `isCompleteCode` (brackets, trailing operators) and TypeScript's parser. */
export function codeCompletenessOf(
  ts: typeof tsTypes,
  isCompleteCode: (code: string) => { completed: boolean; indent?: string },
  code: string,
): CodeCompleteness {
  const result = isCompleteCode(code);
  if (!result.completed) return { status: "incomplete", indent: result.indent ?? "" };
  const source = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const parseDiagnostics = (source as unknown as { parseDiagnostics?: Diagnostic[] }).parseDiagnostics ?? [];
  return parseDiagnostics.length > 0 ? { status: "invalid" } : { status: "complete" };
}
