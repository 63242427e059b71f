/**
 * Wire form of widget state (protocol 2.1.0): widget references become
 * `"IPY_MODEL_<id>"`, binary values (typed arrays) move out into buffers listed
 * by `buffer_paths`; and the reverse for state arriving from the frontend.
 */
import type { JsonObject } from "../bridge";

/** Anything that is a widget model on the wire: it has a model id. */
export interface ModelReference {
  readonly modelId: string;
}

/** State ready for a comm message. */
export interface WireState {
  state: JsonObject;
  buffer_paths: Array<Array<string | number>>;
  buffers: ArrayBufferView[];
  /** Widgets the state refers to (they must be open before this state is sent). */
  references: ModelReference[];
}

/** True for values the widget API treats as widget references. */
export function isModelReference(v: unknown): v is ModelReference {
  return (
    v !== null && typeof v === "object" && typeof (v as { modelId?: unknown }).modelId === "string" && "observe" in (v as object)
  );
}

/** The wire form of `state`. */
export function toWire(state: Record<string, unknown>): WireState {
  const buffer_paths: Array<Array<string | number>> = [];
  const buffers: ArrayBufferView[] = [];
  const references: ModelReference[] = [];
  const walk = (v: unknown, path: Array<string | number>): unknown => {
    if (isModelReference(v)) {
      references.push(v);
      return `IPY_MODEL_${v.modelId}`;
    }
    if (ArrayBuffer.isView(v)) {
      buffer_paths.push(path);
      buffers.push(v);
      return null;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]));
    if (v !== null && typeof v === "object") {
      const out: JsonObject = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, [...path, k]);
      return out;
    }
    return v;
  };
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(state)) out[k] = walk(v, [k]);
  return { state: out, buffer_paths, buffers, references };
}

/**
 * `state` from a frontend message with each buffer put back at its path.
 * Throws a clear error for paths that do not fit the state (malformed message).
 */
export function fromWire(state: unknown, bufferPaths: unknown, buffers: readonly DataView[]): Record<string, unknown> {
  if (state === null || typeof state !== "object" || Array.isArray(state)) {
    throw new TypeError(`state must be an object, got ${state === null ? "null" : typeof state}`);
  }
  const out = structuredClone(state) as Record<string, unknown>;
  const paths = bufferPaths ?? [];
  if (!Array.isArray(paths)) throw new TypeError("buffer_paths must be an array of paths");
  if (paths.length > buffers.length)
    throw new RangeError(`buffer_paths lists ${paths.length} paths but the message has ${buffers.length} buffers`);
  paths.forEach((path: unknown, i) => {
    if (!Array.isArray(path) || path.length === 0 || !path.every((p) => typeof p === "string" || typeof p === "number")) {
      throw new TypeError(`buffer_paths[${i}] must be a non-empty array of keys, got ${JSON.stringify(path)}`);
    }
    let node: Record<string | number, unknown> = out;
    for (let k = 0; k < path.length - 1; k++) {
      const next = node[path[k]];
      if (next === null || typeof next !== "object")
        throw new RangeError(`buffer_paths[${i}] ${JSON.stringify(path)} does not lead into the state`);
      node = next as Record<string | number, unknown>;
    }
    node[path[path.length - 1]] = buffers[i];
  });
  return out;
}
