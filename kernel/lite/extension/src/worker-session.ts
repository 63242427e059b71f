/**
 * One Web Worker running the kernel (`kernel-worker.js`), seen from the page: it posts the
 * `init` message, matches each request's `reply` to its `msgId`, and hands every other message of
 * the worker to the kernel. Terminating it fails the requests still waiting for a reply, so an
 * interrupt or a restart never leaves a cell hanging.
 */
import type { InitMessage, MainToWorker, ReadyMessage, ReplyMessage, WorkerToMain } from "../../protocol";

/** Why a request got no reply: the worker was stopped (interrupt, restart, shutdown) or failed. */
export class WorkerStoppedError extends Error {
  constructor(
    message: string,
    /** True when the worker itself failed (its script did not load or threw), not stopped on purpose. */
    readonly failed: boolean,
  ) {
    super(message);
    this.name = "WorkerStoppedError";
  }
}

/** A request message: anything the worker answers with one `reply`. */
type RequestMessage = Extract<
  MainToWorker,
  { msgId: string; type: "execute" | "complete" | "inspect" | "is_complete" | "comm_info" }
>;

interface Pending {
  resolve(reply: ReplyMessage): void;
  reject(error: WorkerStoppedError): void;
}

/** A started kernel worker: post messages, await replies, terminate. */
export class WorkerSession {
  /** Resolves with the worker's `ready` message (kernel info), rejects when the worker fails first. */
  readonly ready: Promise<ReadyMessage>;
  private readonly worker: Worker;
  private readonly pending = new Map<string, Pending>();
  private stopped: WorkerStoppedError | undefined;
  private onMessage: (message: WorkerToMain) => void;
  private settleReady: { resolve(ready: ReadyMessage): void; reject(error: WorkerStoppedError): void } | undefined;

  /**
   * Starts the worker script at `workerUrl` and posts `init`; `onMessage` receives every worker
   * message that is not a reply (outputs, comms, input requests).
   */
  constructor(workerUrl: string, init: InitMessage, onMessage: (message: WorkerToMain) => void) {
    this.ready = new Promise<ReadyMessage>((resolve, reject) => {
      this.settleReady = { resolve, reject };
    });
    // Nobody may await `ready` (a kernel that is shut down before its first cell): no unhandled rejection.
    this.ready.catch(() => undefined);
    this.onMessage = onMessage;
    this.worker = new Worker(workerUrl, { name: "upsampling-lab-kernel" });
    this.worker.onmessage = (event: MessageEvent<WorkerToMain>) => {
      const message = event.data;
      if (message.type === "ready") {
        this.settleReady?.resolve(message);
        this.settleReady = undefined;
      } else if (message.type === "reply") {
        const waiting = this.pending.get(message.msgId);
        this.pending.delete(message.msgId);
        waiting?.resolve(message);
      } else {
        this.onMessage(message);
      }
    };
    this.worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      const where = event.filename ? ` (${event.filename}:${event.lineno})` : "";
      this.stop(
        new WorkerStoppedError(`The kernel's Web Worker failed: ${event.message || "its script did not load"}${where}.`, true),
      );
    };
    this.post(init);
  }

  /**
   * Hands a worker started ahead of time (see plugin.ts) to its kernel: posts `init` again with the
   * notebook's path (the worker configures its files again and keeps its compiler) and sends
   * the worker's messages to `onMessage` from now on.
   */
  adopt(init: InitMessage, onMessage: (message: WorkerToMain) => void): void {
    this.onMessage = onMessage;
    this.post(init);
  }

  /** Whether the worker was terminated or failed. */
  get isStopped(): boolean {
    return this.stopped !== undefined;
  }

  /** Posts a message (a no-op once stopped). */
  post(message: MainToWorker): void {
    if (this.stopped === undefined) this.worker.postMessage(message);
  }

  /** Posts a request and resolves with its reply; rejects with WorkerStoppedError if the worker stops first. */
  request(message: RequestMessage): Promise<ReplyMessage> {
    if (this.stopped !== undefined) return Promise.reject(this.stopped);
    return new Promise<ReplyMessage>((resolve, reject) => {
      this.pending.set(message.msgId, { resolve, reject });
      this.worker.postMessage(message);
    });
  }

  /** Terminates the worker; requests still waiting fail with `reason`. */
  terminate(reason: string): void {
    this.stop(new WorkerStoppedError(reason, false));
  }

  private stop(error: WorkerStoppedError): void {
    if (this.stopped !== undefined) return;
    this.stopped = error;
    this.worker.terminate();
    this.settleReady?.reject(error);
    this.settleReady = undefined;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const request of waiting) request.reject(error);
  }
}
