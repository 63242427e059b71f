/**
 * Keeps huge literals out of the declarations that tslab carries from cell to cell.
 *
 * Why: tslab type-checks every cell against the declarations of all earlier cells, and a
 * `const` keeps its literal type there: after `const text = "…50 MB…"` the declarations held the
 * whole string, so every later cell (even `1+1`) parsed and checked 50 MB again (0.4–0.8 s each).
 * A literal longer than `MAX_LITERAL_CHARS` is declared by its base type instead (`string`,
 * `number`, `bigint`), which is what the author can use it as anyway.
 */
import type * as tsTypes from "@tslab/typescript-for-tslab";

/** Literals up to this length keep their literal type in later cells. */
export const MAX_LITERAL_CHARS = 10_000;

/** `declarations` with every literal longer than `MAX_LITERAL_CHARS` replaced by its base type. */
export function trimHugeLiterals(ts: typeof tsTypes, declarations: string): string {
  if (declarations.length <= MAX_LITERAL_CHARS) return declarations;
  const file = ts.createSourceFile("decls.d.ts", declarations, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const baseType = (node: tsTypes.Node): string | undefined => {
    if (node.end - node.getStart(file) <= MAX_LITERAL_CHARS) return undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) return "string";
    if (ts.isNumericLiteral(node)) return "number";
    if (ts.isBigIntLiteral(node)) return "bigint";
    return undefined;
  };
  const visit = (node: tsTypes.Node): void => {
    if (ts.isVariableDeclaration(node) && node.initializer !== undefined && node.type === undefined) {
      const type = baseType(node.initializer);
      if (type !== undefined) {
        edits.push({ start: node.name.end, end: node.initializer.end, text: `: ${type}` });
        return;
      }
    }
    if (ts.isLiteralTypeNode(node)) {
      const type = baseType(node.literal);
      if (type !== undefined) {
        edits.push({ start: node.getStart(file), end: node.end, text: type });
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (edits.length === 0) return declarations;
  let trimmed = "";
  let from = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    trimmed += declarations.slice(from, edit.start) + edit.text;
    from = edit.end;
  }
  return trimmed + declarations.slice(from);
}
