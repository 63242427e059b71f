/**
 * The kernel's main thread: wires the parts together and routes what the wire thread hands over
 * (requests, interrupts, shutdown) to them. The sockets live in the wire thread (`wire-worker.ts`);
 * this thread talks to it over a port.
 */
import * as path from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { writeCompilerCodeCache } from "./code-cache";
import { buildSnapshotForNextStart, snapshotSummary } from "./compiler-snapshot";
import { CELL_INPUT_DECLARATIONS, installPrompt, installStdin } from "./cell-input";
import { exceptionError } from "./cell-errors";
import { CommManager } from "./comm-manager";
import type { ConnectionInfo } from "./connection";
import { ExecuteQueue } from "./execute-queue";
import { HeapTrimmer } from "./heap-trim";
import { History } from "./history";
import { PACKAGE_ROOT } from "./install";
import { INTERRUPT_CHECK_GLOBAL } from "./interrupt-flag";
import { Interrupts } from "./interrupts";
import { installKernelBridge, OutputObservers } from "./kernel-bridge";
import { kernelInfo } from "./kernel-info";
import { rebuildLibrary } from "./library-build";
import { kernelLog } from "./log";
import { Outbox } from "./outbox";
import { Publisher } from "./publisher";
import { shellReply } from "./shell-replies";
import { captureStdout } from "./stdout-capture";
import { TypeScriptRunner } from "./typescript-runner";
import { StdinNotImplementedError, UserInput, type InputTarget } from "./user-input";
import type { Json, WireMessage } from "./wire-message";
import type { WireToMain } from "./wire-protocol";
import type { WireWorkerData } from "./wire-worker";

/** Largest multipart message accepted (larger ones make ZeroMQ drop the connection). */
const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;

/** The running kernel. */
export class Kernel {
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private readonly outbox: Outbox;
  private readonly publisher: Publisher;
  private readonly comms: CommManager;
  private readonly history = new History();
  private readonly interrupts: Interrupts;
  private readonly executeQueue: ExecuteQueue;
  private readonly outputObservers = new OutputObservers();
  private readonly userInput: UserInput;
  private readonly heapTrimmer = new HeapTrimmer();
  private runner: TypeScriptRunner | undefined;
  private exitCode = 0;

  constructor(
    connection: ConnectionInfo,
    private readonly cwd: string,
  ) {
    const mainLiveness = new Int32Array(new SharedArrayBuffer(4));
    setInterval(() => Atomics.add(mainLiveness, 0, 1), 100).unref();
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.outbox = new Outbox(this.port);
    const input = new MessageChannel();
    const inputSignal = new Int32Array(new SharedArrayBuffer(8));
    this.userInput = new UserInput(
      input.port1,
      inputSignal,
      (command) => {
        this.publisher.flushStream(); // what the cell printed shows before the input box
        this.outbox.command(command);
      },
      () => this.inputTarget(),
    );
    this.interrupts = new Interrupts(
      () => this.executeQueue.running !== undefined,
      () => {
        this.userInput.cancel();
        this.runner?.interrupt();
      },
    );
    const data: WireWorkerData = {
      connection,
      kernelInfo: kernelInfo(),
      maxMessageBytes: MAX_MESSAGE_BYTES,
      port: channel.port2,
      parentPid: process.ppid,
      mainLiveness,
      interruptFlag: this.interrupts.flag,
      inputPort: input.port2,
      inputSignal,
    };
    this.worker = new Worker(path.join(__dirname, "wire-worker.js"), {
      workerData: data,
      transferList: [channel.port2, input.port2],
    });
    this.worker.on("error", (error) => {
      kernelLog(`wire thread failed: ${error.stack ?? error.message}`);
      process.exit(1);
    });
    this.publisher = new Publisher((ch, msgType, content, parent, extra) => {
      if (ch === "iopub") this.outputObservers.tell(msgType, content, parent);
      this.outbox.send(ch, msgType, content, parent, extra);
    });
    this.comms = new CommManager(this.publisher, kernelLog);
    this.executeQueue = new ExecuteQueue({
      publisher: this.publisher,
      interrupts: this.interrupts,
      history: this.history,
      reply: (request, msgType, content) => this.reply("shell", request, msgType, content),
      handOutput: () => this.outbox.hand(),
      requestDone: () => {
        this.heapTrimmer.requestDone();
        writeCompilerCodeCache();
        buildSnapshotForNextStart();
      },
      drainPort: () => {
        for (let pending = receiveMessageOnPort(this.port); pending !== undefined; pending = receiveMessageOnPort(this.port)) {
          this.onWireMessage(pending.message as WireToMain);
        }
      },
    });
    this.port.on("message", (message: WireToMain) => this.onWireMessage(message));
    // Signal interrupt mode, and interrupt_request (the wire thread raises SIGINT too): code in
    // the cell body is stopped by vm's breakOnSigint, loops elsewhere by their interrupt checks
    // (the wire thread sets the flag); a pending await is rejected here.
    process.on("SIGINT", () => this.interrupts.onSignal());
    process.on("uncaughtException", (error) => this.reportBackgroundError("uncaught exception", error));
    process.on("unhandledRejection", (reason) => this.reportBackgroundError("unhandled promise rejection", reason));
    captureStdout(this.publisher);
    installPrompt(this.userInput);
    installStdin(this.userInput, () => this.publisher.takePartialLine());
    installKernelBridge({
      publisher: this.publisher,
      comms: this.comms,
      executeEndHooks: this.executeQueue.endHooks,
      outputObservers: this.outputObservers,
      userInput: this.userInput,
    });
  }

  /** Where an input request goes now; throws `StdinNotImplementedError` saying why input cannot be asked. */
  private inputTarget(): InputTarget {
    const running = this.executeQueue.running;
    const parent = this.publisher.context.getStore()?.parent;
    if (running === undefined || parent?.msg_id !== running.header.msg_id) {
      throw new StdinNotImplementedError(
        "input can be asked only by a running cell, not from a timer, a widget callback or a cell that has finished " +
          "(Jupyter shows the input box under the running cell)",
      );
    }
    if (running.content.allow_stdin !== true) {
      throw new StdinNotImplementedError(
        "this frontend does not take input for this cell (its execute_request has allow_stdin: false, as nbclient, " +
          "nbconvert and papermill send); write the value into the code instead",
      );
    }
    return { parent: running.header, identities: running.identities };
  }

  /** Closes the sockets (in the wire thread) and exits the process with `code`. */
  exit(code: number): void {
    this.exitCode = code;
    this.outbox.command({ kind: "shutdown" });
    setTimeout(() => process.exit(code), 2000).unref();
  }

  /**
   * Creates the compiler (blocks about a second; requests wait in the port meanwhile) while the
   * library is rebuilt if its sources changed (a source checkout); cells run once both are done.
   */
  start(): void {
    const build = rebuildLibrary(PACKAGE_ROOT); // a child process, running while the compiler starts
    const started = Date.now();
    const runner = new TypeScriptRunner(this.cwd, `${INTERRUPT_CHECK_GLOBAL}()`, CELL_INPUT_DECLARATIONS);
    this.runner = runner;
    kernelLog(`compiler ready in ${Date.now() - started} ms (cwd ${this.cwd}; ${snapshotSummary()})`);
    void build.then((notice) => {
      if (notice !== undefined) kernelLog(notice);
      this.executeQueue.ready(runner, notice);
    });
  }

  private onWireMessage(message: WireToMain): void {
    switch (message.kind) {
      case "request":
        this.dispatch(message.channel, message.message);
        return;
      case "flushed":
        return;
      case "shutdown":
        kernelLog(`shutting down (restart: ${message.restart})`);
        try {
          this.runner?.close();
        } finally {
          // Give ZeroMQ's I/O thread a moment to deliver the last messages (sockets linger).
          setTimeout(() => process.exit(this.exitCode), 100);
        }
        return;
      case "fatal":
        kernelLog(`fatal: ${message.message}`);
        this.exit(1);
        return;
      case "interrupt":
        this.interrupts.onRaised(message.number);
        return;
      case "bound":
        kernelLog("sockets bound");
        return;
    }
  }

  /** Reply on the request's own channel. */
  private reply(channel: "shell" | "control", request: WireMessage, msgType: string, content: Json): void {
    this.outbox.send(channel, msgType, content, request.header, { identities: request.identities });
  }

  private dispatch(channel: "shell" | "control", message: WireMessage): void {
    if (message.header.msg_type === "execute_request" && channel === "shell") {
      this.executeQueue.push(message);
      return;
    }
    void this.handleOther(channel, message);
  }

  private status(state: "busy" | "idle", parent: Json): void {
    this.publisher.publish("status", { execution_state: state }, { parent });
  }

  /** Every request but execute: answered at once, even while a cell awaits. */
  private async handleOther(channel: "shell" | "control", request: WireMessage): Promise<void> {
    const header = request.header;
    const type = header.msg_type;
    this.status("busy", header);
    try {
      await this.publisher.runWithParent(header, () => this.answer(channel, request));
    } catch (error) {
      kernelLog(`${type} failed: ${(error as Error).stack ?? String(error)}`);
      // A comm handler of notebook code failed (e.g. its loop was interrupted): show it under the message.
      if (type.startsWith("comm_"))
        this.publisher.stream("stderr", `error in a ${type} handler: ${this.describeCellError(error)}\n`);
      if (type.endsWith("_request")) {
        this.reply(channel, request, type.replace(/_request$/, "_reply"), {
          status: "error",
          ename: (error as Error).name ?? "Error",
          evalue: String((error as Error).message ?? error),
          traceback: [],
        });
      }
    } finally {
      this.publisher.flushStream();
      this.status("idle", header);
    }
  }

  private async answer(channel: "shell" | "control", request: WireMessage): Promise<void> {
    const type = request.header.msg_type;
    if (type === "comm_open" || type === "comm_msg" || type === "comm_close") {
      await this.comms.handle(request);
      return;
    }
    const answer = shellReply(type, request.content, {
      runner: () => this.requireRunner(),
      history: this.history,
      comms: this.comms,
    });
    if (answer !== undefined) {
      this.reply(channel, request, answer.type, answer.content);
      return;
    }
    kernelLog(`unknown message type ${JSON.stringify(type)} on ${channel}`);
    if (type.endsWith("_request")) {
      this.reply(channel, request, type.replace(/_request$/, "_reply"), {
        status: "error",
        ename: "UnknownMessageType",
        evalue: `this kernel does not handle ${type}`,
        traceback: [],
      });
    }
  }

  private requireRunner(): TypeScriptRunner {
    if (this.runner === undefined) throw new Error("the compiler is still starting");
    return this.runner;
  }

  private reportBackgroundError(what: string, error: unknown): void {
    kernelLog(`${what}: ${(error as Error)?.stack ?? String(error)}`);
    this.publisher.stream("stderr", `${what} in notebook code: ${this.describeCellError(error)}\n`);
  }

  /**
   * An error thrown by cell code outside its cell's run (a timer, a comm handler), with the
   * lines of the cell that defined the throwing code, e.g. an interrupted loop in a timer.
   */
  private describeCellError(error: unknown): string {
    if (!(error instanceof Error)) return String(error);
    const fileName = /In\[\d+\]\.js/.exec(error.stack ?? "")?.[0];
    const cell = fileName === undefined ? undefined : this.runner?.cellSource(fileName);
    if (fileName === undefined || cell === undefined) return error.stack ?? `${error.name}: ${error.message}`;
    return exceptionError(cell.code, error, cell.jsCode, fileName, false).traceback.join("\n");
  }
}
