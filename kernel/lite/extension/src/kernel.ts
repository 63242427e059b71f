/**
 * The TypeScript (Upsampling Lab) kernel as JupyterLite runs it: a BaseKernel whose cells run in
 * a Web Worker (`kernel-worker.js`). It translates Jupyter messages to the worker protocol
 * (kernel/lite/protocol.ts) and the worker's outputs, replies, comms and input requests back,
 * each under the header of the request that caused it.
 *
 * Interrupt stops the worker and starts a new one (a Web Worker cannot be interrupted from
 * outside): the running cell fails saying the kernel's state was lost. Restart and shutdown
 * dispose the kernel, which stops its worker; JupyterLite then creates a new kernel.
 */
import type { KernelMessage } from "@jupyterlab/services";
import { BaseKernel, type IKernel } from "@jupyterlite/services";
import { STATE_LOST_MESSAGE, type JsonObject, type ReplyMessage, type WorkerToMain } from "../../protocol";
import { WorkerSession, WorkerStoppedError } from "./worker-session";

type Header = KernelMessage.IHeader<KernelMessage.MessageType>;
type Buffers = (ArrayBuffer | ArrayBufferView)[] | undefined;

/** How many request headers are kept for outputs that arrive late (timers, comm handlers). */
const HEADERS_KEPT = 256;

/** Kernel info used when the worker never became ready (so the frontend connects and shows the error on run). */
const FALLBACK_INFO = {
  protocol_version: "5.3",
  implementation: "upsampling-lab-lite",
  implementation_version: "0",
  language_info: { name: "typescript", version: "", mimetype: "text/typescript", file_extension: ".ts" },
  banner: "TypeScript (Upsampling Lab) in the browser: the kernel's worker did not start.",
  help_links: [],
};

/** What the kernel needs beyond JupyterLite's options. */
export interface UpsamplingLabKernelOptions extends IKernel.IOptions {
  /** URL of `kernel-worker.js`. */
  workerUrl: string;
  /** URL of `kernel-compiler.js`, which the worker loads when it first compiles. */
  compilerUrl: string;
  /** The site's base URL, absolute, ending with `/`. */
  siteBaseUrl: string;
  /** JupyterLite's service worker's browsing context id when it is enabled (a synchronous `prompt()` asks through it). */
  browsingContextId?: () => string | undefined;
  /** A worker started ahead of time, if one is waiting: the kernel's first worker. */
  takeStartedWorker?: () => WorkerSession | undefined;
}

/** Copies each buffer into an ArrayBuffer of its own (the worker protocol carries plain ArrayBuffers). */
function toArrayBuffers(buffers: Buffers): ArrayBuffer[] {
  return (buffers ?? []).map((buffer) => {
    if (buffer instanceof ArrayBuffer) return buffer;
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    return bytes.slice().buffer;
  });
}

/** A JupyterLite kernel running TypeScript cells in a Web Worker. */
export class UpsamplingLabKernel extends BaseKernel {
  private readonly workerUrl: string;
  private readonly compilerUrl: string;
  private readonly siteBaseUrl: string;
  private readonly browsingContextId: () => string | undefined;
  private session: WorkerSession;
  /** Request msg_id -> header, so outputs name the request that caused them. */
  private readonly headers = new Map<string, Header>();
  /** Execute requests sent to the worker and not answered yet. */
  private executing = 0;

  constructor(options: UpsamplingLabKernelOptions) {
    super(options);
    this.workerUrl = options.workerUrl;
    this.compilerUrl = options.compilerUrl;
    this.siteBaseUrl = options.siteBaseUrl;
    this.browsingContextId = options.browsingContextId ?? ((): undefined => undefined);
    this.session = this.startWorker(options.takeStartedWorker?.());
  }

  /**
   * Interrupts the running cell by stopping the worker and starting a new one (every variable is
   * lost, and the cell's error says so). Does nothing when no cell runs, so the state is kept.
   */
  interrupt(): void {
    if (this.executing === 0 || this.isDisposed) return;
    const stopped = this.session;
    this.session = this.startWorker();
    // Fail the running cell on the next task: JupyterLite's own interrupt handling first answers
    // the cells queued behind it, then this cell's error reply arrives.
    setTimeout(() => stopped.terminate("interrupted"), 0);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.session.terminate("The kernel was shut down.");
    super.dispose();
  }

  async kernelInfoRequest(): Promise<KernelMessage.IInfoReplyMsg["content"]> {
    try {
      const ready = await this.liveSession().ready;
      return { status: "ok", ...ready.kernelInfo } as unknown as KernelMessage.IInfoReplyMsg["content"];
    } catch (error) {
      if (!(error instanceof WorkerStoppedError)) throw error;
      return { status: "ok", ...FALLBACK_INFO } as KernelMessage.IInfoReplyMsg["content"];
    }
  }

  async executeRequest(content: KernelMessage.IExecuteRequestMsg["content"]): Promise<KernelMessage.IExecuteReplyMsg["content"]> {
    const header = this.requestHeader();
    this.executing++;
    try {
      const reply = await this.liveSession().request({
        type: "execute",
        msgId: header.msg_id,
        code: content.code,
        silent: content.silent ?? false,
        storeHistory: content.store_history ?? true,
        allowStdin: content.allow_stdin ?? false,
        executionCount: this.executionCount,
        parentHeader: header as unknown as JsonObject,
        stopOnError: content.stop_on_error ?? true,
      });
      return { ...reply.content, execution_count: this.executionCount } as unknown as KernelMessage.IExecuteReplyMsg["content"];
    } catch (error) {
      if (!(error instanceof WorkerStoppedError)) throw error;
      const ename = error.failed ? "KernelWorkerError" : "KernelInterrupted";
      const evalue = error.failed ? error.message : STATE_LOST_MESSAGE;
      // A restart or shutdown stops the worker too: that cell ends without a message.
      if (!this.isDisposed) this.publishExecuteError({ ename, evalue, traceback: [`${ename}: ${evalue}`] }, header);
      return { status: "error", ename, evalue, traceback: [], execution_count: this.executionCount };
    } finally {
      this.executing--;
    }
  }

  async completeRequest(
    content: KernelMessage.ICompleteRequestMsg["content"],
  ): Promise<KernelMessage.ICompleteReplyMsg["content"]> {
    const reply = await this.ask({
      type: "complete",
      msgId: this.requestHeader().msg_id,
      code: content.code,
      cursorPos: content.cursor_pos,
    });
    return (reply ?? {
      status: "ok",
      matches: [],
      cursor_start: content.cursor_pos,
      cursor_end: content.cursor_pos,
      metadata: {},
    }) as unknown as KernelMessage.ICompleteReplyMsg["content"];
  }

  async inspectRequest(content: KernelMessage.IInspectRequestMsg["content"]): Promise<KernelMessage.IInspectReplyMsg["content"]> {
    const reply = await this.ask({
      type: "inspect",
      msgId: this.requestHeader().msg_id,
      code: content.code,
      cursorPos: content.cursor_pos,
      detailLevel: content.detail_level,
    });
    return (reply ?? {
      status: "ok",
      found: false,
      data: {},
      metadata: {},
    }) as unknown as KernelMessage.IInspectReplyMsg["content"];
  }

  async isCompleteRequest(
    content: KernelMessage.IIsCompleteRequestMsg["content"],
  ): Promise<KernelMessage.IIsCompleteReplyMsg["content"]> {
    const reply = await this.ask({ type: "is_complete", msgId: this.requestHeader().msg_id, code: content.code });
    return (reply ?? { status: "unknown" }) as unknown as KernelMessage.IIsCompleteReplyMsg["content"];
  }

  async commInfoRequest(
    content: KernelMessage.ICommInfoRequestMsg["content"],
  ): Promise<KernelMessage.ICommInfoReplyMsg["content"]> {
    const reply = await this.ask({ type: "comm_info", msgId: this.requestHeader().msg_id, targetName: content.target_name });
    return (reply ?? { status: "ok", comms: {} }) as unknown as KernelMessage.ICommInfoReplyMsg["content"];
  }

  inputReply(content: KernelMessage.IInputReplyMsg["content"]): void {
    this.session.post({ type: "input_reply", value: content.status === "ok" ? content.value : "" });
  }

  // Comm messages are posted without waiting: the worker handles them at once, and their outputs
  // arrive under the comm message's header.
  async commOpen(msg: KernelMessage.ICommOpenMsg): Promise<void> {
    this.postComm("comm_open", msg, msg.content.target_name);
  }

  async commMsg(msg: KernelMessage.ICommMsgMsg): Promise<void> {
    this.postComm("comm_msg", msg);
  }

  async commClose(msg: KernelMessage.ICommCloseMsg): Promise<void> {
    this.postComm("comm_close", msg);
  }

  /** Hands a frontend comm message to the worker, remembering its header as the parent of what it causes. */
  private postComm(
    type: "comm_open" | "comm_msg" | "comm_close",
    msg: KernelMessage.ICommOpenMsg | KernelMessage.ICommMsgMsg | KernelMessage.ICommCloseMsg,
    targetName?: string,
  ): void {
    this.remember(msg.header);
    const common = {
      commId: msg.content.comm_id,
      data: msg.content.data as JsonObject,
      metadata: msg.metadata as JsonObject,
      buffers: toArrayBuffers(msg.buffers),
      msgId: msg.header.msg_id,
    };
    this.session.post(type === "comm_open" ? { type, targetName: targetName ?? "", ...common } : { type, ...common });
  }

  /** The current worker, or a new one when it failed (a crashed worker does not take the kernel with it). */
  private liveSession(): WorkerSession {
    if (this.session.isStopped && !this.isDisposed) this.session = this.startWorker();
    return this.session;
  }

  /** Starts a worker for this kernel, or adopts `started` (a worker started ahead of time) when it still runs. */
  private startWorker(started?: WorkerSession): WorkerSession {
    // JupyterLite gives the kernel its notebook's folder, which the worker takes as notebookPath.
    const init = {
      type: "init",
      siteBaseUrl: this.siteBaseUrl,
      notebookPath: this.location,
      browsingContextId: this.browsingContextId(),
      compilerUrl: this.compilerUrl,
    } as const;
    const onMessage = (message: WorkerToMain): void => this.onWorkerMessage(message);
    if (started !== undefined && !started.isStopped) {
      started.adopt(init, onMessage);
      return started;
    }
    return new WorkerSession(this.workerUrl, init, onMessage);
  }

  /** A request's reply content, or undefined when the worker stopped before answering. */
  private async ask(message: Parameters<WorkerSession["request"]>[0]): Promise<JsonObject | undefined> {
    try {
      const reply: ReplyMessage = await this.liveSession().request(message);
      return reply.content;
    } catch (error) {
      if (error instanceof WorkerStoppedError) return undefined;
      throw error;
    }
  }

  /** The header of the request being handled (BaseKernel keeps it), remembered for its outputs. */
  private requestHeader(): Header {
    const header = this.parent?.header as Header;
    this.remember(header);
    return header;
  }

  private remember(header: Header): void {
    this.headers.set(header.msg_id, header);
    if (this.headers.size > HEADERS_KEPT) this.headers.delete(this.headers.keys().next().value as string);
  }

  /** The header to publish under: the named request's, else the last request's. */
  private parentOf(msgId: string | undefined): Header | undefined {
    return (msgId === undefined ? undefined : this.headers.get(msgId)) ?? (this.parent?.header as Header | undefined);
  }

  private onWorkerMessage(message: WorkerToMain): void {
    if (this.isDisposed) return;
    switch (message.type) {
      case "output":
        this.publishOutput(message.msgType, message.content, this.parentOf(message.parentMsgId));
        break;
      case "input_request":
        this.inputRequest({ prompt: message.prompt, password: message.password }, this.parentOf(message.parentMsgId));
        break;
      case "comm_open":
        this.handleComm(
          "comm_open",
          {
            comm_id: message.commId,
            target_name: message.targetName,
            data: message.data,
          } as KernelMessage.ICommMsgMsg["content"],
          message.metadata as KernelMessage.ICommMsgMsg["metadata"],
          message.buffers,
          this.parentOf(undefined),
        );
        break;
      case "comm_msg":
      case "comm_close":
        this.handleComm(
          message.type,
          { comm_id: message.commId, data: message.data } as KernelMessage.ICommMsgMsg["content"],
          (message.metadata ?? {}) as KernelMessage.ICommMsgMsg["metadata"],
          message.buffers ?? [],
          this.parentOf(undefined),
        );
        break;
      default:
        break;
    }
  }

  /** Publishes one iopub output of the worker under `parent`. */
  private publishOutput(msgType: string, content: JsonObject, parent: Header | undefined): void {
    switch (msgType) {
      case "stream":
        this.stream(content as unknown as KernelMessage.IStreamMsg["content"], parent);
        break;
      case "display_data":
        this.displayData(content as unknown as KernelMessage.IDisplayDataMsg["content"], parent);
        break;
      case "update_display_data":
        this.updateDisplayData(content as unknown as KernelMessage.IUpdateDisplayDataMsg["content"], parent);
        break;
      case "execute_result":
        this.publishExecuteResult(
          { ...content, execution_count: this.executionCount } as unknown as KernelMessage.IExecuteResultMsg["content"],
          parent,
        );
        break;
      case "error":
        this.publishExecuteError(content as unknown as KernelMessage.IErrorMsg["content"], parent);
        break;
      case "clear_output":
        this.clearOutput(content as unknown as KernelMessage.IClearOutputMsg["content"], parent);
        break;
      default:
        console.warn(`upsampling-lab kernel: unknown output type ${msgType} from the worker`);
    }
  }
}
