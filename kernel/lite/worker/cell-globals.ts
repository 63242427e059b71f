/**
 * What cells see as globals and Node modules in the worker, as a declaration file given to the
 * compiler: the web worker's own API (console, timers, fetch, performance...), `prompt` (see
 * engine.ts) and the parts of `fs` and `zlib` the worker provides (files.ts).
 */
export const LITE_CELL_GLOBALS = `/// <reference lib="webworker" />
/// <reference lib="webworker.iterable" />
/**
 * Asks the user for a line of input and returns it (an empty answer gives \`defaultValue\` when set).
 * In JupyterLite it waits through the site's service worker; where that does not run, it throws an
 * error that says to use \`await input(message)\` of "upsampling-lab/widgets" instead.
 */
declare function prompt(message?: string, defaultValue?: string): string;
/** Node's \`setImmediate\`: runs \`callback\` after the current macrotask. */
declare function setImmediate(callback: () => void): unknown;
declare module "fs" {
  /** True when the notebook's folder (in the site's contents) holds \`path\`. */
  export function existsSync(path: string): boolean;
  /** The bytes of \`path\` (relative to the notebook's folder, in the site's contents). */
  export function readFileSync(path: string): Uint8Array;
  /** The text of \`path\` (relative to the notebook's folder, in the site's contents). */
  export function readFileSync(path: string, encoding: string | { encoding: string }): string;
}
declare module "node:fs" {
  export * from "fs";
}
declare module "zlib" {
  /** Inflates zlib-wrapped DEFLATE data (the library's \`inflateZlib\`). */
  export function inflateSync(data: Uint8Array): Uint8Array;
}
declare module "node:zlib" {
  export * from "zlib";
}
`;
