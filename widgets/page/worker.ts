/**
 * The page runtime: a Web Worker that stands in for the kernel in a live exported page. It
 * implements the neutral `KernelBridge` (display, display updates, comms, widget state) over
 * `postMessage`, runs the notebook's compiled cells in order on the library's browser build and
 * the widget API, and hands the frontend's comm messages to the widget models. A cell that throws
 * reports its error; the next cells still run.
 */
import * as library from "../../src/index";
import * as widgetApi from "../api/index";
import {
  registerKernelBridge,
  type Comm,
  type CommMessage,
  type DisplayOptions,
  type JsonObject,
  type KernelBridge,
  type MimeBundle,
  type OutgoingBuffers,
  type PublishedOutput,
} from "../bridge";
import { cellMsgId, type CellError, type PageCell, type PageToWorker, type WorkerToPage } from "./messages";
import { randomUUID } from "./shims/node-crypto";
import { inspect } from "./shims/node-util";
import { createCellExports } from "../runtime/cell-exports";
import { createFileSystemModule, zlibModule } from "../runtime/file-modules";
import { wasmKernelVariant } from "../../src/wasm/kernels";

const scope = globalThis as unknown as { postMessage(message: unknown, transfer?: Transferable[]): void; onmessage: unknown };

function post(message: WorkerToPage, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

/** Copies each buffer into its own ArrayBuffer (transferable, and safe from later writes). */
function ownBuffers(buffers: OutgoingBuffers | undefined): ArrayBuffer[] {
  return (buffers ?? []).map((b) => {
    const view = ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b);
    return view.slice().buffer;
  });
}

/** msg_id of the request whose outputs are being produced (a cell, or a comm message). */
let currentMsgId = "";
const outputObservers = new Set<(output: PublishedOutput) => void>();
const executeEndHooks = new Set<() => void | Promise<void>>();
const comms = new Map<string, PageComm>();
const commTargets = new Map<string, (comm: Comm, msg: CommMessage) => void | Promise<void>>();
let commCounter = 0;

function publish(msgType: string, content: JsonObject): void {
  const output: PublishedOutput = { msgType, content, parentMsgId: currentMsgId };
  for (const observer of outputObservers) observer(output);
  post({ type: "output", parentMsgId: currentMsgId, msgType, content });
}

class PageComm implements Comm {
  closed = false;
  msgHandler: ((msg: CommMessage) => void | Promise<void>) | undefined;
  closeHandler: ((msg: CommMessage) => void) | undefined;
  constructor(
    readonly commId: string,
    readonly targetName: string,
  ) {}
  async send(data: JsonObject, options?: { metadata?: JsonObject; buffers?: OutgoingBuffers }): Promise<void> {
    if (this.closed) return;
    const buffers = ownBuffers(options?.buffers);
    post({ type: "comm_msg", commId: this.commId, data, metadata: options?.metadata ?? {}, buffers }, buffers);
  }
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    comms.delete(this.commId);
    post({ type: "comm_close", commId: this.commId });
  }
  onMsg(handler: (msg: CommMessage) => void | Promise<void>): void {
    this.msgHandler = handler;
  }
  onClose(handler: (msg: CommMessage) => void): void {
    this.closeHandler = handler;
  }
}

const bridge: KernelBridge = {
  // The page already shows the saved figures; its widgets are live views only.
  staticFigures: false,
  async display(bundle: MimeBundle, options?: DisplayOptions): Promise<void> {
    const content: JsonObject = { data: bundle, metadata: options?.metadata ?? {} };
    if (options?.displayId !== undefined) content.transient = { display_id: options.displayId };
    publish(options?.update ? "update_display_data" : "display_data", content);
  },
  async clearOutput(wait = false): Promise<void> {
    publish("clear_output", { wait });
  },
  async openComm(targetName, data, options): Promise<Comm> {
    const commId = options?.commId ?? randomUUID().replace(/-/g, "");
    const comm = new PageComm(commId, targetName);
    comms.set(commId, comm);
    const buffers = ownBuffers(options?.buffers);
    post({ type: "comm_open", commId, target: targetName, data, metadata: options?.metadata ?? {}, buffers }, buffers);
    return comm;
  },
  registerCommTarget(targetName, handler): void {
    commTargets.set(targetName, handler);
  },
  currentParentHeader(): JsonObject | undefined {
    return currentMsgId === "" ? undefined : { msg_id: currentMsgId, msg_type: "execute_request" };
  },
  registerWidgetStateProvider(): () => void {
    // The page keeps every model's state itself; nothing asks the runtime for it.
    return () => undefined;
  },
  onExecuteEnd(hook): () => void {
    executeEndHooks.add(hook);
    return () => executeEndHooks.delete(hook);
  },
  onOutput(observer): () => void {
    outputObservers.add(observer);
    return () => outputObservers.delete(observer);
  },
};

/** `console` of cell code: its text becomes stream outputs of the current request. */
function installConsole(): void {
  const stream =
    (name: "stdout" | "stderr") =>
    (...args: unknown[]): void => {
      const text = args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 4 }))).join(" ");
      publish("stream", { name, text: `${text}\n` });
    };
  const page = globalThis.console;
  globalThis.console = {
    ...page,
    log: stream("stdout"),
    info: stream("stdout"),
    debug: stream("stdout"),
    warn: stream("stderr"),
    error: stream("stderr"),
  };
}

/** Files the export embedded (paths as the cells spell them), base64. */
let assets: Record<string, string> = {};

/** The bytes of an embedded file, by the path the cell spells. */
function readAsset(file: string): Uint8Array | undefined {
  if (!Object.hasOwn(assets, file)) return undefined;
  const data = assets[file];
  const text = atob(data);
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/**
 * The read-only `fs` of a live page: the files the export embedded, under the paths the cells use
 * (notebooks read their photograph with `fs.readFileSync`).
 */
const pageFs = createFileSystemModule(
  readAsset,
  (file) =>
    `${file} is not in this page (a live page holds only the files its cells name: ${Object.keys(assets).join(", ") || "none"})`,
);

/** The `zlib` of a live page: the library's own inflate (what PNG decoding needs). */
const pageZlib = zlibModule;

/** What `import ... from "<name>"` gives cell code in the page. */
function pageRequire(name: string): unknown {
  if (name === "upsampling-lab") return library;
  if (name === "upsampling-lab/widgets") return widgetApi;
  if (name === "fs" || name === "node:fs") return pageFs;
  if (name === "zlib" || name === "node:zlib") return pageZlib;
  throw new Error(
    `module '${name}' is not available in a live page (only upsampling-lab, upsampling-lab/widgets, and fs and zlib for embedded files)`,
  );
}

function errorOf(error: unknown): CellError {
  if (error instanceof Error) {
    return { ename: error.name, evalue: error.message, traceback: [error.stack ?? `${error.name}: ${error.message}`] };
  }
  return { ename: "Error", evalue: inspect(error), traceback: [inspect(error)] };
}

/** The value's mime bundle (its own `Symbol.for("Jupyter.display")` or plain text). */
function bundleOf(value: unknown): MimeBundle {
  const method = (value as { [key: symbol]: unknown } | null)?.[Symbol.for("Jupyter.display")];
  const bundle: MimeBundle = typeof method === "function" ? { ...(method.call(value) as MimeBundle) } : {};
  if (typeof bundle["text/plain"] !== "string")
    bundle["text/plain"] = typeof value === "string" ? `'${value}'` : inspect(value, { depth: 4 });
  return bundle;
}

const AsyncFunction = (async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;

async function runCells(cells: PageCell[]): Promise<void> {
  const started = performance.now();
  const exports = createCellExports();
  let failed = 0;
  for (const [index, cell] of cells.entries()) {
    const cellStarted = performance.now();
    currentMsgId = cellMsgId(index);
    post({ type: "cell_start", index });
    let error: CellError | undefined;
    try {
      const body = new (cell.async ? AsyncFunction : Function)("exports", "require", `"use strict";\n${cell.js}`) as (
        e: unknown,
        r: unknown,
      ) => unknown;
      await body(exports, pageRequire);
      if (cell.lastExpressionVar !== undefined) {
        const value = exports[cell.lastExpressionVar];
        delete exports[cell.lastExpressionVar];
        if (value !== undefined && value !== null)
          publish("execute_result", { data: bundleOf(value), metadata: {}, execution_count: null });
      }
      for (const hook of executeEndHooks) await hook();
    } catch (thrown) {
      error = errorOf(thrown);
      failed++;
      publish("error", { ...error });
    }
    post({ type: "cell_end", index, ms: performance.now() - cellStarted, ...(error ? { error } : {}) });
  }
  currentMsgId = "";
  const note =
    wasmKernelVariant() === null
      ? "this browser has no WebAssembly SIMD, so the library runs its TypeScript code (same numbers, slower)"
      : undefined;
  post({ type: "done", ms: performance.now() - started, failed, ...(note ? { note } : {}) });
}

async function receiveCommMessage(commId: string, data: JsonObject, buffers: ArrayBuffer[]): Promise<void> {
  const comm = comms.get(commId);
  if (comm === undefined || comm.msgHandler === undefined) return;
  const msgId = `comm-${++commCounter}`;
  const previous = currentMsgId;
  currentMsgId = msgId;
  try {
    // Output produced until the handler settles belongs to this message (no AsyncLocalStorage here).
    await comm.msgHandler({
      data,
      metadata: {},
      buffers: buffers.map((b) => new DataView(b)),
      header: { msg_id: msgId, msg_type: "comm_msg" },
    });
  } catch (thrown) {
    const error = errorOf(thrown);
    post({ type: "output", parentMsgId: msgId, msgType: "error", content: { ...error } });
  } finally {
    if (currentMsgId === msgId) currentMsgId = previous;
  }
}

scope.onmessage = (event: MessageEvent<PageToWorker>): void => {
  const message = event.data;
  if (message.type === "run") {
    assets = message.assets;
    void runCells(message.cells);
  } else if (message.type === "comm_msg") void receiveCommMessage(message.commId, message.data, message.buffers);
  else if (message.type === "comm_close") {
    const comm = comms.get(message.commId);
    if (comm) {
      comm.closed = true;
      comms.delete(message.commId);
      comm.closeHandler?.({ data: {}, metadata: {}, buffers: [], header: { msg_id: `close-${message.commId}` } });
    }
  }
};

/** Node's `setImmediate` (the widget API defers work with it): a macrotask through a message channel. */
function installSetImmediate(): void {
  if (typeof (globalThis as { setImmediate?: unknown }).setImmediate === "function") return;
  const channel = new MessageChannel();
  const queue: Array<() => void> = [];
  channel.port1.onmessage = (): void => {
    queue.shift()?.();
  };
  (globalThis as { setImmediate?: unknown }).setImmediate = (callback: () => void): void => {
    queue.push(callback);
    channel.port2.postMessage(null);
  };
}

installSetImmediate();
installConsole();
registerKernelBridge(bridge);
void commTargets;
