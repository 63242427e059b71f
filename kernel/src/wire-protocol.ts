/**
 * Messages between the kernel's main thread (which runs cells) and its wire thread (which owns the sockets).
 */
import type { Json, WireMessage } from "./wire-message";

/** A socket the kernel sends on. */
export type WireChannel = "shell" | "control" | "stdin" | "iopub";

/** Main thread -> wire thread. */
export type MainToWire =
  | {
      kind: "send";
      channel: WireChannel;
      msgType: string;
      content: Json;
      parent: Json;
      metadata?: Json;
      buffers?: Uint8Array[];
      identities?: Uint8Array[];
    }
  /** Several messages in order. */
  | { kind: "batch"; commands: MainToWire[] }
  /** Answer `flushed` with the same token once every queued send was handed to ZeroMQ. */
  | { kind: "flush"; token: number }
  | { kind: "shutdown" }
  /** Send `input_request` on stdin (to the client of `identities`) and wait for its `input_reply`. */
  | { kind: "input"; token: number; prompt: string; password: boolean; parent: Json; identities: Uint8Array[] }
  /** Stop waiting for the answer to input `token` (the main thread was interrupted). */
  | { kind: "cancelInput"; token: number };

/**
 * The answer to input `token`, posted on the input port (then `token` is stored in the input
 * signal and notified, so a main thread blocked in `prompt()` wakes up): the user's text, or
 * `interrupted` when an interrupt cancelled the request.
 */
export type InputAnswer = { token: number; value: string } | { token: number; interrupted: true };

/** Wire thread -> main thread. */
export type WireToMain =
  | { kind: "bound" }
  | { kind: "fatal"; message: string }
  | { kind: "request"; channel: "shell" | "control"; message: WireMessage }
  | { kind: "flushed"; token: number }
  /** An interrupt arrived (its number in the shared interrupt flag, see interrupt-flag.ts). */
  | { kind: "interrupt"; number: number }
  | { kind: "shutdown"; restart: boolean };
