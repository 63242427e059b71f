/** How the compiler's script (compiler-script.ts) and the worker (index.ts) meet: a global. */
import type { CellCompiler } from "./compiler";

/** Name of the global the compiler's script sets. */
export const COMPILER_SCRIPT_GLOBAL = "upsamplingLabLiteCompiler";

/** What the compiler's script publishes. */
export interface CompilerScript {
  /** Creates a compiler over the script's files. */
  createCellCompiler(): CellCompiler;
}
