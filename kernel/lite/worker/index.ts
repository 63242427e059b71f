/**
 * The JupyterLite kernel's Web Worker (dist/lite/kernel-worker.js): the engine (engine.ts) wired to
 * `postMessage`, the compiler loaded from its own script when first needed (compiler-script.ts),
 * compiled cells kept in IndexedDB, the site's files fetched over HTTP, and errors nothing caught
 * reported under the current cell instead of silently lost.
 */
import type { MainToWorker, WorkerToMain } from "../protocol";
import type { CellCompiler } from "./compiler";
import { COMPILER_SCRIPT_GLOBAL, type CompilerScript } from "./compiler-script-global";
import { LiteKernel } from "./engine";
import { indexedDbCompileCache } from "./indexeddb-compile-cache";

const scope = globalThis as unknown as {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<MainToWorker>) => void) | null;
  addEventListener(type: string, listener: (event: Event) => void): void;
  importScripts(...urls: string[]): void;
};

/** A site file's bytes, or undefined when the server has none. */
async function fetchBytes(url: string): Promise<Uint8Array | undefined> {
  const response = await fetch(url);
  return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
}

/** The same, synchronously (Web Workers may make synchronous requests). */
function fetchBytesSync(url: string): Uint8Array | undefined {
  const request = new XMLHttpRequest();
  request.open("GET", url, false);
  request.responseType = "arraybuffer";
  request.send();
  return request.status >= 200 && request.status < 300 ? new Uint8Array(request.response as ArrayBuffer) : undefined;
}

/** POSTs JSON and parses the JSON answer, synchronously (how `prompt()` reaches JupyterLite's service worker). */
function postJsonSync(url: string, body: unknown): unknown {
  const request = new XMLHttpRequest();
  request.open("POST", url, false);
  request.setRequestHeader("Content-Type", "application/json");
  request.send(JSON.stringify(body));
  if (request.status < 200 || request.status >= 300) throw new Error(`${url} answered ${request.status}`);
  return JSON.parse(request.responseText) as unknown;
}

/** Loads the compiler's script (once) and creates a compiler from it. */
function createCompiler(compilerUrl: string | undefined): CellCompiler {
  if (compilerUrl === undefined) throw new Error("the kernel plugin gave the worker no compilerUrl: cells cannot be compiled");
  const loaded = (): CompilerScript | undefined =>
    (globalThis as Record<string, unknown>)[COMPILER_SCRIPT_GLOBAL] as CompilerScript | undefined;
  if (loaded() === undefined) {
    try {
      scope.importScripts(compilerUrl);
    } catch (error) {
      throw new Error(
        `the TypeScript compiler could not be loaded from ${compilerUrl}: ${String((error as Error)?.message ?? error)}`,
      );
    }
  }
  const script = loaded();
  if (script === undefined) throw new Error(`${compilerUrl} did not set up the TypeScript compiler`);
  return script.createCellCompiler();
}

const kernel = new LiteKernel({
  post: (message: WorkerToMain, transfer: ArrayBuffer[] = []) => scope.postMessage(message, transfer),
  createCompiler,
  versions: { package: LITE_PACKAGE_VERSION, compiler: LITE_COMPILER_VERSION },
  fetchBytes,
  fetchBytesSync,
  postJsonSync,
  compileCache: indexedDbCompileCache(LITE_COMPILER_BUILD),
});
kernel.installGlobals();
scope.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  kernel.reportUncaught("unhandled promise rejection", (event as PromiseRejectionEvent).reason);
});
scope.addEventListener("error", (event) => {
  event.preventDefault();
  kernel.reportUncaught("uncaught exception", (event as ErrorEvent).error ?? (event as ErrorEvent).message);
});
scope.onmessage = (event) => kernel.handle(event.data);
