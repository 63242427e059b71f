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
 * The same resolution also hits the property name of a renamed binding element: in
 * `const { grad: g0 } = f()`, where `f` comes from an earlier cell, `grad` resolves to the
 * property of `f`'s return type declared there, so tslab "rewrote" the property name itself and
 * emitted `const { exports, grad: g0 }` (a SyntaxError). Quoting it, `{ "grad": g0 }`, means the
 * same in JavaScript and in the types, and tslab leaves string literals alone.
 *
 * The inserted text never contains a newline, so diagnostics keep their line; `originalOffset`
 * maps positions in the expanded code back to the cell's own text.
 */
import type * as tsTypes from "@tslab/typescript-for-tslab";

/** Text inserted into a cell at offset `at` of the original cell. */
export interface Insertion {
  /** Where the text goes in the original cell. */
  at: number;
  /** Its length. */
  length: number;
  /** For a copied name (`: a`), where that name starts in the original cell; errors inside the copy point there. */
  copyOf?: number;
}

/** A cell with its shorthand properties written out and its binding property names quoted. */
export interface ExpandedCell {
  /** The code given to the converter. */
  code: string;
  /** The insertions, in increasing order of `at`. */
  insertions: ReadonlyArray<Insertion>;
}

/**
 * Writes every shorthand property assignment of `source` out as `name: name` (patterns included)
 * and quotes the property name of every renamed binding element (`{ "grad": g0 }`).
 */
export function expandShorthandProperties(ts: typeof tsTypes, source: string): ExpandedCell {
  if (!/[{,]/.test(source)) return { code: source, insertions: [] };
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const insertions: Array<Insertion & { text: string }> = [];
  const insert = (at: number, text: string, copyOf?: number): void => {
    insertions.push({ at, text, length: text.length, copyOf });
  };
  const visit = (node: tsTypes.Node): void => {
    if (ts.isShorthandPropertyAssignment(node)) {
      const nameStart = node.name.getStart(file);
      insert(node.name.end, `: ${source.slice(nameStart, node.name.end)}`, nameStart);
    } else if (ts.isBindingElement(node) && node.propertyName !== undefined && ts.isIdentifier(node.propertyName)) {
      insert(node.propertyName.getStart(file), '"');
      insert(node.propertyName.end, '"');
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
  return { code, insertions: insertions.map(({ at, length, copyOf }) => ({ at, length, copyOf })) };
}

/**
 * The offset in the original cell of `offset` in the expanded code. Inside an inserted copy of a
 * name it is the same character of the name itself, so an error about the value `a` of `{ a: a }`
 * points at the `a` the author wrote; inside an inserted quote it is where the quote went.
 */
export function originalOffset(cell: ExpandedCell, offset: number): number {
  let shift = 0;
  for (const { at, length, copyOf } of cell.insertions) {
    const start = at + shift;
    if (offset <= start) break;
    if (offset < start + length) return copyOf === undefined ? at : Math.max(copyOf, copyOf + offset - start - 2);
    shift += length;
  }
  return offset - shift;
}
