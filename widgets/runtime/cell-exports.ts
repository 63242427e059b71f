/**
 * The `exports` object all cells of a notebook share, as tslab's executor makes it: each cell's
 * top-level declarations are written to it and later cells read them from it. Named imports are
 * compiled to `Object.defineProperty(exports, ...)`; here they become plain rewritable values, so a
 * later cell may import or declare the same name again. Used by the live pages' runtime and the
 * JupyterLite worker. No Node API.
 */
export function createCellExports(): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  return new Proxy(values, {
    defineProperty: (_target, prop, attributes) => {
      if (prop === "__esModule") return true;
      values[prop as string] = attributes.get ? attributes.get() : attributes.value;
      return true;
    },
  });
}
