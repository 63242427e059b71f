/**
 * Batching of the main thread's messages to the wire thread: messages produced in the same tick
 * travel in one batch (fewer thread wake-ups per request); a batch older than 20 ms is sent at
 * once, so output still flows while a long synchronous cell runs.
 */
import type { MessagePort } from "node:worker_threads";
import { kernelLog } from "./log";
import type { Json } from "./wire-message";
import type { MainToWire, WireChannel } from "./wire-protocol";

/** Extra parts of an outgoing message. */
export interface SendExtra {
  metadata?: Json;
  buffers?: Uint8Array[];
  identities?: Uint8Array[];
}

/** The queue of messages for the wire thread. */
export class Outbox {
  private readonly queued: MainToWire[] = [];
  private queuedSince = 0;

  constructor(private readonly port: MessagePort) {}

  /** Queues a message for the wire thread. */
  send(channel: WireChannel, msgType: string, content: Json, parent: Json, extra: SendExtra = {}): void {
    this.queued.push({ kind: "send", channel, msgType, content, parent, ...extra });
    if (this.queued.length === 1) {
      this.queuedSince = Date.now();
      queueMicrotask(() => this.hand());
    } else if (Date.now() - this.queuedSince > 20) {
      this.hand();
    }
  }

  /** Hands the queued messages to the wire thread now. */
  hand(): void {
    if (this.queued.length === 0) return;
    const commands = this.queued.splice(0);
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
            this.port.postMessage({
              kind: "send",
              channel: "iopub",
              msgType: "stream",
              parent: command.parent,
              content: { name: "stderr", text: `cannot send ${msgType}: ${(error as Error).message}\n` },
            } satisfies MainToWire);
          }
        }
      }
    }
  }

  /** Hands a command other than a message to the wire thread, after everything queued. */
  command(command: MainToWire): void {
    this.hand();
    this.port.postMessage(command);
  }
}
