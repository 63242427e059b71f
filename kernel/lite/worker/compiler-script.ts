/**
 * The compiler's script (dist/lite/kernel-compiler.js): the TypeScript compiler and the files cells
 * are checked against, which the worker loads with `importScripts` only when a cell needs compiling
 * (index.ts). It publishes what it holds under `COMPILER_SCRIPT_GLOBAL`.
 */
import declarationFiles from "lite:declaration-files";
import { CellCompiler, compilerFilesOf } from "./compiler";
import { COMPILER_SCRIPT_GLOBAL, type CompilerScript } from "./compiler-script-global";

const script: CompilerScript = {
  createCellCompiler: () => new CellCompiler(compilerFilesOf(declarationFiles)),
};
(globalThis as Record<string, unknown>)[COMPILER_SCRIPT_GLOBAL] = script;
