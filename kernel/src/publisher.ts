/**
 * Output routing: every iopub message gets the header of the request that produced it as parent.
 * The parent is carried by `AsyncLocalStorage` around each execute request and comm handler, so
 * output printed later from timers and awaits still lands under the cell (or comm message) that
 * started it. Stream text is coalesced until the next tick or the next other iopub message.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Json } from "./wire-message";

/** Sends one message to the wire thread. */
export type SendFunction = (
  channel: "iopub" | "shell" | "control" | "stdin",
  msgType: string,
  content: Json,
  parent: Json,
  extra?: { metadata?: Json; buffers?: Uint8Array[]; identities?: Uint8Array[] },
) => void;

/** Context of the request whose output is being produced. */
export interface OutputContext {
  parent: Json;
}

/** Publishes iopub messages with the right parent header. */
export class Publisher {
  readonly context = new AsyncLocalStorage<OutputContext>();
  /** Parent of output produced outside any request context (the last execute request). */
  fallbackParent: Json = {};
  private pendingStream: { name: "stdout" | "stderr"; text: string; parent: Json; since: number } | undefined;
  private flushScheduled = false;

  constructor(private readonly send: SendFunction) {}

  /** The parent header output goes to right now. */
  currentParent(): Json {
    return this.context.getStore()?.parent ?? this.fallbackParent;
  }

  /** Runs `body` with `parent` as the parent of all output it produces, now or later. */
  runWithParent<T>(parent: Json, body: () => T): T {
    return this.context.run({ parent }, body);
  }

  /** Publishes an iopub message (flushing pending stream text first, to keep order). */
  publish(msgType: string, content: Json, extra: { metadata?: Json; buffers?: Uint8Array[]; parent?: Json } = {}): void {
    this.flushStream();
    this.send("iopub", msgType, content, extra.parent ?? this.currentParent(), {
      metadata: extra.metadata,
      buffers: extra.buffers,
    });
  }

  /** Appends text to stdout or stderr of the current parent. */
  stream(name: "stdout" | "stderr", text: string): void {
    if (text.length === 0) return;
    const parent = this.currentParent();
    const pending = this.pendingStream;
    if (pending !== undefined && (pending.name !== name || pending.parent !== parent)) this.flushStream();
    if (this.pendingStream === undefined) this.pendingStream = { name, text, parent, since: Date.now() };
    else this.pendingStream.text += text;
    // A long synchronous loop never reaches setImmediate: flush by size and age as well.
    if (this.pendingStream.text.length > 64 * 1024 || Date.now() - this.pendingStream.since > 50) {
      this.flushStream();
    } else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flushStream();
      });
    }
  }

  /**
   * Removes and returns the pending stdout text of the current parent after its last newline
   * (the question `readline` printed before reading), or "" when there is none.
   */
  takePartialLine(): string {
    const pending = this.pendingStream;
    if (pending === undefined || pending.name !== "stdout" || pending.parent !== this.currentParent()) return "";
    const cut = pending.text.lastIndexOf("\n") + 1;
    const line = pending.text.slice(cut);
    pending.text = pending.text.slice(0, cut);
    if (pending.text.length === 0) this.pendingStream = undefined;
    return line;
  }

  /** Sends pending stream text now. */
  flushStream(): void {
    const pending = this.pendingStream;
    if (pending === undefined) return;
    this.pendingStream = undefined;
    this.send("iopub", "stream", { name: pending.name, text: pending.text }, pending.parent);
  }
}
