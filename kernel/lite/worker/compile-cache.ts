/**
 * Compiled cells kept across visits. Compiling a cell is a pure function of the worker's build
 * (compiler, lib files, the package's declarations), the declarations of the cells accepted before
 * it and its code, so its outcome can be stored under those inputs, as Deno keeps its type-check
 * results. A later visit runs the cells it has seen before without building the compiler (most of
 * the worker's start); indexeddb-compile-cache.ts keeps them in the browser.
 */
import type { CompileOutcome } from "./compiler";

/** Where compiled cells are kept, by their inputs (the build is the cache's own). */
export interface CompileCache {
  /** Whether any cell of this build is stored: the site ran cells in this browser before. */
  hasEntries(): Promise<boolean>;
  /** The stored outcome of compiling `code` after `declarations`, or undefined. Never rejects. */
  get(declarations: string, code: string): Promise<CompileOutcome | undefined>;
  /** Stores the outcome of compiling `code` after `declarations`. Never rejects (a full disk loses the entry, nothing else). */
  put(declarations: string, code: string, outcome: CompileOutcome): Promise<void>;
}

/** The key of a cell's inputs: SHA-256 of the declarations and the code, in hex. */
export async function compileCacheKey(declarations: string, code: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${declarations.length}:${declarations}${code}`);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
