/**
 * The parts of Node's `fs` and `zlib` that notebooks use, for runtimes without Node (a live page,
 * the JupyterLite worker): `fs.existsSync` / `fs.readFileSync` over a lookup of the notebook's files
 * by the path the cell spells, and `zlib.inflateSync` as the library's own `inflateZlib`
 * (src/image/inflate.ts, property-tested against Node's zlib). No Node API.
 */
import { inflateZlib } from "../../src/index";

/** Finds a file's bytes by the path a cell gives (relative to the notebook), or undefined when there is none. */
export type FileLookup = (path: string) => Uint8Array | undefined;

/** A read-only `fs` over `lookup`; `missing(path)` is the message of the ENOENT error. */
export function createFileSystemModule(lookup: FileLookup, missing: (path: string) => string) {
  const read = (file: unknown): Uint8Array => {
    const bytes = lookup(String(file));
    if (bytes === undefined) {
      const error = new Error(`ENOENT: no such file or directory, open '${String(file)}' (${missing(String(file))})`);
      (error as { code?: string }).code = "ENOENT";
      throw error;
    }
    return bytes;
  };
  return {
    existsSync: (file: unknown): boolean => lookup(String(file)) !== undefined,
    readFileSync: (file: unknown, encoding?: unknown): Uint8Array | string => {
      const bytes = read(file);
      return encoding === undefined || encoding === null ? bytes : new TextDecoder().decode(bytes);
    },
  };
}

/** The `zlib` of a runtime without Node: `inflateSync` is the library's `inflateZlib` (what PNG decoding needs). */
export const zlibModule = { inflateSync: (bytes: Uint8Array): Uint8Array => inflateZlib(bytes) };
