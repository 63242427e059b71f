/**
 * The JupyterLite kernel's Web Worker (dist/lite/kernel-worker.js): the engine (engine.ts) wired to
 * `postMessage`, the site's files fetched over HTTP, and errors nothing caught reported under the
 * current cell instead of silently lost.
 */
import declarationFiles from "lite:declaration-files";
import type { MainToWorker, WorkerToMain } from "../protocol";
import { LiteKernel } from "./engine";

const scope = globalThis as unknown as {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<MainToWorker>) => void) | null;
  addEventListener(type: string, listener: (event: Event) => void): void;
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

const kernel = new LiteKernel({
  post: (message: WorkerToMain, transfer: ArrayBuffer[] = []) => scope.postMessage(message, transfer),
  declarationFiles,
  fetchBytes,
  fetchBytesSync,
  postJsonSync,
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
