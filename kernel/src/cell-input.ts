/**
 * How notebook code reads input from the user: a synchronous `prompt(message)` as in browsers
 * and Deno, and Node's `process.stdin` (so `readline` works), both through `UserInput`.
 */
import * as readlinePromises from "node:readline/promises";
import { Readable } from "node:stream";
import { StdinNotImplementedError, type UserInput } from "./user-input";

/** The global declarations cells see for what this module installs (a declaration file given to the compiler). */
export const CELL_INPUT_DECLARATIONS =
  "/** Asks the user for a line of input and returns it (an empty answer gives `defaultValue` when set). */\n" +
  "declare function prompt(message?: string, defaultValue?: string): string;\n";

/** Defines the global `prompt(message, defaultValue)`: blocks until the user answers. */
export function installPrompt(userInput: UserInput): void {
  const prompt = (message: unknown = "", defaultValue?: unknown): string => {
    const answer = userInput.askSync(String(message));
    return answer === "" && defaultValue !== undefined ? String(defaultValue) : answer;
  };
  Object.defineProperty(globalThis, "prompt", { value: prompt, writable: true, configurable: true, enumerable: false });
}

/**
 * A readable stream of the user's lines: each time a reader wants data (and still reads, so a
 * closed `readline` asks nothing more), it sends one input request, whose prompt is the text
 * printed on stdout since the last newline (readline's question). An error (no stdin for this
 * request, an interrupt) destroys the stream; `process.stdin` then gives a fresh one.
 */
function createStdinStream(userInput: UserInput, takePrompt: () => string): Readable {
  let wanted = false;
  let asking = false;
  const stream = new Readable({
    read() {
      wanted = true;
      ask();
    },
  });
  const reading = (): boolean => stream.readableFlowing === true || stream.listenerCount("readable") > 0;
  function ask(): void {
    if (!wanted || asking || stream.destroyed || !reading()) return;
    wanted = false;
    asking = true;
    userInput.ask(takePrompt()).then(
      (line) => {
        asking = false;
        stream.push(`${line}\n`);
      },
      (error: Error) => {
        asking = false;
        stream.destroy(error);
      },
    );
  }
  stream.on("resume", ask);
  stream.on("newListener", (event) => {
    if (event === "readable") queueMicrotask(ask);
  });
  return stream;
}

/**
 * Replaces `process.stdin` with the user's lines, and makes `readline/promises`' `question` on it
 * fail at once when input cannot be asked (on Node 20 it would otherwise wait forever once the
 * stream fails).
 */
export function installStdin(userInput: UserInput, takePrompt: () => string): void {
  let current: Readable | undefined;
  const stdin = (): Readable => {
    if (current === undefined || current.destroyed) current = createStdinStream(userInput, takePrompt);
    return current;
  };
  Object.defineProperty(process, "stdin", { get: stdin, configurable: true, enumerable: true });
  const prototype = readlinePromises.Interface.prototype as {
    question: (this: { input?: unknown }, ...args: unknown[]) => Promise<string>;
  };
  const question = prototype.question;
  prototype.question = function (this: { input?: unknown }, ...args: unknown[]): Promise<string> {
    if (this.input === current) {
      try {
        userInput.checkAllowed();
      } catch (error) {
        if (error instanceof StdinNotImplementedError) return Promise.reject(error);
        throw error;
      }
    }
    return question.apply(this, args);
  };
}
