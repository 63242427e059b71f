/**
 * The kernel's main thread: runs cells with tslab's compiler, answers shell requests, owns the
 * comm manager and the `KernelBridge` that notebook code reaches through `globalThis`.
 * The sockets live in the wire thread (`wire-worker.ts`); this thread talks to it over a port.
 */
import { writeSync } from "node:fs";
import { Console } from "node:console";
import { createRequire } from "node:module";
import * as path from "node:path";
import { Writable } from "node:stream";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import {
  registerKernelBridge,
  type Comm,
  type JsonObject,
  type KernelBridge,
  type MimeBundle,
  type PublishedOutput,
  type WidgetStateProvider,
} from "./bridge";
import { exceptionError, diagnosticsError, type ErrorContent } from "./cell-errors";
import { CommManager } from "./comm-manager";
import type { ConnectionInfo } from "./connection";
import { History, type HistoryEntry } from "./history";
import { PACKAGE_ROOT, packageVersion } from "./install";
import { clearInterrupt, createInterruptFlag, installInterruptCheck, INTERRUPT_CHECK_GLOBAL, interruptCount } from "./interrupt-flag";
import { Publisher } from "./publisher";
import { rebuildLibrary } from "./library-build";
import { mimeBundleOf } from "./rich-output";
import { codeCompleteness, COMPILER_VERSION, isInterruptError, TypeScriptRunner } from "./typescript-runner";
import { collectWidgetStates } from "./widget-control";
import { PROTOCOL_VERSION, type Json, type WireMessage } from "./wire-message";
import type { MainToWire, WireChannel, WireToMain } from "./wire-protocol";
import type { WireWorkerData } from "./wire-worker";

/** Writes one line to the kernel's log (the process's real stderr, never a notebook output). */
export function kernelLog(text: string): void {
  writeSync(2, `[upsampling-lab kernel] ${text}\n`);
}

/** Version of this kernel implementation. */
export const KERNEL_VERSION = packageVersion();

/** Largest multipart message accepted (larger ones make ZeroMQ drop the connection). */
const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;

/** Static `kernel_info_reply` content (without `status`). */
export function kernelInfo(): Json {
  return {
    protocol_version: PROTOCOL_VERSION,
    implementation: "upsampling-lab",
    implementation_version: KERNEL_VERSION,
    language_info: {
      name: "typescript",
      version: COMPILER_VERSION,
      mimetype: "text/typescript",
      file_extension: ".ts",
      codemirror_mode: "typescript",
      pygments_lexer: "typescript",
    },
    banner:
      `Upsampling Lab TypeScript kernel ${KERNEL_VERSION} (TypeScript ${COMPILER_VERSION} via tslab, Node.js ${process.version})\n` +
      'Import the library with: import { tensor } from "upsampling-lab";',
    help_links: [{ text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/" }],
    debugger: false,
  };
}

/** Converts a cursor position in Unicode code points (the protocol's unit) to a UTF-16 index. */
export function codePointsToUtf16(text: string, codePoints: number): number {
  let index = 0;
  for (let n = 0; n < codePoints && index < text.length; n++) {
    const code = text.codePointAt(index) ?? 0;
    index += code > 0xffff ? 2 : 1;
  }
  return index;
}

/** Converts a UTF-16 index to a count of Unicode code points. */
export function utf16ToCodePoints(text: string, index: number): number {
  return Array.from(text.slice(0, index)).length;
}

/** Iopub message types told to the bridge's output observers. */
const OBSERVED_OUTPUTS = new Set(["display_data", "update_display_data", "execute_result", "stream", "error", "clear_output"]);

/** The running kernel. */
export class Kernel {
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private readonly publisher: Publisher;
  private readonly comms: CommManager;
  private runner: TypeScriptRunner | undefined;
  /** Told on stderr under the first cell that runs (a failed library rebuild at start). */
  private startupNotice: string | undefined;
  /** Whether the library rebuild of `start()` has finished (cells wait for it). */
  private libraryBuilt = false;
  private readonly executeQueue: WireMessage[] = [];
  private executing = false;
  private interrupted = false;
  /** Shared with the wire thread: the pending interrupt that loop checks in cell code read. */
  private readonly interruptFlag = createInterruptFlag();
  /** How many interrupts had arrived when the running cell started (older ones are not for it). */
  private interruptsBeforeCell = 0;
  /** When the last interrupt was acted on (one SIGINT can arrive twice: directly and through the wire thread). */
  private lastInterruptAt = -Infinity;
  private executionCount = 0;
  private readonly history = new History();
  private readonly widgetStateProviders = new Set<WidgetStateProvider>();
  private readonly executeEndHooks = new Set<() => void | Promise<void>>();
  private readonly outputObservers = new Set<(output: PublishedOutput) => void>();
  private flushToken = 0;
  private exitCode = 0;
  private readonly outbox: MainToWire[] = [];
  private outboxSince = 0;
  private readonly flushWaiters = new Map<number, () => void>();

  constructor(
    connection: ConnectionInfo,
    private readonly cwd: string,
  ) {
    const mainLiveness = new Int32Array(new SharedArrayBuffer(4));
    setInterval(() => Atomics.add(mainLiveness, 0, 1), 100).unref();
    const channel = new MessageChannel();
    this.port = channel.port1;
    const data: WireWorkerData = {
      connection,
      kernelInfo: kernelInfo(),
      maxMessageBytes: MAX_MESSAGE_BYTES,
      port: channel.port2,
      parentPid: process.ppid,
      mainLiveness,
      interruptFlag: this.interruptFlag,
    };
    installInterruptCheck(this.interruptFlag);
    this.worker = new Worker(path.join(__dirname, "wire-worker.js"), { workerData: data, transferList: [channel.port2] });
    this.worker.on("error", (error) => {
      kernelLog(`wire thread failed: ${error.stack ?? error.message}`);
      process.exit(1);
    });
    this.publisher = new Publisher((ch, msgType, content, parent, extra) => {
      if (ch === "iopub" && this.outputObservers.size > 0 && OBSERVED_OUTPUTS.has(msgType)) this.tellOutputObservers(msgType, content, parent);
      this.send(ch, msgType, content, parent, extra);
    });
    this.comms = new CommManager(this.publisher, kernelLog);
    this.port.on("message", (message: WireToMain) => this.onWireMessage(message));
    this.installProcessHooks();
    this.installBridge();
  }

  /** Closes the sockets (in the wire thread) and exits the process with `code`. */
  exit(code: number): void {
    this.exitCode = code;
    this.flushOutbox();
    this.port.postMessage({ kind: "shutdown" } satisfies MainToWire);
    setTimeout(() => process.exit(code), 2000).unref();
  }

  /**
   * Creates the compiler (blocks about a second; requests wait in the port meanwhile) while the
   * library is rebuilt if its sources changed (a source checkout); cells run once both are done.
   */
  start(): void {
    const build = rebuildLibrary(PACKAGE_ROOT); // a child process, running while the compiler starts
    const started = Date.now();
    this.runner = new TypeScriptRunner(this.cwd, `${INTERRUPT_CHECK_GLOBAL}()`);
    kernelLog(`compiler ready in ${Date.now() - started} ms (cwd ${this.cwd})`);
    void build.then((notice) => {
      if (notice !== undefined) kernelLog(notice);
      this.startupNotice = notice;
      this.libraryBuilt = true;
      this.pumpExecuteQueue();
    });
  }

  /**
   * Queues a message for the wire thread. Messages produced in the same tick travel in one
   * batch (fewer thread wake-ups per request); a batch older than 20 ms is sent at once, so
   * output still flows while a long synchronous cell runs.
   */
  private send(channel: WireChannel, msgType: string, content: Json, parent: Json, extra: { metadata?: Json; buffers?: Uint8Array[]; identities?: Uint8Array[] } = {}): void {
    this.outbox.push({ kind: "send", channel, msgType, content, parent, ...extra });
    if (this.outbox.length === 1) {
      this.outboxSince = Date.now();
      queueMicrotask(() => this.flushOutbox());
    } else if (Date.now() - this.outboxSince > 20) {
      this.flushOutbox();
    }
  }

  /** Hands the queued messages to the wire thread now. */
  private flushOutbox(): void {
    if (this.outbox.length === 0) return;
    const commands = this.outbox.splice(0);
    try {
      this.port.postMessage({ kind: "batch", commands } satisfies MainToWire);
    } catch {
      // Some content cannot be cloned (functions, symbols): send one by one, reporting the bad ones.
      for (const command of commands) {
        try {
          this.port.postMessage(command);
        } catch (error) {
          const msgType = command.kind === "send" ? command.msgType : command.kind;
          kernelLog(`cannot send ${msgType}: ${(error as Error).message}`);
          if (command.kind === "send" && msgType !== "error") {
            this.port.postMessage({ kind: "send", channel: "iopub", msgType: "stream", parent: command.parent, content: { name: "stderr", text: `cannot send ${msgType}: ${(error as Error).message}\n` } } satisfies MainToWire);
          }
        }
      }
    }
  }

  /** Resolves once every message sent so far was handed to ZeroMQ. */
  flush(): Promise<void> {
    this.publisher.flushStream();
    this.flushOutbox();
    const token = ++this.flushToken;
    return new Promise((resolve) => {
      this.flushWaiters.set(token, resolve);
      this.port.postMessage({ kind: "flush", token } satisfies MainToWire);
    });
  }

  private onWireMessage(message: WireToMain): void {
    switch (message.kind) {
      case "request":
        this.dispatch(message.channel, message.message);
        return;
      case "flushed":
        this.flushWaiters.get(message.token)?.();
        this.flushWaiters.delete(message.token);
        return;
      case "shutdown":
        kernelLog(`shutting down (restart: ${message.restart})`);
        try {
          this.runner?.close();
        } finally {
          // Give ZeroMQ's I/O thread a moment to deliver the last messages (sockets linger).
          setTimeout(() => process.exit(this.exitCode), 100);
        }
        return;
      case "fatal":
        kernelLog(`fatal: ${message.message}`);
        this.exit(1);
        return;
      case "interrupt":
        // The main thread turns again, so the interrupt reached whatever was running: a loop
        // check threw, or nothing synchronous ran. A pending await of the cell is rejected here.
        clearInterrupt(this.interruptFlag, message.number);
        this.interruptRunningCell(message.number <= this.interruptsBeforeCell);
        return;
      case "bound":
        kernelLog("sockets bound");
        return;
    }
  }

  /** Reply on the request's own channel. */
  private reply(channel: "shell" | "control", request: WireMessage, msgType: string, content: Json): void {
    this.send(channel, msgType, content, request.header, { identities: request.identities });
  }

  private dispatch(channel: "shell" | "control" | "stdin", message: WireMessage): void {
    if (channel === "stdin") {
      kernelLog(`stdin: ${message.header.msg_type} ignored (this kernel does not request input)`);
      return;
    }
    if (message.header.msg_type === "execute_request" && channel === "shell") {
      this.executeQueue.push(message);
      this.pumpExecuteQueue();
      return;
    }
    void this.handleOther(channel, message);
  }

  private pumpExecuteQueue(): void {
    if (this.executing || this.runner === undefined || !this.libraryBuilt) return;
    const next = this.executeQueue.shift();
    if (next === undefined) return;
    this.executing = true;
    void this.execute(next).finally(() => {
      this.executing = false;
      this.pumpExecuteQueue();
    });
  }

  private status(state: "busy" | "idle", parent: Json): void {
    this.publisher.publish("status", { execution_state: state }, { parent });
  }

  private async execute(request: WireMessage): Promise<void> {
    const runner = this.runner!;
    const content = request.content;
    const header = request.header;
    this.publisher.fallbackParent = header;
    this.status("busy", header);
    const silent = content.silent === true;
    const storeHistory = content.store_history !== false && !silent;
    const stopOnError = content.stop_on_error !== false;
    let aborted: WireMessage[] = [];
    try {
      if (typeof content.code !== "string") {
        this.reply("shell", request, "execute_reply", {
          status: "error",
          ename: "BadRequest",
          evalue: `execute_request content.code must be a string, got ${typeof content.code}`,
          traceback: [],
          execution_count: this.executionCount,
        });
        return;
      }
      const code = content.code;
      if (storeHistory) this.executionCount++;
      const count = this.executionCount;
      if (!silent) this.publisher.publish("execute_input", { code, execution_count: count }, { parent: header });
      if (!silent && this.startupNotice !== undefined) {
        this.publisher.publish("stream", { name: "stderr", text: this.startupNotice }, { parent: header });
        this.startupNotice = undefined;
      }
      const entry: HistoryEntry = { line: count, input: code, output: null };
      if (storeHistory) this.history.add(entry);

      this.interrupted = false;
      // An interrupt that arrived before this cell started was meant for something else.
      clearInterrupt(this.interruptFlag);
      this.interruptsBeforeCell = interruptCount(this.interruptFlag);
      this.flushOutbox(); // busy and execute_input go out before the cell may block the thread
      const outcome = await this.publisher.runWithParent(header, () => runner.run(code, count));
      let error: ErrorContent | undefined;
      if (outcome.kind === "diagnostics") {
        error = diagnosticsError(code, outcome.diagnostics);
      } else if (outcome.kind === "exception") {
        error = exceptionError(code, outcome.error, outcome.jsCode, outcome.fileName, this.interrupted || isInterruptError(outcome.error));
      } else if (outcome.hasValue && !silent) {
        try {
          // Built under the cell's parent header: a value's display method may ask which
          // request is current (a widget already shown by this cell returns no second view).
          const data = this.publisher.runWithParent(header, () => mimeBundleOf(outcome.value));
          entry.output = typeof data["text/plain"] === "string" ? data["text/plain"] : null;
          this.publisher.publish("execute_result", { execution_count: count, data, metadata: {} }, { parent: header });
        } catch (displayError) {
          error = exceptionError(code, displayError, undefined, "", false);
        }
      }
      await this.publisher.runWithParent(header, () => this.runExecuteEndHooks());
      this.interrupted = false;
      if (error !== undefined) {
        // Decide what to abort before the reply goes out: a request the client sends after
        // seeing this reply must run normally.
        if (stopOnError) aborted = this.takeQueuedExecutes();
        this.publisher.publish("error", { ...error }, { parent: header });
        this.reply("shell", request, "execute_reply", { status: "error", execution_count: count, ...error });
      } else {
        const userExpressions = await this.evaluateUserExpressions(content.user_expressions, count);
        this.reply("shell", request, "execute_reply", { status: "ok", execution_count: count, payload: [], user_expressions: userExpressions });
      }
    } catch (internal) {
      kernelLog(`execute failed inside the kernel: ${(internal as Error).stack ?? String(internal)}`);
      this.reply("shell", request, "execute_reply", {
        status: "error",
        ename: "KernelError",
        evalue: String((internal as Error).message ?? internal),
        traceback: [],
        execution_count: this.executionCount,
      });
    } finally {
      this.publisher.flushStream();
      this.status("idle", header);
    }
    this.abort(aborted);
  }

  /** Awaits each end-of-execute hook (at most 10 s each); a failing hook is logged, never fails the cell. */
  private async runExecuteEndHooks(): Promise<void> {
    for (const hook of [...this.executeEndHooks]) {
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            kernelLog("an end-of-execute hook took over 10 s; the reply went out without waiting for it");
            resolve();
          }, 10_000);
        });
        await Promise.race([Promise.resolve().then(hook), timeout]);
      } catch (error) {
        kernelLog(`end-of-execute hook failed: ${(error as Error)?.stack ?? String(error)}`);
      } finally {
        clearTimeout(timer);
      }
    }
  }

  private tellOutputObservers(msgType: string, content: Json, parent: Json): void {
    const parentMsgId = typeof parent.msg_id === "string" ? parent.msg_id : "";
    for (const observer of [...this.outputObservers]) {
      try {
        observer({ msgType, content: content as JsonObject, parentMsgId });
      } catch (error) {
        kernelLog(`output observer failed: ${(error as Error)?.stack ?? String(error)}`);
      }
    }
  }

  private async evaluateUserExpressions(expressions: unknown, count: number): Promise<Json> {
    const result: Json = {};
    if (typeof expressions !== "object" || expressions === null) return result;
    for (const [name, expression] of Object.entries(expressions as Record<string, unknown>)) {
      if (typeof expression !== "string") {
        result[name] = { status: "error", ename: "TypeError", evalue: `user expression ${name} must be a string`, traceback: [] };
        continue;
      }
      const outcome = await this.runner!.run(expression, count);
      if (outcome.kind === "ok") {
        result[name] = { status: "ok", data: outcome.hasValue ? mimeBundleOf(outcome.value) : { "text/plain": "undefined" }, metadata: {} };
      } else {
        const error = outcome.kind === "diagnostics" ? diagnosticsError(expression, outcome.diagnostics) : exceptionError(expression, outcome.error, outcome.jsCode, outcome.fileName, false);
        result[name] = { status: "error", ...error };
      }
    }
    return result;
  }

  /**
   * After a failed cell, takes the execute requests that were already waiting (as ipykernel does
   * with stop_on_error). Requests still in the port are drained first; later arrivals run normally.
   */
  private takeQueuedExecutes(): WireMessage[] {
    for (let pending = receiveMessageOnPort(this.port); pending !== undefined; pending = receiveMessageOnPort(this.port)) {
      this.onWireMessage(pending.message as WireToMain);
    }
    return this.executeQueue.splice(0);
  }

  /** Answers `aborted` to each request. */
  private abort(requests: WireMessage[]): void {
    for (const request of requests) {
      this.status("busy", request.header);
      this.reply("shell", request, "execute_reply", { status: "aborted", execution_count: this.executionCount });
      this.status("idle", request.header);
    }
    if (requests.length > 0) kernelLog(`aborted ${requests.length} queued execute request(s) after an error`);
  }

  private async handleOther(channel: "shell" | "control", request: WireMessage): Promise<void> {
    const header = request.header;
    const type = header.msg_type;
    this.status("busy", header);
    try {
      await this.publisher.runWithParent(header, () => this.answer(channel, request));
    } catch (error) {
      kernelLog(`${type} failed: ${(error as Error).stack ?? String(error)}`);
      // A comm handler of notebook code failed (e.g. its loop was interrupted): show it under the message.
      if (type.startsWith("comm_")) this.publisher.stream("stderr", `error in a ${type} handler: ${this.describeCellError(error)}\n`);
      if (type.endsWith("_request")) {
        this.reply(channel, request, type.replace(/_request$/, "_reply"), {
          status: "error",
          ename: (error as Error).name ?? "Error",
          evalue: String((error as Error).message ?? error),
          traceback: [],
        });
      }
    } finally {
      this.publisher.flushStream();
      this.status("idle", header);
    }
  }

  private async answer(channel: "shell" | "control", request: WireMessage): Promise<void> {
    const content = request.content;
    const type = request.header.msg_type;
    switch (type) {
      case "complete_request": {
        const code = String(content.code ?? "");
        const cursor = typeof content.cursor_pos === "number" ? content.cursor_pos : Array.from(code).length;
        const completion = this.requireRunner().complete(code, codePointsToUtf16(code, cursor));
        const start = utf16ToCodePoints(code, completion.start);
        const end = utf16ToCodePoints(code, completion.end);
        this.reply(channel, request, "complete_reply", {
          status: "ok",
          matches: completion.candidates,
          cursor_start: start,
          cursor_end: end,
          // JupyterLab shows these kinds as icons in the completer.
          metadata: {
            _jupyter_types_experimental: completion.candidates.map((text, i) => ({ start, end, text, type: completion.kinds[i] ?? "" })),
          },
        });
        return;
      }
      case "inspect_request": {
        const code = String(content.code ?? "");
        const cursor = codePointsToUtf16(code, typeof content.cursor_pos === "number" ? content.cursor_pos : Array.from(code).length);
        const runner = this.requireRunner();
        const text = runner.inspect(code, cursor) ?? (cursor > 0 ? runner.inspect(code, cursor - 1) : undefined);
        this.reply(channel, request, "inspect_reply", {
          status: "ok",
          found: text !== undefined,
          data: text === undefined ? {} : { "text/plain": text },
          metadata: {},
        });
        return;
      }
      case "is_complete_request":
        this.reply(channel, request, "is_complete_reply", codeCompleteness(String(content.code ?? "")));
        return;
      case "history_request":
        this.reply(channel, request, "history_reply", { status: "ok", history: this.history.reply(content) });
        return;
      case "comm_info_request":
        this.reply(channel, request, "comm_info_reply", this.comms.info(content.target_name));
        return;
      case "comm_open":
      case "comm_msg":
      case "comm_close":
        await this.comms.handle(request);
        return;
      default:
        kernelLog(`unknown message type ${JSON.stringify(type)} on ${channel}`);
        if (type.endsWith("_request")) {
          this.reply(channel, request, type.replace(/_request$/, "_reply"), {
            status: "error",
            ename: "UnknownMessageType",
            evalue: `this kernel does not handle ${type}`,
            traceback: [],
          });
        }
    }
  }

  private requireRunner(): TypeScriptRunner {
    if (this.runner === undefined) throw new Error("the compiler is still starting");
    return this.runner;
  }

  private installProcessHooks(): void {
    // Signal interrupt mode, and interrupt_request (the wire thread raises SIGINT too): code in
    // the cell body is stopped by vm's breakOnSigint, loops elsewhere by their interrupt checks
    // (the wire thread sets the flag); a pending await is rejected here.
    process.on("SIGINT", () => this.interruptRunningCell());
    process.on("uncaughtException", (error) => this.reportBackgroundError("uncaught exception", error));
    process.on("unhandledRejection", (reason) => this.reportBackgroundError("unhandled promise rejection", reason));

    const streamTo = (name: "stdout" | "stderr"): Writable =>
      new Writable({
        decodeStrings: false,
        write: (chunk: unknown, _encoding, callback) => {
          this.publisher.stream(name, typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
          callback();
        },
      });
    globalThis.console = new Console({ stdout: streamTo("stdout"), stderr: streamTo("stderr"), colorMode: false });
    const patch = (stream: NodeJS.WriteStream, name: "stdout" | "stderr"): void => {
      (stream as { write: unknown }).write = (chunk: unknown, ...rest: unknown[]): boolean => {
        this.publisher.stream(name, typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
        const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
        callback?.();
        return true;
      };
    };
    patch(process.stdout, "stdout");
    patch(process.stderr, "stderr");
  }

  /**
   * Rejects the running cell's pending await, once per interrupt however many ways it arrived
   * (the wire thread's message and SIGINT); `stale`: it arrived before the running cell started.
   */
  private interruptRunningCell(stale = false): void {
    const now = performance.now();
    if (now - this.lastInterruptAt < 300) return;
    this.lastInterruptAt = now;
    if (this.executing && !stale) {
      this.interrupted = true;
      this.runner?.interrupt();
    }
  }

  private reportBackgroundError(what: string, error: unknown): void {
    kernelLog(`${what}: ${(error as Error)?.stack ?? String(error)}`);
    this.publisher.stream("stderr", `${what} in notebook code: ${this.describeCellError(error)}\n`);
  }

  /**
   * An error thrown by cell code outside its cell's run (a timer, a comm handler), with the
   * lines of the cell that defined the throwing code, e.g. an interrupted loop in a timer.
   */
  private describeCellError(error: unknown): string {
    if (!(error instanceof Error)) return String(error);
    const fileName = /In\[\d+\]\.js/.exec(error.stack ?? "")?.[0];
    const cell = fileName === undefined ? undefined : this.runner?.cellSource(fileName);
    if (fileName === undefined || cell === undefined) return error.stack ?? `${error.name}: ${error.message}`;
    return exceptionError(cell.code, error, cell.jsCode, fileName, false).traceback.join("\n");
  }

  private installBridge(): void {
    const publisher = this.publisher;
    const comms = this.comms;
    const providers = this.widgetStateProviders;
    const bridge: KernelBridge = {
      async display(bundle: MimeBundle, options = {}): Promise<void> {
        if (typeof bundle !== "object" || bundle === null || Array.isArray(bundle)) {
          throw new TypeError(`display: bundle must be a mime bundle object, got ${bundle === null ? "null" : typeof bundle}`);
        }
        if (options.update === true && typeof options.displayId !== "string") {
          throw new TypeError("display: update: true needs a displayId (the id given when the output was first displayed)");
        }
        publisher.publish(options.update === true ? "update_display_data" : "display_data", {
          data: bundle,
          metadata: options.metadata ?? {},
          transient: options.displayId === undefined ? {} : { display_id: options.displayId },
        });
      },
      async clearOutput(wait = false): Promise<void> {
        publisher.publish("clear_output", { wait: wait === true });
      },
      async openComm(targetName: string, data: JsonObject, options = {}): Promise<Comm> {
        const metadata = targetName === "jupyter.widget" && options.metadata?.version === undefined ? { version: "2.1.0", ...(options.metadata ?? {}) } : options.metadata;
        return comms.open(targetName, data, { ...options, metadata });
      },
      registerCommTarget(targetName, handler): void {
        comms.registerTarget(targetName, handler);
      },
      currentParentHeader(): JsonObject | undefined {
        const parent = publisher.context.getStore()?.parent;
        return parent === undefined ? undefined : { ...parent };
      },
      registerWidgetStateProvider(provider: WidgetStateProvider): () => void {
        if (typeof provider !== "function") throw new TypeError(`registerWidgetStateProvider: provider must be a function, got ${typeof provider}`);
        providers.add(provider);
        return () => providers.delete(provider);
      },
      onExecuteEnd: (hook) => {
        if (typeof hook !== "function") throw new TypeError(`onExecuteEnd: hook must be a function, got ${typeof hook}`);
        this.executeEndHooks.add(hook);
        return () => this.executeEndHooks.delete(hook);
      },
      onOutput: (observer) => {
        if (typeof observer !== "function") throw new TypeError(`onOutput: observer must be a function, got ${typeof observer}`);
        this.outputObservers.add(observer);
        return () => this.outputObservers.delete(observer);
      },
    };
    registerKernelBridge(bridge);
    this.comms.registerTarget("jupyter.widget.control", (comm) => {
      comm.onMsg(async (msg) => {
        if (msg.data.method !== "request_states") {
          kernelLog(`jupyter.widget.control: unknown method ${JSON.stringify(msg.data.method)}`);
          return;
        }
        const { states, bufferPaths, buffers } = collectWidgetStates(this.widgetStateProviders, kernelLog);
        await comm.send({ method: "update_states", states, buffer_paths: bufferPaths }, { buffers });
      });
    });
    // Compatibility with tslab's own display API (`import * as tslab from "tslab"; tslab.display.html(...)`).
    try {
      const tslabJupyter = createRequire(__filename)("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
      tslabJupyter.lastWriteDisplayData = (content: Json, update: boolean): void =>
        publisher.publish(update ? "update_display_data" : "display_data", content);
    } catch (error) {
      kernelLog(`tslab display API unavailable: ${(error as Error).message}`);
    }
  }
}
