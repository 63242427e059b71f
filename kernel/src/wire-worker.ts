/**
 * The kernel's wire thread: a worker thread that owns every ZeroMQ socket, so the heartbeat,
 * `interrupt_request`, `shutdown_request` and `kernel_info_request` are answered even while a
 * long synchronous cell blocks the main thread, and output a blocked cell prints still leaves.
 *
 * It verifies and decodes incoming messages (bad ones are logged and dropped), forwards the
 * requests it does not answer itself to the main thread, and serializes every send per socket
 * (ZeroMQ 6 rejects a send while another is pending on the same socket).
 */
import { spawn } from "node:child_process";
import { writeSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { workerData, type MessagePort } from "node:worker_threads";
import * as zmq from "zeromq";
import type { ConnectionInfo } from "./connection";
import { raiseInterrupt } from "./interrupt-flag";
import { SignatureHistory } from "./replay-guard";
import {
  decodeMessage,
  encodeMessage,
  MessageSigner,
  newHeader,
  WireError,
  type Json,
  type MessageHeader,
  type WireMessage,
} from "./wire-message";
import type { InputAnswer, MainToWire, WireChannel, WireToMain } from "./wire-protocol";

/** What the main thread passes to the wire thread. */
export interface WireWorkerData {
  connection: ConnectionInfo;
  kernelInfo: Json;
  /** Largest accepted multipart message, in bytes (ZeroMQ disconnects a peer that sends more). */
  maxMessageBytes: number;
  /** [0]: a counter the main thread bumps every 100 ms while its event loop turns. */
  mainLiveness: Int32Array;
  /** The interrupt flag that loop checks in cell code read (interrupt-flag.ts). */
  interruptFlag: Int32Array;
  /** Parent process id seen by the main thread at start. */
  parentPid: number;
  /** The port to the main thread (a dedicated channel, so the main thread can drain it synchronously). */
  port: MessagePort;
  /** Where answers to input requests go (`InputAnswer`). */
  inputPort: MessagePort;
  /**
   * [0]: the token of the last answered input request (notified, see `InputAnswer`);
   * [1]: 1 while the main thread waits blocked (`prompt()`), 0 while it awaits the answer.
   */
  inputSignal: Int32Array;
}

const data = workerData as WireWorkerData;
const port = data.port;

function log(text: string): void {
  writeSync(2, `[upsampling-lab kernel wire] ${text}\n`);
}

const session = randomUUID();
const signer = new MessageSigner(data.connection.key, data.connection.signature_scheme);
const address = (p: number): string =>
  data.connection.transport === "ipc" ? `ipc://${data.connection.ip}-${p}` : `tcp://${data.connection.ip}:${p}`;

const shell = new zmq.Router({ maxMessageSize: data.maxMessageBytes });
const control = new zmq.Router({ maxMessageSize: data.maxMessageBytes });
const stdin = new zmq.Router({ maxMessageSize: data.maxMessageBytes });
const iopub = new zmq.Publisher({ maxMessageSize: data.maxMessageBytes });
const heartbeat = new zmq.Reply({ maxMessageSize: 1024 * 1024 });
const sockets: Record<WireChannel, zmq.Router | zmq.Publisher> = { shell, control, stdin, iopub };

/** Per-socket promise chains: one send at a time, in order. */
const sendQueues: Record<WireChannel, Promise<void>> = {
  shell: Promise.resolve(),
  control: Promise.resolve(),
  stdin: Promise.resolve(),
  iopub: Promise.resolve(),
};

function post(message: WireToMain): void {
  port.postMessage(message);
}

/** Queues a message on `channel`; resolves once ZeroMQ accepted it. Never rejects (failures are logged). */
function send(
  channel: WireChannel,
  msgType: string,
  content: Json,
  parent: Json,
  options: { identities?: Uint8Array[]; metadata?: Json; buffers?: Uint8Array[]; header?: MessageHeader } = {},
): Promise<void> {
  let frames: Array<Uint8Array | string>;
  try {
    const identities =
      channel === "iopub" ? [msgType === "stream" ? `stream.${String(content.name)}` : msgType] : (options.identities ?? []);
    frames = encodeMessage(
      {
        identities,
        header: options.header ?? newHeader(msgType, session),
        parent,
        metadata: options.metadata ?? {},
        content,
        buffers: options.buffers ?? [],
      },
      signer,
    );
  } catch (error) {
    log(`cannot serialize ${msgType}: ${(error as Error).message}`);
    return sendQueues[channel];
  }
  const socket = sockets[channel] as { send(frames: Array<Uint8Array | string>): Promise<void> };
  // `send` throws synchronously on a closed socket (a late message after shutdown): catch both ways.
  sendQueues[channel] = sendQueues[channel].then(async () => {
    try {
      await socket.send(frames);
    } catch (error) {
      log(`send ${msgType} on ${channel} failed: ${(error as Error).message}`);
    }
  });
  return sendQueues[channel];
}

async function withStatus(parent: Json, body: () => Promise<void>): Promise<void> {
  await send("iopub", "status", { execution_state: "busy" }, parent);
  try {
    await body();
  } finally {
    await send("iopub", "status", { execution_state: "idle" }, parent);
  }
}

let shuttingDown = false;

/** Answers the requests the wire thread owns; returns false for those the main thread handles. */
async function handleHere(channel: "shell" | "control", message: WireMessage): Promise<boolean> {
  const reply = (type: string, content: Json): Promise<void> =>
    send(channel, type, content, message.header, { identities: message.identities });
  switch (message.header.msg_type) {
    case "kernel_info_request":
      await withStatus(message.header, () => reply("kernel_info_reply", { status: "ok", ...data.kernelInfo }));
      return true;
    case "interrupt_request":
      await withStatus(message.header, async () => {
        // Exactly as in signal interrupt mode: SIGINT stops the cell body (vm's breakOnSigint)
        // and a pending await (the main thread's listener); loop checks stop the rest.
        process.kill(process.pid, "SIGINT");
        cancelInputOnInterrupt();
        interruptLoopsIfBlocked();
        await reply("interrupt_reply", { status: "ok" });
      });
      return true;
    case "shutdown_request": {
      const restart = message.content.restart === true;
      await withStatus(message.header, () => reply("shutdown_reply", { status: "ok", restart }));
      await shutdown(restart);
      return true;
    }
    default:
      return false;
  }
}

async function shutdown(restart: boolean): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  await Promise.all(Object.values(sendQueues));
  for (const socket of [shell, control, stdin, iopub, heartbeat]) {
    socket.linger = 1000;
    socket.close();
  }
  post({ kind: "shutdown", restart });
  // If the main thread is stuck in a synchronous loop it cannot exit by itself.
  setTimeout(() => {
    log("main thread did not exit after shutdown; terminating the process");
    process.kill(process.pid, "SIGTERM");
  }, 3000).unref();
}

/** Signatures of the messages received on every channel (a replayed message is dropped). */
const signatures = new SignatureHistory();

async function receiveLoop(channel: "shell" | "control" | "stdin", socket: zmq.Router): Promise<void> {
  try {
    for await (const frames of socket) {
      let message: WireMessage;
      try {
        message = decodeMessage(frames, signer);
      } catch (error) {
        log(`${channel}: dropped a message: ${error instanceof WireError ? error.message : String(error)}`);
        continue;
      }
      if (!signatures.add(message.signature)) {
        log(
          `${channel}: dropped a replayed message (${message.header.msg_type} ${message.header.msg_id}: its signature was seen before)`,
        );
        continue;
      }
      if (channel === "stdin") {
        receiveInputReply(message);
        continue;
      }
      try {
        if (!(await handleHere(channel, message))) post({ kind: "request", channel, message });
      } catch (error) {
        log(`${channel}: ${message.header.msg_type} failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
  } catch (error) {
    if (!shuttingDown) log(`${channel} socket stopped: ${(error as Error).message}`);
  }
}

async function heartbeatLoop(): Promise<void> {
  try {
    for await (const frames of heartbeat) await heartbeat.send(frames);
  } catch (error) {
    if (!shuttingDown) log(`heartbeat stopped: ${(error as Error).message}`);
  }
}

function handleCommand(command: MainToWire): void {
  if (command.kind === "batch") {
    for (const inner of command.commands) handleCommand(inner);
  } else if (command.kind === "send") {
    if (command.channel === "iopub" && command.msgType === "status") {
      if (command.content.execution_state === "busy") busyParent = lastBusyParent = command.parent;
      else if (busyParent !== undefined && command.parent.msg_id === busyParent.msg_id) busyParent = undefined;
    }
    void send(command.channel, command.msgType, command.content, command.parent, command);
  } else if (command.kind === "flush") {
    void Promise.all(Object.values(sendQueues)).then(() => post({ kind: "flushed", token: command.token }));
  } else if (command.kind === "shutdown") {
    void shutdown(false);
  } else if (command.kind === "input") {
    requestInput(command);
  } else if (command.kind === "cancelInput") {
    if (pendingInput?.token === command.token) cancelInput();
  }
}

/** The input request waiting for its `input_reply` (one at a time, as in ipykernel). */
let pendingInput: { token: number; msgId: string } | undefined;

/** Hands an answer to the main thread, waking it if it is blocked in `prompt()`. */
function answerInput(answer: InputAnswer): void {
  data.inputPort.postMessage(answer);
  Atomics.store(data.inputSignal, 0, answer.token);
  Atomics.notify(data.inputSignal, 0);
}

/** Sends `input_request` on stdin to the client that sent the running request. */
function requestInput(command: Extract<MainToWire, { kind: "input" }>): void {
  if (pendingInput !== undefined) cancelInput();
  const header = newHeader("input_request", session);
  pendingInput = { token: command.token, msgId: header.msg_id };
  void send("stdin", "input_request", { prompt: command.prompt, password: command.password }, command.parent, {
    identities: command.identities,
    header,
  });
}

/** An interrupt cancels the waiting input request: its answer is `interrupted`, a late reply is dropped. */
function cancelInput(): void {
  if (pendingInput === undefined) return;
  answerInput({ token: pendingInput.token, interrupted: true });
  pendingInput = undefined;
}

/**
 * An interrupt arrived. A main thread awaiting input is free: cancel at once. One blocked in
 * `prompt()` inside a cell body is stopped by vm's breakOnSigint, and a wake-up at the same moment
 * would leave Node a SIGINT that terminates the next cell (see `interruptLoopsIfBlocked`): cancel
 * only if it is still blocked 250 ms later (`prompt()` after an `await` or in a callback).
 */
function cancelInputOnInterrupt(): void {
  if (pendingInput === undefined) return;
  if (Atomics.load(data.inputSignal, 1) !== 1) {
    cancelInput();
    return;
  }
  const token = pendingInput.token;
  const before = Atomics.load(data.mainLiveness, 0);
  setTimeout(() => {
    if (Atomics.load(data.mainLiveness, 0) === before && pendingInput?.token === token) cancelInput();
  }, BLOCKED_AFTER_MS).unref();
}

function receiveInputReply(message: WireMessage): void {
  const type = message.header.msg_type;
  if (type !== "input_reply" || pendingInput === undefined || message.parent.msg_id !== pendingInput.msgId) {
    log(
      `stdin: ${type} dropped (${pendingInput === undefined ? "no input request is waiting" : "not the reply to the waiting input request"})`,
    );
    return;
  }
  const value = message.content.value;
  answerInput({ token: pendingInput.token, value: typeof value === "string" ? value : "" });
  pendingInput = undefined;
}

port.on("message", handleCommand);

/** Header of the request the main thread is busy with (from its busy/idle status messages). */
let busyParent: Json | undefined;

/** Header of the last request the main thread was busy with (where a blocked callback's notice goes). */
let lastBusyParent: Json | undefined;

/** How long the main thread may go without turning its event loop before an interrupt raises the loop flag. */
const BLOCKED_AFTER_MS = 250;

/**
 * Called right after SIGINT reached the process. If the main thread's event loop is still stuck
 * 250 ms later (SIGINT stopped neither the cell body nor an await: a loop after an `await` or in
 * a callback), raises an interrupt in the shared flag, so the next loop check in cell code throws
 * `KeyboardInterrupt`, and tells the main thread, which clears the flag once its loop turns.
 *
 * Why wait: when both a loop check and vm's breakOnSigint stop the cell body at the same moment,
 * a SIGINT landing while vm tears its watchdog down is kept by Node (a leftover semaphore post)
 * and terminates the *next* cell's script ("Script execution was interrupted by SIGINT"). After
 * 250 ms without the event loop turning, no breakOnSigint script can be the thing running.
 */
function interruptLoopsIfBlocked(): void {
  const before = Atomics.load(data.mainLiveness, 0);
  setTimeout(() => {
    if (Atomics.load(data.mainLiveness, 0) !== before || shuttingDown) return;
    const number = raiseInterrupt(data.interruptFlag);
    post({ kind: "interrupt", number });
    warnIfStillBlocked();
  }, BLOCKED_AFTER_MS).unref();
}

/**
 * Loop checks stop notebook code, but not code outside the cells that never returns (a library
 * or Node.js function called after an `await` or from a callback). If the main thread's event
 * loop is still stuck a second after the interrupt, say so instead of failing silently.
 */
function warnIfStillBlocked(): void {
  const before = Atomics.load(data.mainLiveness, 0);
  setTimeout(() => {
    if (Atomics.load(data.mainLiveness, 0) !== before || shuttingDown) return;
    log("interrupt: the main thread is still blocked");
    void send(
      "iopub",
      "stream",
      {
        name: "stderr",
        text:
          "The kernel is still busy a second after the interrupt: the running code is not notebook code " +
          "(a library or Node.js function), which stops only when it returns; loops in notebook cells stop " +
          "at once. Interrupt again, or restart the kernel if it never returns.\n",
      },
      busyParent ?? lastBusyParent ?? {},
    );
  }, 1000).unref();
}

/**
 * Signal interrupt mode: Jupyter sends SIGINT to the kernel's process group. Node delivers
 * signals only to the main thread's event loop, which a blocked cell never turns, so a tiny shell
 * in the same process group relays each SIGINT to this thread as one byte on its stdout. It exits
 * when its stdin closes, i.e. with the kernel. (A SIGINT sent to the kernel's pid alone still
 * reaches the main thread: breakOnSigint and its listener.)
 */
function startSignalRelay(): void {
  if (process.platform === "win32") return;
  const script = "trap 'printf i; s=1' INT\nwhile :; do\n  s=0\n  read -r _ || [ $s = 1 ] || exit 0\ndone";
  try {
    const relay = spawn("/bin/sh", ["-c", script], { stdio: ["pipe", "pipe", "ignore"] });
    relay.on("error", (error) => log(`signal relay unavailable: ${error.message}`));
    relay.stdout.on("data", () => {
      if (shuttingDown) return;
      cancelInputOnInterrupt();
      interruptLoopsIfBlocked();
    });
    relay.unref();
    (relay.stdin as unknown as { unref?: () => void }).unref?.();
    (relay.stdout as unknown as { unref?: () => void }).unref?.();
  } catch (error) {
    log(`signal relay unavailable: ${(error as Error).message}`);
  }
}

/** True while process `pid` exists (EPERM: it exists but belongs to someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Exits when the process that started the kernel is gone (Jupyter's `JPY_PARENT_PID`, else the
 * parent seen at start): an orphaned kernel would otherwise keep its ports and memory forever
 * (ipykernel does the same).
 */
function watchParent(): void {
  const fromJupyter = Number(process.env.JPY_PARENT_PID);
  const parent = Number.isInteger(fromJupyter) && fromJupyter > 1 ? fromJupyter : data.parentPid;
  if (parent <= 1) return;
  setInterval(() => {
    if (!shuttingDown && !processAlive(parent)) {
      log(`parent process ${parent} exited; shutting down`);
      void shutdown(false);
    }
  }, 1000).unref();
}

async function start(): Promise<void> {
  const c = data.connection;
  await Promise.all([
    shell.bind(address(c.shell_port)),
    control.bind(address(c.control_port)),
    stdin.bind(address(c.stdin_port)),
    iopub.bind(address(c.iopub_port)),
    heartbeat.bind(address(c.hb_port)),
  ]);
  void receiveLoop("shell", shell);
  void receiveLoop("control", control);
  void receiveLoop("stdin", stdin);
  void heartbeatLoop();
  watchParent();
  startSignalRelay();
  post({ kind: "bound" });
  // Tell frontends that the kernel is up (ipykernel does the same).
  await send("iopub", "status", { execution_state: "starting" }, {});
}

start().catch((error: Error) => {
  log(`cannot bind the kernel's sockets: ${error.message}`);
  post({ kind: "fatal", message: error.message });
});
