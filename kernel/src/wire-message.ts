/**
 * Jupyter wire format (messaging protocol 5.3): splitting multipart frames, HMAC-SHA256 signing
 * over header, parent header, metadata and content only (never the buffers), and serializing.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

/** Messaging protocol version this kernel speaks. */
export const PROTOCOL_VERSION = "5.3";

/** The frame separating routing identities from the signed message. */
export const DELIMITER = "<IDS|MSG>";

/** Largest accepted JSON part (header, parent, metadata or content), in bytes. */
export const MAX_JSON_PART_BYTES = 64 * 1024 * 1024;

/** A JSON object. */
export type Json = { [key: string]: unknown };

/** A message header. */
export interface MessageHeader extends Json {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

/** A decoded message. */
export interface WireMessage {
  identities: Uint8Array[];
  /** The HMAC signature it arrived with ("" when signing is off). */
  signature: string;
  header: MessageHeader;
  parent: Json;
  metadata: Json;
  content: Json;
  buffers: Uint8Array[];
}

/** Why a multipart message was rejected. */
export class WireError extends Error {
  override readonly name = "WireError";
}

/** Signs and checks messages with the connection file's key (no key: signing disabled, as the spec allows). */
export class MessageSigner {
  /** `key` and `scheme` from the connection file; only `hmac-sha256` is supported (any scheme when the key is empty). */
  constructor(
    private readonly key: string,
    scheme: string,
  ) {
    if (scheme !== "hmac-sha256" && key !== "") {
      throw new WireError(`signature_scheme "${scheme}" is not supported; use "hmac-sha256"`);
    }
  }

  /** Hex digest of the four signed parts. */
  sign(parts: ReadonlyArray<Uint8Array | string>): string {
    if (this.key === "") return "";
    const hmac = createHmac("sha256", this.key);
    for (const part of parts) hmac.update(part);
    return hmac.digest("hex");
  }

  /** True when `signature` matches the four signed parts (constant-time comparison). */
  verify(signature: string, parts: ReadonlyArray<Uint8Array>): boolean {
    if (this.key === "") return true;
    const expected = Buffer.from(this.sign(parts), "utf8");
    const given = Buffer.from(signature, "utf8");
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

function parseJsonPart(frame: Uint8Array, name: string): Json {
  if (frame.byteLength > MAX_JSON_PART_BYTES) {
    throw new WireError(`${name} frame has ${frame.byteLength} bytes; at most ${MAX_JSON_PART_BYTES} are accepted`);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString("utf8"));
  } catch (error) {
    throw new WireError(`${name} frame is not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new WireError(`${name} frame must be a JSON object, got ${Array.isArray(value) ? "an array" : typeof value}`);
  }
  return value as Json;
}

/** Splits, verifies and parses a multipart message; throws `WireError` naming what is wrong. */
export function decodeMessage(frames: ReadonlyArray<Uint8Array>, signer: MessageSigner): WireMessage {
  const delimiterIndex = frames.findIndex(
    (frame) => frame.byteLength === DELIMITER.length && Buffer.from(frame).toString("latin1") === DELIMITER,
  );
  if (delimiterIndex < 0) throw new WireError(`no "${DELIMITER}" delimiter among ${frames.length} frames`);
  const rest = frames.slice(delimiterIndex + 1);
  if (rest.length < 5) {
    throw new WireError(
      `expected signature, header, parent, metadata and content after the delimiter, got ${rest.length} frames`,
    );
  }
  const signature = Buffer.from(rest[0]).toString("latin1");
  const signed = rest.slice(1, 5);
  if (!signer.verify(signature, signed)) throw new WireError("bad or missing signature");
  const header = parseJsonPart(rest[1], "header");
  if (typeof header.msg_type !== "string" || typeof header.msg_id !== "string") {
    throw new WireError("header needs string msg_id and msg_type");
  }
  return {
    identities: frames.slice(0, delimiterIndex).map((f) => Uint8Array.from(f)),
    signature,
    header: header as MessageHeader,
    parent: parseJsonPart(rest[2], "parent_header"),
    metadata: parseJsonPart(rest[3], "metadata"),
    content: parseJsonPart(rest[4], "content"),
    buffers: rest.slice(5).map((f) => Uint8Array.from(f)),
  };
}

/** A new header for a message this kernel sends. */
export function newHeader(msgType: string, session: string): MessageHeader {
  return {
    msg_id: randomUUID(),
    msg_type: msgType,
    session,
    username: "kernel",
    date: new Date().toISOString(),
    version: PROTOCOL_VERSION,
  };
}

/** Serializes and signs a message into multipart frames. */
export function encodeMessage(
  message: {
    identities: ReadonlyArray<Uint8Array | string>;
    header: Json;
    parent: Json;
    metadata: Json;
    content: Json;
    buffers: ReadonlyArray<Uint8Array>;
  },
  signer: MessageSigner,
): Array<Uint8Array | string> {
  const parts = [message.header, message.parent, message.metadata, message.content].map((part) =>
    Buffer.from(JSON.stringify(part), "utf8"),
  );
  return [...message.identities, DELIMITER, signer.sign(parts), ...parts, ...message.buffers];
}
