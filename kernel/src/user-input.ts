/**
 * Input from the user: `input_request` on the stdin channel, answered by the frontend's
 * `input_reply`. The wire thread sends the request and receives the reply; the answer comes back
 * on a port of its own, and its token is stored in shared memory and notified, so the main thread
 * can wait for it asynchronously (`ask`, the bridge's `input`) or blocked (`askSync`, `prompt()`).
 *
 * Input is asked only for the running cell, and only when its execute_request allows stdin;
 * otherwise the call fails at once with an error that says so (never a hang). An interrupt while
 * waiting cancels the request and the call fails with `KeyboardInterrupt`.
 */
import { receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { KeyboardInterrupt } from "./interrupt-flag";
import type { Json } from "./wire-message";
import type { InputAnswer, MainToWire } from "./wire-protocol";

/** Where an input request goes: the running cell's request header and its client's identities. */
export interface InputTarget {
  parent: Json;
  identities: Uint8Array[];
}

/** The error of an input call the frontend cannot answer (named like ipykernel's). */
export class StdinNotImplementedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StdinNotImplementedError";
  }
}

/** Options of one input request. */
export interface AskOptions {
  password?: boolean;
}

/** Checks the arguments of an input call; throws a TypeError naming the bad one. */
export function checkInputArguments(what: string, prompt: unknown, options: unknown): { prompt: string; password: boolean } {
  if (typeof prompt !== "string")
    throw new TypeError(`${what}: prompt must be a string, got ${prompt === null ? "null" : typeof prompt}`);
  if (options === undefined) return { prompt, password: false };
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(
      `${what}: options must be an object like { password: true }, got ${options === null ? "null" : Array.isArray(options) ? "an array" : typeof options}`,
    );
  }
  for (const name of Object.keys(options)) {
    if (name !== "password") throw new TypeError(`${what}: unknown option ${JSON.stringify(name)}; the only option is password`);
  }
  const password = (options as { password?: unknown }).password;
  if (password !== undefined && typeof password !== "boolean")
    throw new TypeError(`${what}: password must be true or false, got ${typeof password}`);
  return { prompt, password: password === true };
}

/** The kernel's input requests. */
export class UserInput {
  private lastToken = 0;
  /** The asynchronous request waiting for its answer. */
  private waiting: { token: number; resolve: (value: string) => void; reject: (error: Error) => void } | undefined;
  /** Asynchronous requests run one after the other. */
  private chain: Promise<unknown> = Promise.resolve();
  /** Bumped by every interrupt: requests still queued from before it fail instead of asking. */
  private generation = 0;

  /**
   * `target()` returns where the request goes, or throws `StdinNotImplementedError` saying why
   * input cannot be asked now; `command` hands a command to the wire thread (after queued output).
   */
  constructor(
    private readonly port: MessagePort,
    private readonly signal: Int32Array,
    private readonly command: (command: MainToWire) => void,
    private readonly target: () => InputTarget,
  ) {
    port.on("message", (answer: InputAnswer) => this.onAnswer(answer));
    port.unref();
  }

  /** Throws `StdinNotImplementedError` unless input can be asked now. */
  checkAllowed(): void {
    this.target();
  }

  /** Asks the user; resolves with the answer. Rejects at once when input cannot be asked now. */
  ask(prompt: string, options: AskOptions = {}): Promise<string> {
    let target: InputTarget;
    try {
      target = this.target();
    } catch (error) {
      return Promise.reject(error);
    }
    const generation = this.generation;
    const next = this.chain.then(
      () =>
        new Promise<string>((resolve, reject) => {
          if (generation !== this.generation) {
            reject(new KeyboardInterrupt());
            return;
          }
          const token = ++this.lastToken;
          this.waiting = { token, resolve, reject };
          Atomics.store(this.signal, 1, 0);
          this.command({ kind: "input", token, prompt, password: options.password === true, ...target });
        }),
    );
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Asks the user and blocks this thread until the answer comes (`prompt()`). */
  askSync(prompt: string, options: AskOptions = {}): string {
    const target = this.target();
    if (this.waiting !== undefined) throw new Error("prompt: another input request is still waiting for its answer");
    const token = ++this.lastToken;
    Atomics.store(this.signal, 1, 1);
    this.command({ kind: "input", token, prompt, password: options.password === true, ...target });
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      if (seen === token) break;
      Atomics.wait(this.signal, 0, seen);
    }
    for (let message = receiveMessageOnPort(this.port); message !== undefined; message = receiveMessageOnPort(this.port)) {
      const answer = message.message as InputAnswer;
      if (answer.token !== token) continue;
      if ("interrupted" in answer) throw new KeyboardInterrupt();
      return answer.value;
    }
    throw new Error(`prompt: the answer to input request ${token} was lost`);
  }

  /** An interrupt reached the main thread: the waiting request, and those queued behind it, fail with `KeyboardInterrupt`. */
  cancel(): void {
    this.generation++;
    const waiting = this.waiting;
    if (waiting === undefined) return;
    this.waiting = undefined;
    this.command({ kind: "cancelInput", token: waiting.token });
    waiting.reject(new KeyboardInterrupt());
  }

  private onAnswer(answer: InputAnswer): void {
    const waiting = this.waiting;
    if (waiting === undefined || waiting.token !== answer.token) return;
    this.waiting = undefined;
    if ("interrupted" in answer) waiting.reject(new KeyboardInterrupt());
    else waiting.resolve(answer.value);
  }
}
