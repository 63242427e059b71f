/**
 * The execute queue: execute requests run one at a time, in order. Each gets busy, execute_input,
 * its outputs, an execute_result or an error, the end-of-execute hooks, the reply and idle; a
 * failed cell (with `stop_on_error`) aborts the execute requests already queued.
 */
import { diagnosticsError, exceptionError, type ErrorContent } from "./cell-errors";
import { History, type HistoryEntry } from "./history";
import type { Interrupts } from "./interrupts";
import { kernelLog } from "./log";
import type { Publisher } from "./publisher";
import { mimeBundleOf } from "./rich-output";
import { isInterruptError, type TypeScriptRunner } from "./typescript-runner";
import type { Json, WireMessage } from "./wire-message";

/** What the queue needs from the kernel. */
export interface ExecuteContext {
  publisher: Publisher;
  interrupts: Interrupts;
  history: History;
  /** Sends a reply on the shell channel to `request`. */
  reply(request: WireMessage, msgType: string, content: Json): void;
  /** Hands queued messages to the wire thread now (before a cell may block the thread). */
  handOutput(): void;
  /** Handles the requests still waiting in the wire thread's port (so they can be aborted). */
  drainPort(): void;
  /** Called after each request went idle. */
  requestDone(): void;
}

/** Execute requests, run one at a time. */
export class ExecuteQueue {
  private readonly waiting: WireMessage[] = [];
  private current: WireMessage | undefined;
  private runner: TypeScriptRunner | undefined;
  private executionCount = 0;
  /** Told on stderr under the first cell that runs (a failed library rebuild at start). */
  private startupNotice: string | undefined;
  /** Awaited at the end of every execute request (see `KernelBridge.onExecuteEnd`). */
  readonly endHooks = new Set<() => void | Promise<void>>();

  constructor(private readonly context: ExecuteContext) {}

  /** The request whose cell runs now, or undefined. */
  get running(): WireMessage | undefined {
    return this.current;
  }

  /** Cells run from now on, with `runner`; `notice` (if any) goes to stderr under the first one. */
  ready(runner: TypeScriptRunner, notice: string | undefined): void {
    this.runner = runner;
    this.startupNotice = notice;
    this.pump();
  }

  /** Queues an execute request. */
  push(request: WireMessage): void {
    this.waiting.push(request);
    this.pump();
  }

  private pump(): void {
    if (this.current !== undefined || this.runner === undefined) return;
    const next = this.waiting.shift();
    if (next === undefined) return;
    this.current = next;
    void this.execute(next, this.runner).finally(() => {
      this.current = undefined;
      this.context.requestDone();
      this.pump();
    });
  }

  private status(state: "busy" | "idle", parent: Json): void {
    this.context.publisher.publish("status", { execution_state: state }, { parent });
  }

  private async execute(request: WireMessage, runner: TypeScriptRunner): Promise<void> {
    const { publisher, interrupts } = this.context;
    const content = request.content;
    const header = request.header;
    publisher.fallbackParent = header;
    this.status("busy", header);
    const silent = content.silent === true;
    const storeHistory = content.store_history !== false && !silent;
    const stopOnError = content.stop_on_error !== false;
    let aborted: WireMessage[] = [];
    try {
      if (typeof content.code !== "string") {
        this.context.reply(request, "execute_reply", {
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
      if (!silent) publisher.publish("execute_input", { code, execution_count: count }, { parent: header });
      if (!silent && this.startupNotice !== undefined) {
        publisher.publish("stream", { name: "stderr", text: this.startupNotice }, { parent: header });
        this.startupNotice = undefined;
      }
      const entry: HistoryEntry = { line: count, input: code, output: null };
      if (storeHistory) this.context.history.add(entry);

      interrupts.cellStarts();
      this.context.handOutput(); // busy and execute_input go out before the cell may block the thread
      const outcome = await publisher.runWithParent(header, () => runner.run(code, count));
      let error: ErrorContent | undefined;
      if (outcome.kind === "diagnostics") {
        error = diagnosticsError(code, outcome.diagnostics);
      } else if (outcome.kind === "exception") {
        error = exceptionError(
          code,
          outcome.error,
          outcome.jsCode,
          outcome.fileName,
          interrupts.cellInterrupted || isInterruptError(outcome.error),
        );
      } else if (outcome.hasValue && !silent) {
        try {
          // Built under the cell's parent header: a value's display method may ask which
          // request is current (a widget already shown by this cell returns no second view).
          const data = publisher.runWithParent(header, () => mimeBundleOf(outcome.value));
          entry.output = typeof data["text/plain"] === "string" ? data["text/plain"] : null;
          publisher.publish("execute_result", { execution_count: count, data, metadata: {} }, { parent: header });
        } catch (displayError) {
          error = exceptionError(code, displayError, undefined, "", false);
        }
      }
      await publisher.runWithParent(header, () => this.runEndHooks());
      interrupts.cellInterrupted = false;
      if (error !== undefined) {
        // Decide what to abort before the reply goes out: a request the client sends after
        // seeing this reply must run normally.
        if (stopOnError) aborted = this.takeWaiting();
        publisher.publish("error", { ...error }, { parent: header });
        this.context.reply(request, "execute_reply", { status: "error", execution_count: count, ...error });
      } else {
        const userExpressions = await this.evaluateUserExpressions(runner, content.user_expressions, count);
        this.context.reply(request, "execute_reply", {
          status: "ok",
          execution_count: count,
          payload: [],
          user_expressions: userExpressions,
        });
      }
    } catch (internal) {
      kernelLog(`execute failed inside the kernel: ${(internal as Error).stack ?? String(internal)}`);
      this.context.reply(request, "execute_reply", {
        status: "error",
        ename: "KernelError",
        evalue: String((internal as Error).message ?? internal),
        traceback: [],
        execution_count: this.executionCount,
      });
    } finally {
      publisher.flushStream();
      this.status("idle", header);
    }
    this.abort(aborted);
  }

  /** Awaits each end-of-execute hook (at most 10 s each); a failing hook is logged, never fails the cell. */
  private async runEndHooks(): Promise<void> {
    for (const hook of [...this.endHooks]) {
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

  private async evaluateUserExpressions(runner: TypeScriptRunner, expressions: unknown, count: number): Promise<Json> {
    const result: Json = {};
    if (typeof expressions !== "object" || expressions === null) return result;
    for (const [name, expression] of Object.entries(expressions as Record<string, unknown>)) {
      if (typeof expression !== "string") {
        result[name] = { status: "error", ename: "TypeError", evalue: `user expression ${name} must be a string`, traceback: [] };
        continue;
      }
      const outcome = await runner.run(expression, count);
      if (outcome.kind === "ok") {
        result[name] = {
          status: "ok",
          data: outcome.hasValue ? mimeBundleOf(outcome.value) : { "text/plain": "undefined" },
          metadata: {},
        };
      } else {
        const error =
          outcome.kind === "diagnostics"
            ? diagnosticsError(expression, outcome.diagnostics)
            : exceptionError(expression, outcome.error, outcome.jsCode, outcome.fileName, false);
        result[name] = { status: "error", ...error };
      }
    }
    return result;
  }

  /**
   * After a failed cell, takes the execute requests that were already waiting (as ipykernel does
   * with stop_on_error). Requests still in the port are drained first; later arrivals run normally.
   */
  private takeWaiting(): WireMessage[] {
    this.context.drainPort();
    return this.waiting.splice(0);
  }

  /** Answers `aborted` to each request. */
  private abort(requests: WireMessage[]): void {
    for (const request of requests) {
      this.status("busy", request.header);
      this.context.reply(request, "execute_reply", { status: "aborted", execution_count: this.executionCount });
      this.status("idle", request.header);
    }
    if (requests.length > 0) kernelLog(`aborted ${requests.length} queued execute request(s) after an error`);
  }
}
