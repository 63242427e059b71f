/**
 * Output capture: `console`, `process.stdout` and `process.stderr` of notebook code become
 * `stream` messages of the request that produced them.
 */
import { Console } from "node:console";
import { Writable } from "node:stream";
import type { Publisher } from "./publisher";

function text(chunk: unknown): string {
  return typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
}

/** Routes the process's console and standard output streams to `publisher`. */
export function captureStdout(publisher: Publisher): void {
  const streamTo = (name: "stdout" | "stderr"): Writable =>
    new Writable({
      decodeStrings: false,
      write: (chunk: unknown, _encoding, callback) => {
        publisher.stream(name, text(chunk));
        callback();
      },
    });
  globalThis.console = new Console({ stdout: streamTo("stdout"), stderr: streamTo("stderr"), colorMode: false });
  const patch = (stream: NodeJS.WriteStream, name: "stdout" | "stderr"): void => {
    (stream as { write: unknown }).write = (chunk: unknown, ...rest: unknown[]): boolean => {
      publisher.stream(name, text(chunk));
      const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      callback?.();
      return true;
    };
  };
  patch(process.stdout, "stdout");
  patch(process.stderr, "stderr");
}
