/**
 * Compiles a notebook's code cells, in order, to the JavaScript a live exported page runs: the same
 * tslab converter and cell rewrites the kernel runs cells with, so a cell means the same thing in
 * the page as in JupyterLab. Each cell becomes the body of `(async) function (exports, require)`:
 * declarations of earlier cells are read from and written to `exports`, imports go to `require`.
 */
import { CELL_INPUT_DECLARATIONS } from "./cell-input";
import { createCellConverter } from "./typescript-runner";

/** One compiled code cell. */
export interface CompiledCell {
  /** The cell's id in the notebook (nbformat 4.5). */
  id: string;
  /** JavaScript body (empty when the cell only declares types). */
  js: string;
  /** True when the body awaits at top level (it must run inside an async function). */
  async: boolean;
  /** Name under `exports` of the last expression's value, if the cell ends with an expression. */
  lastExpressionVar?: string;
}

/** A type error of a cell: names the cell (its position and id) and the line. */
export class CellCompileError extends Error {
  constructor(
    readonly cellNumber: number,
    readonly cellId: string,
    readonly line: number,
    readonly column: number,
    detail: string,
  ) {
    super(`code cell ${cellNumber} (id ${cellId}), line ${line}:${column}: ${detail}`);
    this.name = "CellCompileError";
  }
}

/**
 * Compiles `cells` (code cells in notebook order) with module resolution rooted at `cwd` (the
 * notebook's folder). Throws `CellCompileError` on the first cell with a TypeScript error.
 */
export function compileCells(cwd: string, cells: ReadonlyArray<{ id: string; source: string }>): CompiledCell[] {
  const converter = createCellConverter(cwd, CELL_INPUT_DECLARATIONS);
  try {
    let prevDecl = "";
    return cells.map((cell, index) => {
      const converted = converter.convert(prevDecl, cell.source);
      const first = converted.diagnostics[0];
      if (first !== undefined) {
        const where = first.fileName ? `${first.fileName}: ` : "";
        throw new CellCompileError(
          index + 1,
          cell.id,
          first.start.line + 1,
          first.start.character + 1,
          `${where}${first.messageText}`,
        );
      }
      prevDecl = converted.declOutput ?? "";
      return {
        id: cell.id,
        js: converted.output ?? "",
        async: converted.hasToplevelAwait === true,
        ...(converted.lastExpressionVar ? { lastExpressionVar: converted.lastExpressionVar } : {}),
      };
    });
  } finally {
    converter.close();
  }
}
