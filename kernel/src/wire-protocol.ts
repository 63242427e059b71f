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
  | { kind: "shutdown" };

/** Wire thread -> main thread. */
export type WireToMain =
  | { kind: "bound" }
  | { kind: "fatal"; message: string }
  | { kind: "request"; channel: "shell" | "control" | "stdin"; message: WireMessage }
  | { kind: "flushed"; token: number }
  /** An interrupt arrived (its number in the shared interrupt flag, see interrupt-flag.ts). */
  | { kind: "interrupt"; number: number }
  | { kind: "shutdown"; restart: boolean };
