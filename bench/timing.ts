/**
 * Timing and allocation measurement for the benchmark: medians over repeated samples after
 * warm-up (./median, shared with the browser benchmark page), and the bytes of ArrayBuffer
 * memory a call leaves allocated (measured after a full GC).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Runnable } from "./median";

let gcFn: (() => void) | undefined;

/** A full garbage collection (the flag is enabled at run time, so plain `node` works). */
export function collectGarbage(): void {
  if (gcFn === undefined) {
    setFlagsFromString("--expose-gc");
    gcFn = runInNewContext("gc") as () => void;
  }
  gcFn();
  gcFn();
}

export { timeMedian, type Runnable, type Timing, type TimingOptions } from "./median";

/**
 * ArrayBuffer bytes one call allocates and are still reachable or not yet collected when it
 * returns, measured from a fully collected heap: the output plus any working buffers it made.
 * (Memory inside a WebAssembly instance that already had room, and native memory of onnxruntime,
 * is not visible here; the report says so.)
 */
export async function allocatedBytes(fn: Runnable): Promise<number> {
  collectGarbage();
  const before = process.memoryUsage().arrayBuffers;
  const keep = await fn();
  const after = process.memoryUsage().arrayBuffers;
  if (keep === Symbol.for("never")) console.log(keep); // keeps the result alive until here
  return Math.max(0, after - before);
}

type TypedArrayName =
  | "Float32Array"
  | "Float64Array"
  | "Int32Array"
  | "Uint32Array"
  | "Int16Array"
  | "Uint16Array"
  | "Int8Array"
  | "Uint8Array"
  | "Uint8ClampedArray"
  | "BigInt64Array";
const COUNTED: TypedArrayName[] = [
  "Float32Array",
  "Float64Array",
  "Int32Array",
  "Uint32Array",
  "Int16Array",
  "Uint16Array",
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "BigInt64Array",
];

/**
 * Total bytes of new typed-array memory made while `fn` runs (a counting allocator): every
 * `new Float32Array(n)` and friends that owns fresh memory is counted, views on existing buffers
 * are not. The global constructors are swapped for counting subclasses for the duration of the
 * call only; `instanceof` still works both ways. An upper bound on the call's peak: what it
 * allocated in total, whether or not it was freed before returning.
 */
export async function countedAllocationBytes(fn: Runnable): Promise<number> {
  const g = globalThis as unknown as Record<TypedArrayName, unknown>;
  const originals = new Map<TypedArrayName, unknown>();
  let total = 0;
  for (const name of COUNTED) {
    const Base = g[name] as new (...args: unknown[]) => ArrayBufferView;
    originals.set(name, Base);
    const Counting = class extends Base {
      constructor(...args: unknown[]) {
        super(...args);
        const first = args[0];
        const isView =
          first instanceof ArrayBuffer || (typeof SharedArrayBuffer !== "undefined" && first instanceof SharedArrayBuffer);
        if (!isView) total += this.byteLength;
      }
      static override [Symbol.hasInstance](value: unknown): boolean {
        return value instanceof Base;
      }
    };
    g[name] = Counting;
  }
  try {
    await fn();
  } finally {
    for (const [name, original] of originals) g[name] = original;
  }
  return total;
}
