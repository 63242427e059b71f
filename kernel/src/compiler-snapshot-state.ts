/**
 * What the compiler snapshot (compiler-snapshot-entry.ts) leaves in its global object for the
 * kernel (compiler-snapshot.ts), and the inputs it is built from.
 */
import type * as tsTypes from "@tslab/typescript-for-tslab";

/** Inputs of a snapshot build, passed as JSON in `UPSAMPLING_LAB_SNAPSHOT_INPUT`. */
export interface SnapshotInput {
  /** tslab's TypeScript (`@tslab/typescript-for-tslab/lib/typescript.js`). */
  typescript: string;
  /** The `@types` folder whose `node` package is parsed. */
  typeRoot: string;
  /** tslab's target and libs for this Node (tslab/dist/converter.js). */
  target: tsTypes.ScriptTarget;
  lib: string[];
}

/** The state a snapshot holds at `globalThis.__upsamplingLabCompilerSnapshot`. */
export interface CompilerSnapshotState {
  /** The evaluated TypeScript module. */
  ts: typeof tsTypes;
  /** The file it was evaluated from, as it was then. */
  typescript: { path: string; size: number; mtimeMs: number };
  /** `node:console`'s Console class, which a process started from a snapshot does not get from `node:console`. */
  Console: typeof import("node:console").Console;
  /** How many parsed files the snapshot holds, and how many the kernel used. */
  parsedFiles: number;
  hits: number;
  /** How many files under the snapshot's own type root now have another text (an updated `@types/node`). */
  changedFiles: number;
  /** The parse cache TypeScript's `getSourceFile` asks (undefined: parse as usual). */
  parsedFile(
    fileName: string,
    text: string,
    languageVersionOrOptions: tsTypes.ScriptTarget | tsTypes.CreateSourceFileOptions,
    setParentNodes: boolean | undefined,
  ): tsTypes.SourceFile | undefined;
}
