/**
 * Test helper: a `KernelBridge` that records everything crossing the bridge (the
 * boundary of the widget API) and lets a test play the frontend's part.
 */
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
  type WidgetStateProvider,
} from "../../widgets/bridge";

/** One thing the widget API asked of the kernel. */
export type Recorded =
  | {
      kind: "comm_open";
      commId: string;
      target: string;
      data: JsonObject;
      metadata: JsonObject;
      buffers: OutgoingBuffers;
      parent?: string;
    }
  | { kind: "comm_msg"; commId: string; data: JsonObject; buffers: OutgoingBuffers; parent?: string }
  | { kind: "comm_close"; commId: string }
  | { kind: "display"; bundle: MimeBundle; options?: DisplayOptions; parent?: string }
  | { kind: "clear_output"; wait: boolean };

class RecordedComm implements Comm {
  closed = false;
  msgHandler: ((msg: CommMessage) => void | Promise<void>) | undefined;
  closeHandler: ((msg: CommMessage) => void) | undefined;
  constructor(
    readonly commId: string,
    readonly targetName: string,
    private readonly bridge: RecordingBridge,
  ) {}
  async send(data: JsonObject, options?: { metadata?: JsonObject; buffers?: OutgoingBuffers }): Promise<void> {
    if (this.closed) throw new Error(`comm ${this.commId} is closed`);
    this.bridge.log.push({
      kind: "comm_msg",
      commId: this.commId,
      data: structuredClone(data),
      buffers: options?.buffers ?? [],
      parent: this.bridge.parent?.msg_id as string | undefined,
    });
  }
  async close(): Promise<void> {
    this.closed = true;
    this.bridge.log.push({ kind: "comm_close", commId: this.commId });
  }
  onMsg(handler: (msg: CommMessage) => void | Promise<void>): void {
    this.msgHandler = handler;
  }
  onClose(handler: (msg: CommMessage) => void): void {
    this.closeHandler = handler;
  }
}

/** Records the widget API's traffic; `frontendSends` plays the browser. */
export class RecordingBridge implements KernelBridge {
  readonly log: Recorded[] = [];
  readonly comms = new Map<string, RecordedComm>();
  readonly providers: WidgetStateProvider[] = [];
  /** The parent header `currentParentHeader` reports (a test sets it). */
  parent: JsonObject | undefined = { msg_id: "cell-1", msg_type: "execute_request" };

  readonly executeEndHooks: Array<() => void | Promise<void>> = [];
  readonly outputObservers: Array<(output: PublishedOutput) => void> = [];

  async display(bundle: MimeBundle, options?: DisplayOptions): Promise<void> {
    this.log.push({ kind: "display", bundle, options, parent: this.parent?.msg_id as string | undefined });
    const transient = options?.displayId === undefined ? {} : { display_id: options.displayId };
    this.published(options?.update === true ? "update_display_data" : "display_data", {
      data: bundle,
      metadata: options?.metadata ?? {},
      transient,
    });
  }
  async clearOutput(wait = false): Promise<void> {
    this.log.push({ kind: "clear_output", wait });
    this.published("clear_output", { wait });
  }
  onExecuteEnd(hook: () => void | Promise<void>): () => void {
    this.executeEndHooks.push(hook);
    return () => this.executeEndHooks.splice(this.executeEndHooks.indexOf(hook), 1);
  }
  onOutput(observer: (output: PublishedOutput) => void): () => void {
    this.outputObservers.push(observer);
    return () => this.outputObservers.splice(this.outputObservers.indexOf(observer), 1);
  }

  /** Plays the kernel at the end of the current execute request: awaits the end-of-execute hooks. */
  async endExecute(): Promise<void> {
    await settle();
    for (const hook of [...this.executeEndHooks]) await hook();
  }

  /** Plays console output of cell code: a stream output under the current parent. */
  print(text: string, name: "stdout" | "stderr" = "stdout"): void {
    this.published("stream", { name, text });
  }

  private published(msgType: string, content: JsonObject): void {
    const parentMsgId = typeof this.parent?.msg_id === "string" ? this.parent.msg_id : "";
    for (const observer of [...this.outputObservers]) observer({ msgType, content, parentMsgId });
  }
  async openComm(
    target: string,
    data: JsonObject,
    options: { metadata?: JsonObject; buffers?: OutgoingBuffers; commId?: string } = {},
  ): Promise<Comm> {
    const commId = options.commId ?? `comm-${this.comms.size}`;
    const comm = new RecordedComm(commId, target, this);
    this.comms.set(commId, comm);
    this.log.push({
      kind: "comm_open",
      commId,
      target,
      data: structuredClone(data),
      metadata: options.metadata ?? {},
      buffers: options.buffers ?? [],
      parent: this.parent?.msg_id as string | undefined,
    });
    return comm;
  }
  registerCommTarget(): void {}
  currentParentHeader(): JsonObject | undefined {
    return this.parent;
  }
  registerWidgetStateProvider(provider: WidgetStateProvider): () => void {
    this.providers.push(provider);
    return () => this.providers.splice(this.providers.indexOf(provider), 1);
  }

  /** Delivers a comm_msg from the frontend and waits for the handler and the sends it queued. */
  async frontendSends(commId: string, data: JsonObject, buffers: DataView[] = [], msgId = "frontend-msg"): Promise<void> {
    await settle(); // the model's handler is attached once its comm is open
    const comm = this.comms.get(commId);
    if (!comm?.msgHandler) throw new Error(`no handler on comm ${commId}`);
    const saved = this.parent;
    this.parent = { msg_id: msgId, msg_type: "comm_msg" };
    try {
      await comm.msgHandler({ data, metadata: {}, buffers, header: { msg_id: msgId, msg_type: "comm_msg" } });
      await settle();
    } finally {
      this.parent = saved;
    }
  }

  /** The frontend closes a comm. */
  async frontendCloses(commId: string): Promise<void> {
    await settle();
    const comm = this.comms.get(commId)!;
    comm.closed = true;
    comm.closeHandler?.({ data: {}, metadata: {}, buffers: [], header: {} });
  }

  /** The comm_open of a model id. */
  opened(commId: string): Extract<Recorded, { kind: "comm_open" }> {
    const r = this.log.find((x) => x.kind === "comm_open" && x.commId === commId);
    if (!r || r.kind !== "comm_open") throw new Error(`no comm_open for ${commId}`);
    return r;
  }

  /** The comm_msgs sent on a model id. */
  messages(commId: string): Extract<Recorded, { kind: "comm_msg" }>[] {
    return this.log.filter((x): x is Extract<Recorded, { kind: "comm_msg" }> => x.kind === "comm_msg" && x.commId === commId);
  }
}

/** Lets queued promise chains (sends) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

/** Installs a fresh recording bridge as the kernel bridge. */
export function installRecordingBridge(): RecordingBridge {
  const bridge = new RecordingBridge();
  registerKernelBridge(bridge);
  return bridge;
}
