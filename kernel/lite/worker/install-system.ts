/**
 * Gives the TypeScript compiler a file system before tslab's converter module loads: in a Web
 * Worker the compiler finds no Node and leaves `ts.sys` undefined, which the converter touches as
 * it loads. Import this module before anything that imports `tslab/dist/converter`. In Node (the
 * unit tests) `ts.sys` already exists and is left alone here; the compiler replaces it anyway.
 */
import * as ts from "@tslab/typescript-for-tslab";
import { createMemorySystem } from "./memory-system";

/** Makes `system` the compiler's `ts.sys` (TypeScript's own `setSys`, left out of its public typings). */
export function useCompilerSystem(system: ts.System): void {
  (ts as unknown as { setSys(s: ts.System): void }).setSys(system);
}

if ((ts as { sys?: unknown }).sys === undefined) useCompilerSystem(createMemorySystem(new Map(), "/"));
