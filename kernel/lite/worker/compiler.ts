/**
 * The worker's TypeScript compiler: tslab's converter with the kernel's rewrites (the same as the
 * Node kernel and the live-page export, kernel/src/cell-rewrites.ts) over an in-memory file system
 * holding the lib files, the library's and the widgets' declarations and the cells' globals. Each
 * cell is checked against the declarations of the cells that ran before it.
 */
import { useCompilerSystem } from "./install-system";
import * as ts from "@tslab/typescript-for-tslab";
import { createConverter, isCompleteCode, type Converter } from "tslab/dist/converter";
import { printQuickInfo } from "tslab/dist/inspect";
import { codeCompletenessOf, withCellRewrites, type CodeCompleteness } from "../../src/cell-rewrites";
import type { CellDiagnostic, CompletionResult } from "../../src/typescript-runner";
import { LITE_CELL_GLOBALS } from "./cell-globals";
import { createMemorySystem } from "./memory-system";

/** Folder the cells are compiled in (module resolution walks up from it to `/node_modules`). */
export const CELL_FOLDER = "/notebook";

/** Where the cells' global declarations live in the compiler's file system (an automatically included `@types` package). */
const GLOBALS_FILE = "/node_modules/@types/upsampling-lab-lite-globals/index.d.ts";

/** The compiler's files: the lib files and the package's declarations (`bundled`, absolute path -> text) and the cells' globals. */
export function compilerFilesOf(bundled: Readonly<Record<string, string>>): Map<string, string> {
  const files = new Map(Object.entries(bundled));
  files.set(GLOBALS_FILE, LITE_CELL_GLOBALS);
  return files;
}

/** A cell compiled to the body of `(async) function (exports, require)`. */
export interface CompiledCell {
  kind: "compiled";
  /** JavaScript body; empty when the cell only declares types. */
  js: string;
  /** True when the body awaits at top level. */
  async: boolean;
  /** Name under `exports` of the last expression's value, if the cell ends with an expression. */
  lastExpressionVar?: string;
  /** Declarations of all cells up to this one, for later cells (kept once the cell ran without an error). */
  declarations: string;
}

/** What a cell compiles to: JavaScript, or the TypeScript diagnostics that stop it. */
export type CompileOutcome = CompiledCell | { kind: "diagnostics"; diagnostics: CellDiagnostic[] };

/**
 * Compiles cells one after the other, each against the declarations of the cells accepted before
 * it (the caller keeps them: `CompiledCell.declarations` of each cell that ran without an error).
 */
export class CellCompiler {
  private readonly converter: Converter;

  /** Creates the compiler over `files` (absolute path -> text, `compilerFilesOf`), see memory-system.ts. */
  constructor(files: ReadonlyMap<string, string>) {
    useCompilerSystem(createMemorySystem(files, CELL_FOLDER));
    this.converter = withCellRewrites(ts, createConverter());
  }

  /** Compiles `code` against `declarations` (those of the cells accepted so far). */
  compile(declarations: string, code: string): CompileOutcome {
    const converted = this.converter.convert(declarations, code);
    if (converted.diagnostics.length > 0) {
      return {
        kind: "diagnostics",
        diagnostics: converted.diagnostics.map((d) => ({
          line: d.start.line + 1,
          column: d.start.character + 1,
          message: `${d.fileName ? `${d.fileName} ` : ""}${d.messageText}`,
        })),
      };
    }
    return {
      kind: "compiled",
      js: converted.output ?? "",
      async: converted.hasToplevelAwait === true,
      ...(converted.lastExpressionVar ? { lastExpressionVar: converted.lastExpressionVar } : {}),
      declarations: converted.declOutput ?? "",
    };
  }

  /**
   * Loads and checks the library's and the widgets' declarations once (most of a first cell's
   * compile time), so the first cell that imports them is as quick as the next ones.
   */
  warmUp(): void {
    this.converter.convert(
      "",
      'import * as lab from "upsampling-lab";\nimport * as widgets from "upsampling-lab/widgets";\nlab.tensor([[0]]); widgets.show;',
    );
  }

  /** Completion candidates at `position` (UTF-16 offset) after `declarations`, with TypeScript's kind of each. */
  complete(declarations: string, code: string, position: number): CompletionResult {
    const info = this.converter.complete(declarations, code, position);
    const kindOf = new Map<string, string>();
    for (const entry of info.original?.entries ?? []) kindOf.set(entry.name, String(entry.kind));
    return { start: info.start, end: info.end, candidates: info.candidates, kinds: info.candidates.map((c) => kindOf.get(c)) };
  }

  /** Quick info (signature and doc comment) at `position` after `declarations`, or undefined. */
  inspect(declarations: string, code: string, position: number): string | undefined {
    const info = this.converter.inspect(declarations, code, position);
    if (!info) return undefined;
    const text = printQuickInfo(info);
    return text.length > 0 ? text : undefined;
  }

  /** Whether `code` is complete, incomplete (with the next line's indent) or invalid. */
  completeness(code: string): CodeCompleteness {
    return codeCompletenessOf(ts, isCompleteCode, code);
  }
}
