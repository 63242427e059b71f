/**
 * Jupyter comms: a registry of targets and open comms, `comm_open` / `comm_msg` / `comm_close`
 * in both directions, and `comm_info`. Handlers run with the incoming message as the parent
 * of their output. Frontend opens for unknown targets are closed at once.
 */
import type { Comm, CommMessage, JsonObject, OutgoingBuffers } from "../../widgets/bridge";
import { toBytes } from "./buffers";
import type { Publisher } from "./publisher";
import type { Json, WireMessage } from "./wire-message";

/** Writes a line to the kernel log. */
export type Logger = (text: string) => void;

/** Handler of comms the frontend opens for a target. */
export type CommTargetHandler = (comm: Comm, msg: CommMessage) => void | Promise<void>;

function toCommMessage(message: WireMessage): CommMessage {
  const data = message.content.data;
  return {
    data: typeof data === "object" && data !== null && !Array.isArray(data) ? (data as JsonObject) : {},
    metadata: message.metadata,
    buffers: message.buffers.map((b) => new DataView(b.buffer, b.byteOffset, b.byteLength)),
    header: message.header,
  };
}

/** Throws a clear error unless `data` is a plain JSON object (what comm messages carry). */
function checkData(what: string, data: unknown): void {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new TypeError(
      `${what}: data must be a JSON object, got ${data === null ? "null" : Array.isArray(data) ? "an array" : typeof data}`,
    );
  }
}

/** The kernel's end of one comm. */
class KernelComm implements Comm {
  private msgHandler: ((msg: CommMessage) => void | Promise<void>) | undefined;
  private closeHandler: ((msg: CommMessage) => void) | undefined;
  private isClosed = false;

  constructor(
    readonly commId: string,
    readonly targetName: string,
    private readonly manager: CommManager,
  ) {}

  get closed(): boolean {
    return this.isClosed;
  }

  async send(data: JsonObject, options: { metadata?: JsonObject; buffers?: OutgoingBuffers } = {}): Promise<void> {
    if (this.isClosed) throw new Error(`comm ${this.commId} (target ${this.targetName}) is closed; cannot send`);
    checkData("Comm.send", data);
    this.manager.publisher.publish(
      "comm_msg",
      { comm_id: this.commId, data },
      { metadata: options.metadata, buffers: toBytes(options.buffers) },
    );
  }

  async close(data: JsonObject = {}): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.manager.forget(this.commId);
    this.manager.publisher.publish("comm_close", { comm_id: this.commId, data });
  }

  onMsg(handler: (msg: CommMessage) => void | Promise<void>): void {
    this.msgHandler = handler;
  }

  onClose(handler: (msg: CommMessage) => void): void {
    this.closeHandler = handler;
  }

  /** Delivers a frontend `comm_msg`. */
  async deliver(msg: CommMessage): Promise<void> {
    if (this.msgHandler === undefined) {
      this.manager.log(`comm ${this.commId} (${this.targetName}) has no message handler; message dropped`);
      return;
    }
    await this.msgHandler(msg);
  }

  /** Marks the comm closed by the frontend and calls the close handler. */
  closedByFrontend(msg: CommMessage): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.closeHandler?.(msg);
  }
}

/** Registry of comm targets and open comms. */
export class CommManager {
  private readonly targets = new Map<string, CommTargetHandler>();
  private readonly comms = new Map<string, KernelComm>();

  constructor(
    readonly publisher: Publisher,
    readonly log: Logger,
  ) {}

  /** Registers (or replaces) the handler of `targetName`. */
  registerTarget(targetName: string, handler: CommTargetHandler): void {
    if (typeof targetName !== "string" || targetName.length === 0) {
      throw new TypeError(`registerCommTarget: targetName must be a non-empty string, got ${JSON.stringify(targetName)}`);
    }
    this.targets.set(targetName, handler);
  }

  /** Opens a comm from the kernel side. */
  open(
    targetName: string,
    data: JsonObject,
    options: { metadata?: JsonObject; buffers?: OutgoingBuffers; commId?: string } = {},
  ): Comm {
    if (typeof targetName !== "string" || targetName.length === 0) {
      throw new TypeError(`openComm: targetName must be a non-empty string, got ${JSON.stringify(targetName)}`);
    }
    checkData("openComm", data);
    if (options.commId !== undefined && (typeof options.commId !== "string" || options.commId.length === 0)) {
      throw new TypeError(`openComm: commId must be a non-empty string, got ${JSON.stringify(options.commId)}`);
    }
    const commId = options.commId ?? crypto.randomUUID().replace(/-/g, "");
    if (this.comms.has(commId)) throw new Error(`openComm: comm id ${commId} is already open`);
    const comm = new KernelComm(commId, targetName, this);
    this.comms.set(commId, comm);
    this.publisher.publish(
      "comm_open",
      { comm_id: commId, target_name: targetName, data, target_module: null },
      { metadata: options.metadata, buffers: toBytes(options.buffers) },
    );
    return comm;
  }

  /** Forgets a comm closed by the kernel. */
  forget(commId: string): void {
    this.comms.delete(commId);
  }

  /** `comm_info_reply` content, optionally only the comms of one target. */
  info(targetName: unknown): Json {
    const comms: Json = {};
    for (const comm of this.comms.values()) {
      if (typeof targetName !== "string" || targetName === "" || comm.targetName === targetName) {
        comms[comm.commId] = { target_name: comm.targetName };
      }
    }
    return { status: "ok", comms };
  }

  /** Handles `comm_open`, `comm_msg` or `comm_close` from the frontend (the caller sets the output parent). */
  async handle(message: WireMessage): Promise<void> {
    const commId = message.content.comm_id;
    if (typeof commId !== "string") {
      this.log(`${message.header.msg_type} without a string comm_id; ignored`);
      return;
    }
    const msg = toCommMessage(message);
    switch (message.header.msg_type) {
      case "comm_open": {
        const targetName = String(message.content.target_name);
        const handler = this.targets.get(targetName);
        if (handler === undefined || this.comms.has(commId)) {
          this.log(
            handler === undefined
              ? `comm_open for unknown target "${targetName}"; closing it`
              : `comm_open for comm id ${commId} already open; closing it`,
          );
          this.publisher.publish("comm_close", { comm_id: commId, data: {} });
          return;
        }
        const comm = new KernelComm(commId, targetName, this);
        this.comms.set(commId, comm);
        await handler(comm, msg);
        return;
      }
      case "comm_msg": {
        const comm = this.comms.get(commId);
        if (comm === undefined) {
          this.log(`comm_msg for unknown comm id ${commId}; ignored`);
          return;
        }
        await comm.deliver(msg);
        return;
      }
      case "comm_close": {
        const comm = this.comms.get(commId);
        if (comm === undefined) {
          this.log(`comm_close for unknown comm id ${commId}; ignored`);
          return;
        }
        this.comms.delete(commId);
        comm.closedByFrontend(msg);
        return;
      }
      default:
        this.log(`not a comm message: ${message.header.msg_type}`);
    }
  }
}
