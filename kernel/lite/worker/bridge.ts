/**
 * The worker's `KernelBridge` (widgets/bridge): what the widget API and cell code ask of the kernel
 * (display, display updates, clear_output, comms, widget states, input), as messages of
 * kernel/lite/protocol.ts to the kernel plugin. Outputs belong to the current request: the running
 * cell, or the frontend comm message whose handler runs.
 */
import { randomUUID } from "node:crypto";
import {
  type Comm,
  type CommMessage,
  type DisplayOptions,
  type InputOptions,
  type JsonObject,
  type KernelBridge,
  type MimeBundle,
  type OutgoingBuffers,
  type PublishedOutput,
  type WidgetStateProvider,
} from "../../../widgets/bridge";
import { collectWidgetStates } from "../../src/widget-control";
import type { WorkerToMain } from "../protocol";

/** Sends a message to the main thread, transferring `transfer`. */
export type PostFunction = (message: WorkerToMain, transfer?: ArrayBuffer[]) => void;

/** Each buffer copied into its own ArrayBuffer (transferable, and safe from later writes). */
export function ownBuffers(buffers: OutgoingBuffers | undefined): ArrayBuffer[] {
  return (buffers ?? []).map((b, index) => {
    if (!(b instanceof ArrayBuffer) && !ArrayBuffer.isView(b))
      throw new TypeError(`buffers[${index}] must be an ArrayBuffer or a typed array / DataView, got ${typeof b}`);
    const view = ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b);
    return view.slice().buffer;
  });
}

/** One comm, kernel side. */
class WorkerComm implements Comm {
  closed = false;
  msgHandler: ((msg: CommMessage) => void | Promise<void>) | undefined;
  closeHandler: ((msg: CommMessage) => void) | undefined;
  constructor(
    readonly commId: string,
    readonly targetName: string,
    private readonly bridge: WorkerBridge,
  ) {}
  async send(data: JsonObject, options?: { metadata?: JsonObject; buffers?: OutgoingBuffers }): Promise<void> {
    if (this.closed) return;
    const buffers = ownBuffers(options?.buffers);
    this.bridge.post({ type: "comm_msg", commId: this.commId, data, metadata: options?.metadata ?? {}, buffers }, buffers);
  }
  async close(data: JsonObject = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.bridge.comms.delete(this.commId);
    this.bridge.post({ type: "comm_close", commId: this.commId, data });
  }
  onMsg(handler: (msg: CommMessage) => void | Promise<void>): void {
    this.msgHandler = handler;
  }
  onClose(handler: (msg: CommMessage) => void): void {
    this.closeHandler = handler;
  }
}

/** Asks the user for a line; rejects when the current request does not take input. */
export type InputAsker = (prompt: string, options: InputOptions) => Promise<string>;

/** The bridge, with what the worker's engine needs to route messages to it. */
export class WorkerBridge implements KernelBridge {
  /** msg_id of the request whose outputs are being produced, "" outside any. */
  currentMsgId = "";
  readonly comms = new Map<string, WorkerComm>();
  readonly executeEndHooks = new Set<() => void | Promise<void>>();
  private readonly outputObservers = new Set<(output: PublishedOutput) => void>();
  private readonly commTargets = new Map<string, (comm: Comm, msg: CommMessage) => void | Promise<void>>();
  private readonly stateProviders = new Set<WidgetStateProvider>();

  constructor(
    readonly post: PostFunction,
    private readonly ask: InputAsker,
  ) {
    this.registerCommTarget("jupyter.widget.control", (comm) => {
      comm.onMsg(async (msg) => {
        if (msg.data.method !== "request_states") return;
        const { states, bufferPaths, buffers } = collectWidgetStates(this.stateProviders, (line) => this.stderr(line));
        await comm.send({ method: "update_states", states, buffer_paths: bufferPaths }, { buffers });
      });
    });
  }

  /** Publishes an output of the current request (and tells the output observers first). */
  publish(msgType: string, content: JsonObject, parentMsgId = this.currentMsgId): void {
    const output: PublishedOutput = { msgType, content, parentMsgId };
    for (const observer of this.outputObservers) observer(output);
    this.post({ type: "output", parentMsgId, msgType, content });
  }

  /** Writes `text` (a line) to the current request's stderr. */
  stderr(text: string): void {
    this.publish("stream", { name: "stderr", text: text.endsWith("\n") ? text : `${text}\n` });
  }

  async display(bundle: MimeBundle, options: DisplayOptions = {}): Promise<void> {
    if (typeof bundle !== "object" || bundle === null || Array.isArray(bundle)) {
      throw new TypeError(`display: bundle must be a mime bundle object, got ${bundle === null ? "null" : typeof bundle}`);
    }
    if (options.update === true && typeof options.displayId !== "string") {
      throw new TypeError("display: update: true needs a displayId (the id given when the output was first displayed)");
    }
    this.publish(options.update === true ? "update_display_data" : "display_data", {
      data: bundle,
      metadata: options.metadata ?? {},
      transient: options.displayId === undefined ? {} : { display_id: options.displayId },
    });
  }

  async clearOutput(wait = false): Promise<void> {
    this.publish("clear_output", { wait: wait === true });
  }

  async openComm(
    targetName: string,
    data: JsonObject,
    options: { metadata?: JsonObject; buffers?: OutgoingBuffers; commId?: string } = {},
  ): Promise<Comm> {
    const commId = options.commId ?? randomUUID().replace(/-/g, "");
    const metadata =
      targetName === "jupyter.widget" && options.metadata?.version === undefined
        ? { version: "2.1.0", ...(options.metadata ?? {}) }
        : (options.metadata ?? {});
    const comm = new WorkerComm(commId, targetName, this);
    this.comms.set(commId, comm);
    const buffers = ownBuffers(options.buffers);
    this.post({ type: "comm_open", commId, targetName, data, metadata, buffers }, buffers);
    return comm;
  }

  registerCommTarget(targetName: string, handler: (comm: Comm, msg: CommMessage) => void | Promise<void>): void {
    this.commTargets.set(targetName, handler);
  }

  currentParentHeader(): JsonObject | undefined {
    return this.currentMsgId === "" ? undefined : { msg_id: this.currentMsgId };
  }

  registerWidgetStateProvider(provider: WidgetStateProvider): () => void {
    if (typeof provider !== "function")
      throw new TypeError(`registerWidgetStateProvider: provider must be a function, got ${typeof provider}`);
    this.stateProviders.add(provider);
    return () => this.stateProviders.delete(provider);
  }

  onExecuteEnd(hook: () => void | Promise<void>): () => void {
    if (typeof hook !== "function") throw new TypeError(`onExecuteEnd: hook must be a function, got ${typeof hook}`);
    this.executeEndHooks.add(hook);
    return () => this.executeEndHooks.delete(hook);
  }

  onOutput(observer: (output: PublishedOutput) => void): () => void {
    if (typeof observer !== "function") throw new TypeError(`onOutput: observer must be a function, got ${typeof observer}`);
    this.outputObservers.add(observer);
    return () => this.outputObservers.delete(observer);
  }

  async input(prompt: string, options: InputOptions = {}): Promise<string> {
    return this.ask(String(prompt ?? ""), options);
  }

  /** The frontend opened a comm: runs its target's handler (an unknown target closes it again). */
  async frontendOpened(commId: string, targetName: string, data: JsonObject, buffers: ArrayBuffer[]): Promise<void> {
    const handler = this.commTargets.get(targetName);
    if (handler === undefined) {
      this.post({ type: "comm_close", commId, data: {} });
      return;
    }
    const comm = new WorkerComm(commId, targetName, this);
    this.comms.set(commId, comm);
    await handler(comm, {
      data,
      metadata: {},
      buffers: buffers.map((b) => new DataView(b)),
      header: { msg_id: this.currentMsgId },
    });
  }

  /** The comm ids and targets of the open comms (`comm_info_reply`), only those of `targetName` when given. */
  commInfo(targetName?: string): Record<string, { target_name: string }> {
    const info: Record<string, { target_name: string }> = {};
    for (const comm of this.comms.values()) {
      if (targetName === undefined || comm.targetName === targetName) info[comm.commId] = { target_name: comm.targetName };
    }
    return info;
  }
}
