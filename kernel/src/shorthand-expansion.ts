/**
 * Expands shorthand properties (`{ a }` -> `{ a: a }`) in a cell before tslab converts it.
 *
 * Why: tslab turns each cell into a module whose top-level declarations become `exports.*`, and
 * rewrites every later use of an earlier cell's name `a` into `exports.a` — but it resolves names
 * with `checker.getSymbolAtLocation`, which for the name of a shorthand property gives the
 * *property*, not the variable. So `{ a }` was left as is and threw "a is not defined" (and
 * `({ m } = obj)` silently assigned a sloppy-mode global instead of the earlier cell's `m`).
 * Writing the value out (`a: a`, `m: m = 1`) means exactly the same in JavaScript and in
 * TypeScript's types, and the value position is one tslab rewrites correctly.
 *
 * The inserted text never contains a newline, so diagnostics keep their line; `originalOffset`
 * maps positions in the expanded code back to the cell's own text.
 */
import type * as tsTypes from "@tslab/typescript-for-tslab";

/** A cell with its shorthand properties written out, and where text was inserted. */
export interface ExpandedCell {
  /** The code given to the converter. */
  code: string;
  /** Insertions `: name` in increasing order: where the name starts and ends in the original cell. */
  insertions: ReadonlyArray<{ nameStart: number; at: number }>;
}

/** Writes every shorthand property assignment of `source` out as `name: name` (patterns included). */
export function expandShorthandProperties(ts: typeof tsTypes, source: string): ExpandedCell {
  if (!/[{,]/.test(source)) return { code: source, insertions: [] };
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const insertions: Array<{ nameStart: number; at: number; text: string }> = [];
  const visit = (node: tsTypes.Node): void => {
    if (ts.isShorthandPropertyAssignment(node)) {
      const nameStart = node.name.getStart(file);
      insertions.push({ nameStart, at: node.name.end, text: `: ${source.slice(nameStart, node.name.end)}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (insertions.length === 0) return { code: source, insertions: [] };
  insertions.sort((x, y) => x.at - y.at);
  let code = "";
  let from = 0;
  for (const insertion of insertions) {
    code += source.slice(from, insertion.at) + insertion.text;
    from = insertion.at;
  }
  code += source.slice(from);
  return { code, insertions: insertions.map(({ nameStart, at }) => ({ nameStart, at })) };
}

/**
 * The offset in the original cell of `offset` in the expanded code. Inside an inserted copy of a
 * name it is the same character of the name itself, so an error about the value `a` of `{ a: a }`
 * points at the `a` the author wrote.
 */
export function originalOffset(cell: ExpandedCell, offset: number): number {
  let shift = 0;
  for (const { nameStart, at } of cell.insertions) {
    const start = at + shift;
    const length = 2 + at - nameStart;
    if (offset <= start) break;
    if (offset < start + length) return Math.max(nameStart, nameStart + offset - start - 2);
    shift += length;
  }
  return offset - shift;
}
