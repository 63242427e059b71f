/**
 * A minimal Jupyter client written for the tests (independent of the kernel's own wire code):
 * starts the kernel process on free ports, signs requests, checks every signature it receives,
 * collects iopub messages and shell/control replies.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as zmq from "zeromq";

/** The repository root (found upwards, so this file also works compiled into dist/ for the benchmark). */
export const REPO = ((): string => {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file) && (JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string }).name === "upsampling-lab")
      return dir;
  }
  throw new Error(`no upsampling-lab package.json above ${__dirname}`);
})();
export const MAIN_JS = path.join(REPO, "dist", "kernel", "src", "main.js");

export type Json = { [key: string]: unknown };

export interface Message {
  header: Json & { msg_id: string; msg_type: string };
  parent_header: Json;
  metadata: Json;
  content: Json;
  buffers: Buffer[];
}

/** The messages of one `msg_type` among `messages`, in order. */
export function ofType(messages: Message[], type: string): Message[] {
  return messages.filter((m) => m.header.msg_type === type);
}

/** Throws a clear error when the built kernel is missing (the tests run it from dist/). */
export function requireBuiltKernel(): void {
  if (!fs.existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run "npm run build" first`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

/** Writes a connection file with five free ports and a random key. */
export async function writeConnectionFile(dir: string): Promise<{ file: string; info: Json }> {
  const ports = new Set<number>();
  while (ports.size < 5) ports.add(await freePort());
  const [shell, control, stdin, iopub, hb] = [...ports];
  const info = {
    transport: "tcp",
    ip: "127.0.0.1",
    shell_port: shell,
    control_port: control,
    stdin_port: stdin,
    iopub_port: iopub,
    hb_port: hb,
    key: randomBytes(16).toString("hex"),
    signature_scheme: "hmac-sha256",
  };
  const file = path.join(dir, "connection.json");
  fs.writeFileSync(file, JSON.stringify(info));
  return { file, info };
}

/** A kernel process plus a connected client. */
export class KernelClient {
  readonly session = randomUUID();
  readonly iopubMessages: Message[] = [];
  readonly replies = new Map<string, Message>();
  badSignatures = 0;
  /** True when the kernel leads its own process group. */
  ownGroup = false;
  stderr = "";
  /** Input requests received on stdin, in order. */
  readonly inputRequests: Message[] = [];
  /** The shell and stdin sockets share one routing id, as Jupyter clients do: input requests follow the shell request's client. */
  private readonly routingId = randomUUID();
  private readonly shell = new zmq.Dealer({ routingId: this.routingId });
  private readonly stdin = new zmq.Dealer({ routingId: this.routingId });
  private readonly control = new zmq.Dealer();
  private readonly iopubSocket = new zmq.Subscriber();
  private readonly hb = new zmq.Request();
  private closed = false;
  /** Errors that ended a receive loop before close(). */
  private readonly receiveErrors: string[] = [];
  private readonly waiters = new Set<() => void>();
  exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcess,
    readonly info: Json,
    readonly connectionFile: string,
  ) {
    this.exited = new Promise((resolve) => process.once("exit", (code) => resolve(code)));
    process.stderr?.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString();
      for (const waiter of [...this.waiters]) waiter();
    });
  }

  /**
   * Starts a kernel (cwd: notebooks/ unless given) and waits for its first kernel_info_reply.
   * `ownProcessGroup` starts it in a new session, as Jupyter does (signals then go to the group).
   */
  static async start(
    options: {
      cwd?: string;
      connection?: { file: string; info: Json };
      command?: (connectionFile: string) => string[];
      wait?: boolean;
      /** Variables added to this process's environment for the kernel. */
      env?: Record<string, string>;
      ownProcessGroup?: boolean;
    } = {},
  ): Promise<KernelClient> {
    const connection = options.connection ?? (await writeConnectionFile(fs.mkdtempSync(path.join(os.tmpdir(), "kernel-test-"))));
    const [program, ...args] = options.command?.(connection.file) ?? [
      process.execPath,
      MAIN_JS,
      "--connection-file",
      connection.file,
    ];
    const child = spawn(program, args, {
      cwd: options.cwd ?? path.join(REPO, "notebooks"),
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...options.env },
      detached: options.ownProcessGroup === true,
    });
    const client = new KernelClient(child, connection.info, connection.file);
    client.ownGroup = options.ownProcessGroup === true;
    client.connect();
    if (options.wait !== false) await client.waitReady();
    return client;
  }

  private url(port: string): string {
    return `tcp://127.0.0.1:${this.info[port] as number}`;
  }

  private connect(): void {
    this.shell.connect(this.url("shell_port"));
    this.stdin.connect(this.url("stdin_port"));
    this.control.connect(this.url("control_port"));
    this.iopubSocket.connect(this.url("iopub_port"));
    this.iopubSocket.subscribe();
    this.hb.connect(this.url("hb_port"));
    this.hb.receiveTimeout = 5000;
    void this.receive(this.shell, (m) => this.replies.set(m.parent_header.msg_id as string, m));
    void this.receive(this.control, (m) => this.replies.set(m.parent_header.msg_id as string, m));
    void this.receive(this.iopubSocket, (m) => this.iopubMessages.push(m));
    void this.receive(this.stdin, (m) => this.inputRequests.push(m));
  }

  private sign(parts: Buffer[]): string {
    const hmac = createHmac("sha256", this.info.key as string);
    for (const p of parts) hmac.update(p);
    return hmac.digest("hex");
  }

  private async receive(socket: zmq.Dealer | zmq.Subscriber, onMessage: (m: Message) => void): Promise<void> {
    try {
      for await (const frames of socket) {
        const i = frames.findIndex((f) => f.toString() === "<IDS|MSG>");
        const [signature, header, parent, metadata, content, ...buffers] = frames.slice(i + 1);
        if (signature.toString() !== this.sign([header, parent, metadata, content])) this.badSignatures++;
        onMessage({
          header: JSON.parse(header.toString()),
          parent_header: JSON.parse(parent.toString()),
          metadata: JSON.parse(metadata.toString()),
          content: JSON.parse(content.toString()),
          buffers,
        });
        for (const waiter of [...this.waiters]) waiter();
      }
    } catch (error) {
      // Closing the sockets ends the loop; anything else is kept for the timeout message.
      if (!this.closed) this.receiveErrors.push(String(error));
    }
  }

  /** Frames of a signed request (signature overridable to forge one). */
  frames(
    msgType: string,
    content: Json,
    options: { buffers?: Uint8Array[]; metadata?: Json; signature?: string; msgId?: string; parent?: Json } = {},
  ): { msgId: string; frames: Array<Buffer | Uint8Array | string> } {
    const msgId = options.msgId ?? randomUUID();
    const header = {
      msg_id: msgId,
      msg_type: msgType,
      session: this.session,
      username: "test",
      date: new Date().toISOString(),
      version: "5.3",
    };
    const parts = [header, options.parent ?? {}, options.metadata ?? {}, content].map((p) => Buffer.from(JSON.stringify(p)));
    return { msgId, frames: ["<IDS|MSG>", options.signature ?? this.sign(parts), ...parts, ...(options.buffers ?? [])] };
  }

  /** Sends a request; returns its msg_id. */
  async send(
    channel: "shell" | "control",
    msgType: string,
    content: Json,
    options: { buffers?: Uint8Array[]; metadata?: Json; signature?: string } = {},
  ): Promise<string> {
    const { msgId, frames } = this.frames(msgType, content, options);
    await (channel === "shell" ? this.shell : this.control).send(frames);
    return msgId;
  }

  /** Waits for the input request number `index` (0-based, in arrival order). */
  inputRequest(index: number, timeoutMs = 20_000): Promise<Message> {
    return this.until(() => this.inputRequests[index], timeoutMs, `input request #${index + 1}`);
  }

  /** Answers `request` (an input_request) with `value` on the stdin channel. */
  async answerInput(request: Message, value: string): Promise<void> {
    const { frames } = this.frames("input_reply", { value }, { parent: request.header });
    await this.stdin.send(frames);
  }

  /** Sends raw frames on the shell socket. */
  async sendRaw(frames: Array<Buffer | Uint8Array | string>): Promise<void> {
    await this.shell.send(frames);
  }

  /** Resolves with the first non-undefined value of `find`, re-checked whenever a message arrives. */
  private until<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const value = find();
        if (value !== undefined) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        const errors = this.receiveErrors.length > 0 ? `; receive errors: ${this.receiveErrors.join("; ")}` : "";
        reject(new Error(`no ${what} within ${timeoutMs} ms${errors}; kernel stderr:\n${this.stderr}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  /** Waits for the reply to `msgId`. */
  reply(msgId: string, timeoutMs = 20_000): Promise<Message> {
    return this.until(() => this.replies.get(msgId), timeoutMs, `reply to ${msgId}`);
  }

  /** Waits for an iopub message matching `predicate`. */
  iopub(predicate: (m: Message) => boolean, timeoutMs = 20_000): Promise<Message> {
    return this.until(() => this.iopubMessages.find(predicate), timeoutMs, "matching iopub message");
  }

  /**
   * Waits until the kernel's own stderr holds `text` more than `seen` times (cell code can write
   * there synchronously with `writeSync(2, ...)`, e.g. right before it blocks the main thread).
   */
  stderrText(text: string, seen: number, timeoutMs = 20_000): Promise<true> {
    return this.until(
      () => (this.stderr.split(text).length - 1 > seen ? true : undefined),
      timeoutMs,
      `"${text}" on the kernel's stderr`,
    );
  }

  /** How many times the kernel's stderr holds `text`. */
  stderrCount(text: string): number {
    return this.stderr.split(text).length - 1;
  }

  /** iopub messages whose parent is `msgId`. */
  outputsOf(msgId: string): Message[] {
    return this.iopubMessages.filter((m) => m.parent_header.msg_id === msgId);
  }

  /** Waits until the request `msgId` went idle; returns its iopub messages. */
  async idle(msgId: string, timeoutMs = 20_000): Promise<Message[]> {
    await this.iopub(
      (m) => m.parent_header.msg_id === msgId && m.header.msg_type === "status" && m.content.execution_state === "idle",
      timeoutMs,
    );
    return this.outputsOf(msgId);
  }

  /** Runs a cell; returns the reply and its iopub messages up to idle. */
  async execute(
    code: string,
    options: { timeoutMs?: number; stopOnError?: boolean; allowStdin?: boolean } = {},
  ): Promise<{ reply: Message; outputs: Message[]; msgId: string }> {
    const msgId = await this.send("shell", "execute_request", {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: options.allowStdin ?? false,
      stop_on_error: options.stopOnError ?? true,
    });
    const reply = await this.reply(msgId, options.timeoutMs);
    const outputs = await this.idle(msgId, options.timeoutMs);
    return { reply, outputs, msgId };
  }

  /**
   * Waits until the kernel answers kernel_info on shell and its status for that request reaches
   * iopub: a subscriber's connection can complete after the dealer's, and a kernel that starts fast
   * would otherwise publish the next cell's messages before this client hears them (as
   * jupyter_client's wait_for_ready also waits for iopub).
   */
  async waitReady(timeoutMs = 30_000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const msgId = await this.send("shell", "kernel_info_request", {});
      try {
        const reply = await this.reply(msgId, 500);
        await this.iopub((m) => m.parent_header.msg_id === msgId && m.header.msg_type === "status", 500);
        return reply;
      } catch (error) {
        if (Date.now() > deadline || this.process.exitCode !== null) throw error;
      }
    }
  }

  /** One heartbeat round trip; resolves with its duration in ms. */
  async ping(): Promise<number> {
    const started = performance.now();
    await this.hb.send("ping");
    const [answer] = await this.hb.receive();
    if (answer.toString() !== "ping") throw new Error(`heartbeat echoed ${answer.toString()}`);
    return performance.now() - started;
  }

  /**
   * Signal interrupt mode as Jupyter does it: SIGINT to the kernel's process group when it leads
   * one (`ownProcessGroup`), else to its pid.
   */
  interruptWithSignal(): void {
    const pid = this.process.pid!;
    process.kill(this.ownGroup ? -pid : pid, "SIGINT");
  }

  /** Kills the kernel (if still running) and closes the sockets. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill("SIGKILL");
    await this.exited;
    for (const socket of [this.shell, this.stdin, this.control, this.iopubSocket, this.hb]) socket.close();
  }
}
