/**
 * The JupyterLite kernel's engine: handles the messages of kernel/lite/protocol.ts and runs the
 * cells. Cells are compiled by compiler.ts (tslab's converter and the Node kernel's rewrites), run
 * as `(async) function (exports, require)` bodies sharing one `exports` (tslab's executor
 * convention), and report their last expression, their errors and type errors exactly as the Node
 * kernel words them (kernel/src/cell-errors.ts, rich-output.ts). The same module runs in the Web
 * Worker (index.ts) and in the unit tests (Node).
 */
import { randomUUID } from "node:crypto";
import * as library from "../../../src/index";
import * as widgetApi from "../../../widgets/api/index";
import { registerKernelBridge, type InputOptions, type JsonObject } from "../../../widgets/bridge";
import { createCellExports } from "../../../widgets/runtime/cell-exports";
import { createFileSystemModule, zlibModule } from "../../../widgets/runtime/file-modules";
import { diagnosticsError, exceptionError, type ErrorContent } from "../../src/cell-errors";
import { completeReplyContent, inspectReplyContent, type CompletionSource } from "../../src/completion-replies";
import { HELP_LINKS, IMPORT_HINT, typescriptLanguageInfo } from "../../src/language-info";
import { mimeBundleOf, plainText } from "../../src/rich-output";
import { LITE_PROTOCOL_VERSION, type ExecuteMessage, type MainToWorker } from "../protocol";
import { WorkerBridge, type PostFunction } from "./bridge";
import type { CompileCache } from "./compile-cache";
import type { CellCompiler, CompileOutcome } from "./compiler";
import { NotebookFiles, type FetchBytes, type FetchBytesSync } from "./files";

/** What the engine needs from its host. */
export interface LiteKernelOptions {
  /** Sends a message to the kernel plugin. */
  post: PostFunction;
  /**
   * Creates the compiler (about a second): in the worker, it loads the compiler's script first
   * (`compilerUrl`, from `init`; see index.ts and compiler-script.ts).
   */
  createCompiler: (compilerUrl: string | undefined) => CellCompiler;
  /** The package's and the TypeScript compiler's versions, for `kernel_info_reply`. */
  versions: LiteVersions;
  /** Fetches a file of the site (the notebook's data). */
  fetchBytes: FetchBytes;
  /** Fetches a file of the site synchronously, where the runtime can. */
  fetchBytesSync?: FetchBytesSync;
  /**
   * POSTs `body` as JSON to `url` and returns the parsed JSON answer, synchronously (a Web Worker's
   * synchronous XMLHttpRequest): how `prompt()` reaches JupyterLite's service worker.
   */
  postJsonSync?: (url: string, body: unknown) => unknown;
  /** Compiled cells kept across visits (indexeddb-compile-cache.ts); without it every cell compiles. */
  compileCache?: CompileCache;
}

/** How long a returning visit's kernel must have had nothing to do after a cell before it builds its compiler. */
const IDLE_AFTER_CELL_MS = 1000;
/**
 * The same from its start: long enough for a student who runs the notebook at once to run it from
 * the cache, short enough that one who reads first finds completion ready when typing.
 */
const IDLE_AFTER_START_MS = 3000;

const AsyncFunction = (async () => undefined).constructor as FunctionConstructor;

/** Lines V8 puts before the body of a `new Function` (`function anonymous(exports,require\n) {\n`). */
const FUNCTION_HEADER_LINES = "\n\n";

/** Frames of the worker itself, left out of a cell's traceback. */
const ENGINE_FRAME = /kernel-worker\.js|kernel[\\/]lite[\\/]|node_modules[\\/]|node:internal|<anonymous>\)?$/;

/** Versions a kernel reports: the package's and tslab's TypeScript compiler's. */
export interface LiteVersions {
  package: string;
  compiler: string;
}

/** The kernel's identity, as `kernel_info_reply` reports it (without `status`). */
export function liteKernelInfo(versions: LiteVersions): JsonObject {
  return {
    protocol_version: "5.3",
    implementation: "upsampling-lab-lite",
    implementation_version: versions.package,
    language_info: typescriptLanguageInfo(versions.compiler),
    banner:
      `Upsampling Lab TypeScript kernel for JupyterLite (TypeScript ${versions.compiler} via tslab, in a Web Worker of this page)\n` +
      IMPORT_HINT,
    help_links: HELP_LINKS,
  };
}

/** The kernel in the worker: one compiler, one set of cells' declarations and values. */
export class LiteKernel {
  readonly bridge: WorkerBridge;
  private readonly files: NotebookFiles;
  /** The compiler script's URL, from `init`. */
  private compilerUrl: string | undefined;
  private compilerInstance: CellCompiler | undefined;
  /** Declarations of the cells that ran without an error, which later cells are compiled against. */
  private declarations = "";
  private readonly exports = createCellExports();
  private readonly fsModule: ReturnType<typeof createFileSystemModule>;
  private queue: Promise<void> = Promise.resolve();
  /** Tasks queued and not finished. */
  private pendingTasks = 0;
  /** When the last message arrived (`Date.now()`). */
  private lastMessageAt = 0;
  private executionCount = 0;
  /** The execute request running now (input may be asked only by it). */
  private running: ExecuteMessage | undefined;
  private pendingInput: { resolve(value: string): void } | undefined;
  /** Execute requests received so far; those numbered up to `abortThrough` are aborted (stop_on_error). */
  private executeRequestsReceived = 0;
  private abortThrough = 0;
  private siteBaseUrl = "";
  /** Whether the compiler's build after the first `init` is planned (see `planWarmUp`). */
  private warmUpPlanned = false;
  /** Whether the compiler is to be built once the kernel is idle (a returning visit). */
  private warmUpWhenIdle = false;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private browsingContextId: string | undefined;

  constructor(private readonly options: LiteKernelOptions) {
    this.bridge = new WorkerBridge(options.post, (prompt, inputOptions) => this.ask(prompt, inputOptions));
    this.files = new NotebookFiles(options.fetchBytes, options.fetchBytesSync);
    this.fsModule = createFileSystemModule(
      (path) => this.files.lookup(path),
      (path) => this.files.describe(path),
    );
  }

  /** The compiler, created on first use (about a second). */
  private compiler(): CellCompiler {
    this.compilerInstance ??= this.options.createCompiler(this.compilerUrl);
    return this.compilerInstance;
  }

  /** Whether the compiler is built (until then, cells compiled on an earlier visit come from the compile cache). */
  get compilerBuilt(): boolean {
    return this.compilerInstance !== undefined;
  }

  /** Completion and inspection after the declarations of the cells that ran. */
  private completionSource(): CompletionSource {
    const compiler = this.compiler();
    return {
      complete: (code, position) => compiler.complete(this.declarations, code, position),
      inspect: (code, position) => compiler.inspect(this.declarations, code, position),
    };
  }

  /**
   * Compiles a cell. Until the compiler is built, a cell compiled on an earlier visit (same build,
   * same earlier declarations, same code) comes from the compile cache; what the compiler gives is stored.
   */
  private async compileCell(code: string): Promise<CompileOutcome> {
    const declarations = this.declarations;
    const cache = this.options.compileCache;
    if (this.compilerInstance === undefined && cache !== undefined) {
      const stored = await cache.get(declarations, code);
      if (stored !== undefined) return stored;
    }
    const outcome = this.compiler().compile(declarations, code);
    void cache?.put(declarations, code, outcome);
    return outcome;
  }

  /**
   * Plans the compiler's build (about a second of the worker's time, during which requests wait).
   * On a first visit it starts at once, while the page sets up the session and the notebook. On a
   * returning visit (the compile cache has cells) it waits until the kernel has been idle for a
   * while, so the cells seen before run from the cache first; a new cell, a completion or an
   * inspection builds it when it needs it.
   */
  private async planWarmUp(): Promise<void> {
    if ((await this.options.compileCache?.hasEntries()) === true) {
      this.warmUpWhenIdle = true;
      this.warmUpWhenIdleFor(IDLE_AFTER_START_MS);
    } else {
      this.enqueue(() => this.warmUp());
    }
  }

  /**
   * Builds the compiler and loads the package's declarations into it. When that fails (the
   * compiler's script did not load), the cell that needs the compiler tries again and reports why.
   */
  private warmUp(): void {
    this.warmUpWhenIdle = false;
    if (this.compilerInstance !== undefined) return;
    try {
      this.compiler().warmUp();
    } catch {
      // Reported by the next cell that compiles.
    }
  }

  /**
   * On a returning visit, builds the compiler once no message came and nothing ran for `idleMs`
   * (a request still queued then arms it again when it is a cell, or builds the compiler itself).
   */
  private warmUpWhenIdleFor(idleMs: number): void {
    if (!this.warmUpWhenIdle) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (!this.warmUpWhenIdle || this.pendingTasks > 0) return;
      if (Date.now() - this.lastMessageAt < idleMs) this.warmUpWhenIdleFor(idleMs);
      else this.enqueue(() => this.warmUp());
    }, idleMs);
  }

  /**
   * Makes this kernel the runtime of cell code in this global scope: registers its bridge for the
   * widget API, and defines `console` (stdout/stderr streams of the current request), `prompt`
   * (synchronous through JupyterLite's service worker, see `promptSync`) and `setImmediate`.
   */
  installGlobals(): void {
    registerKernelBridge(this.bridge);
    const stream =
      (name: "stdout" | "stderr") =>
      (...args: unknown[]): void => {
        const text = args.map((a) => (typeof a === "string" ? a : plainText(a))).join(" ");
        this.bridge.publish("stream", { name, text: `${text}\n` });
      };
    const previous = globalThis.console;
    globalThis.console = {
      ...previous,
      log: stream("stdout"),
      info: stream("stdout"),
      debug: stream("stdout"),
      warn: stream("stderr"),
      error: stream("stderr"),
    };
    const define = (name: string, value: unknown): void => {
      Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
    };
    define("prompt", (message: unknown = "", defaultValue?: unknown): string => this.promptSync(String(message), defaultValue));
    if (typeof (globalThis as { setImmediate?: unknown }).setImmediate !== "function") define("setImmediate", setImmediateShim());
  }

  /** Handles one message from the kernel plugin. */
  handle(message: MainToWorker): void {
    this.lastMessageAt = Date.now();
    switch (message.type) {
      case "init":
        this.files.configure(message.siteBaseUrl, message.notebookPath);
        this.siteBaseUrl = message.siteBaseUrl.endsWith("/") ? message.siteBaseUrl : `${message.siteBaseUrl}/`;
        this.browsingContextId = message.browsingContextId;
        this.compilerUrl = message.compilerUrl ?? this.compilerUrl;
        this.enqueue(() => {
          this.options.post({
            type: "ready",
            protocolVersion: LITE_PROTOCOL_VERSION,
            kernelInfo: liteKernelInfo(this.options.versions),
          });
        });
        if (!this.warmUpPlanned) {
          this.warmUpPlanned = true;
          this.enqueue(() => this.planWarmUp());
        }
        return;
      case "execute": {
        const received = ++this.executeRequestsReceived;
        this.enqueue(() => (received <= this.abortThrough ? this.abort(message) : this.execute(message)));
        return;
      }
      case "complete":
        this.enqueueReply(message.msgId, "complete_reply", () =>
          completeReplyContent({ code: message.code, cursor_pos: message.cursorPos }, this.completionSource()),
        );
        return;
      case "inspect":
        this.enqueueReply(message.msgId, "inspect_reply", () =>
          inspectReplyContent({ code: message.code, cursor_pos: message.cursorPos }, this.completionSource()),
        );
        return;
      case "is_complete":
        this.enqueueReply(message.msgId, "is_complete_reply", () => this.compiler().completeness(message.code));
        return;
      case "comm_info":
        this.enqueueReply(message.msgId, "comm_info_reply", () => ({
          status: "ok",
          comms: this.bridge.commInfo(message.targetName),
        }));
        return;
      case "comm_open":
        void this.inRequest(message.msgId, () =>
          this.bridge.frontendOpened(message.commId, message.targetName, message.data, message.buffers),
        );
        return;
      case "comm_msg": {
        const comm = this.bridge.comms.get(message.commId);
        const handler = comm?.msgHandler;
        if (handler === undefined) return;
        void this.inRequest(message.msgId, () =>
          handler({
            data: message.data,
            metadata: message.metadata ?? {},
            buffers: (message.buffers ?? []).map((b) => new DataView(b)),
            header: { msg_id: this.bridge.currentMsgId, msg_type: "comm_msg" },
          }),
        );
        return;
      }
      case "comm_close": {
        const comm = this.bridge.comms.get(message.commId);
        if (comm === undefined) return;
        comm.closed = true;
        this.bridge.comms.delete(message.commId);
        void this.inRequest(message.msgId, () =>
          comm.closeHandler?.({
            data: message.data ?? {},
            metadata: {},
            buffers: [],
            header: { msg_id: this.bridge.currentMsgId },
          }),
        );
        return;
      }
      case "input_reply": {
        const pending = this.pendingInput;
        this.pendingInput = undefined;
        pending?.resolve(String(message.value));
        return;
      }
      default:
        this.bridge.stderr(
          `the kernel received a message it does not know: ${JSON.stringify((message as { type?: unknown }).type)}`,
        );
    }
  }

  /**
   * Reports an error nothing caught (a timer's callback, a rejected promise nobody awaited) on the
   * current request's stderr, with the cell lines when it came from a cell, as the Node kernel does.
   */
  reportUncaught(what: string, error: unknown): void {
    let text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : plainText(error);
    if (error instanceof Error) {
      const fileName = /In\[\d+\]\.js/.exec(error.stack ?? "")?.[0];
      const cell = fileName === undefined ? undefined : this.cellSources.get(fileName);
      if (fileName !== undefined && cell !== undefined)
        text = this.exceptionContent(cell.code, error, cell.js, fileName).traceback.join("\n");
    }
    this.bridge.stderr(`${what} in notebook code: ${text}`);
  }

  /** Each cell's code and JavaScript by file name, to map errors thrown later (timers, callbacks). */
  private readonly cellSources = new Map<string, { code: string; js: string }>();

  /** Runs `task` after every request received before it. */
  private enqueue(task: () => void | Promise<void>): void {
    this.pendingTasks++;
    this.queue = this.queue
      .then(task)
      .catch((error: unknown) => this.reportUncaught("kernel error", error))
      .finally(() => this.pendingTasks--);
  }

  /** Queues a request answered by one reply computed by `content` (an error reply when it throws). */
  private enqueueReply(msgId: string, msgType: string, content: () => JsonObject): void {
    this.enqueue(() => {
      let reply: JsonObject;
      try {
        reply = content();
      } catch (error) {
        reply = {
          status: "error",
          ename: (error as Error)?.name ?? "Error",
          evalue: String((error as Error)?.message ?? error),
          traceback: [],
        };
      }
      this.options.post({ type: "reply", msgId, msgType, content: reply });
    });
  }

  /** Runs a frontend comm message's handler with that message as the current request (its outputs go there). */
  private async inRequest(msgId: string | undefined, handler: () => void | Promise<void>): Promise<void> {
    const previous = this.bridge.currentMsgId;
    const current = msgId ?? previous;
    this.bridge.currentMsgId = current;
    try {
      await handler();
    } catch (error) {
      this.bridge.publish("error", { ...this.exceptionContent("", error, undefined, "") }, current);
    } finally {
      if (this.bridge.currentMsgId === current) this.bridge.currentMsgId = previous;
    }
  }

  /** What `import ... from "<name>"` gives cell code. */
  private require(name: string): unknown {
    if (name === "upsampling-lab") return library;
    if (name === "upsampling-lab/widgets") return widgetApi;
    if (name === "fs" || name === "node:fs") return this.fsModule;
    if (name === "zlib" || name === "node:zlib") return zlibModule;
    throw new Error(
      `Cannot find module '${name}': in JupyterLite the kernel provides upsampling-lab, upsampling-lab/widgets, and fs and zlib for the notebook's files`,
    );
  }

  /** The error content of an exception, its traceback without the worker's own frames. */
  private exceptionContent(code: string, error: unknown, js: string | undefined, fileName: string): ErrorContent {
    const content = exceptionError(code, error, js === undefined ? undefined : FUNCTION_HEADER_LINES + js, fileName, false);
    return { ...content, traceback: content.traceback.filter((line) => !(/^\s+at /.test(line) && ENGINE_FRAME.test(line))) };
  }

  /** Why the running cell cannot ask for input now, or undefined when it can. */
  private inputRefusal(): string | undefined {
    const running = this.running;
    if (running === undefined || running.msgId !== this.bridge.currentMsgId)
      return "input can be asked only by a running cell, not from a timer, a widget callback or a cell that has finished";
    if (!running.allowStdin)
      return "this frontend does not take input for this cell (its execute_request has allow_stdin: false); write the value into the code instead";
    return undefined;
  }

  /**
   * `prompt(message, defaultValue)`: blocks until the user answers, as in the Node kernel. The
   * input_request goes as a synchronous POST to the site's `api/stdin/kernel`, which JupyterLite's
   * service worker hands to the page, which asks the notebook and answers with the input_reply
   * (the route JupyterLite's own kernels use). Without the service worker (a `file://` page, a
   * browser that refuses it) it throws, saying to use `await input()`.
   */
  private promptSync(message: string, defaultValue: unknown): string {
    const refusal = this.inputRefusal();
    if (refusal !== undefined) throw new Error(refusal);
    const header = this.running?.parentHeader;
    if (this.browsingContextId === undefined || header === undefined || this.options.postJsonSync === undefined) {
      throw new Error(
        "prompt() cannot wait for an answer here: JupyterLite's service worker, through which a kernel in a Web Worker waits for the answer, " +
          'is not running (it needs an http(s) site and a browser that allows service workers). Use `await input("question")` with ' +
          '`import { input } from "upsampling-lab/widgets"`, which works without it (and in the Node kernel)',
      );
    }
    const request = {
      header: {
        msg_id: randomUUID(),
        msg_type: "input_request",
        session: String(header.session ?? ""),
        username: String(header.username ?? ""),
        date: new Date().toISOString(),
        version: "5.3",
      },
      parent_header: header,
      metadata: {},
      content: { prompt: message, password: false },
      channel: "stdin",
      buffers: [],
    };
    let answer: unknown;
    try {
      answer = this.options.postJsonSync(`${this.siteBaseUrl}api/stdin/kernel`, {
        browsingContextId: this.browsingContextId,
        data: request,
      });
    } catch (error) {
      throw new Error(
        `prompt(): JupyterLite's service worker did not answer (${String((error as Error)?.message ?? error)}); use await input() instead`,
      );
    }
    const value = (answer as { content?: { value?: unknown } } | null)?.content?.value;
    if (typeof value !== "string") throw new Error(`prompt(): the answer has no text: ${JSON.stringify(answer)?.slice(0, 200)}`);
    return value === "" && defaultValue !== undefined ? String(defaultValue) : value;
  }

  /** Asks the user for a line through the kernel plugin (`input_request`), if the running cell allows it. */
  private ask(prompt: string, options: InputOptions): Promise<string> {
    const refusal = this.inputRefusal();
    const running = this.running;
    if (refusal !== undefined || running === undefined) return Promise.reject(new Error(refusal));
    if (this.pendingInput !== undefined) return Promise.reject(new Error("input: the cell is already waiting for an answer"));
    return new Promise<string>((resolve) => {
      this.pendingInput = { resolve };
      this.options.post({ type: "input_request", parentMsgId: running.msgId, prompt, password: options.password === true });
    });
  }

  /** Answers an execute request that waited behind a failed cell without running it. */
  private abort(message: ExecuteMessage): void {
    this.options.post({
      type: "reply",
      msgId: message.msgId,
      msgType: "execute_reply",
      content: { status: "aborted", execution_count: this.executionCount },
    });
  }

  /** Runs one cell: compile, run, last expression, end hooks, error; then the reply. */
  private async execute(message: ExecuteMessage): Promise<void> {
    const { code, msgId, silent } = message;
    if (message.executionCount !== undefined) this.executionCount = message.executionCount;
    else if (message.storeHistory && !silent) this.executionCount++;
    const count = this.executionCount;
    this.running = message;
    this.bridge.currentMsgId = msgId;
    let error: ErrorContent | undefined;
    try {
      await this.files.prefetch(code);
      const outcome = await this.compileCell(code);
      if (outcome.kind === "diagnostics") {
        error = diagnosticsError(code, outcome.diagnostics);
      } else {
        const fileName = `In[${count}].js`;
        let value: unknown;
        try {
          if (outcome.js !== "") {
            this.cellSources.set(fileName, { code, js: outcome.js });
            const body = new (outcome.async ? AsyncFunction : Function)(
              "exports",
              "require",
              `${outcome.js}\n//# sourceURL=${fileName}`,
            ) as (exports: unknown, require: unknown) => unknown;
            await body(this.exports, (name: string) => this.require(name));
          }
          this.declarations = outcome.declarations;
          if (outcome.lastExpressionVar !== undefined) {
            value = this.exports[outcome.lastExpressionVar];
            delete this.exports[outcome.lastExpressionVar];
          }
        } catch (thrown) {
          error = this.exceptionContent(code, thrown, outcome.js, fileName);
        }
        if (error === undefined && value !== undefined && value !== null && !silent) {
          try {
            const data = mimeBundleOf(value);
            this.bridge.publish("execute_result", { execution_count: count, data, metadata: {} });
          } catch (displayError) {
            error = this.exceptionContent(code, displayError, undefined, "");
          }
        }
      }
    } catch (internal) {
      error = {
        ename: "KernelError",
        evalue: String((internal as Error)?.message ?? internal),
        traceback: [String((internal as Error)?.stack ?? internal)],
      };
    }
    for (const hook of [...this.bridge.executeEndHooks]) {
      try {
        await hook();
      } catch (hookError) {
        this.bridge.stderr(`end-of-cell hook failed: ${String((hookError as Error)?.message ?? hookError)}`);
      }
    }
    this.running = undefined;
    this.warmUpWhenIdleFor(IDLE_AFTER_CELL_MS);
    if (error !== undefined) {
      // As ipykernel and the Node kernel: the cells already waiting are not run after an error.
      if (message.stopOnError !== false) this.abortThrough = this.executeRequestsReceived;
      this.bridge.publish("error", { ...error }, msgId);
      this.options.post({
        type: "reply",
        msgId,
        msgType: "execute_reply",
        content: { status: "error", execution_count: count, ...error },
      });
    } else {
      this.options.post({
        type: "reply",
        msgId,
        msgType: "execute_reply",
        content: { status: "ok", execution_count: count, payload: [], user_expressions: {} },
      });
    }
  }
}

/** Node's `setImmediate` (the widget API defers work with it): a macrotask through a message channel. */
function setImmediateShim(): (callback: () => void) => void {
  const channel = new MessageChannel();
  const queue: Array<() => void> = [];
  // Typed loosely: Node's typings (the unit tests) and the DOM's disagree on MessagePort.
  (channel.port1 as unknown as { onmessage: (() => void) | null }).onmessage = (): void => {
    queue.shift()?.();
  };
  return (callback: () => void): void => {
    queue.push(callback);
    channel.port2.postMessage(null);
  };
}
