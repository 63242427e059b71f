/**
 * Timing and allocation measurement for the benchmark: medians over repeated samples after
 * warm-up, and the bytes of ArrayBuffer memory a call leaves allocated (measured after a full GC).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** A function under test; may be async (onnxruntime). Its result is kept alive while measuring memory. */
export type Runnable = () => unknown;

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

/** Timing options: samples after warm-up, and how long one sample should at least take. */
export interface TimingOptions {
  runs: number;
  warmup: number;
  minSampleMs: number;
  /** Keep warming up until this much time has passed (lets the JIT optimise microsecond-scale calls). */
  warmupMs?: number;
}

/** The result of timing one function. */
export interface Timing {
  /** Median milliseconds per call. */
  medianMs: number;
  /** Fastest sample, ms per call. */
  minMs: number;
  /** Samples taken (each one or more calls). */
  samples: number;
  /** Calls per sample (> 1 for microsecond-scale calls). */
  callsPerSample: number;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === "object" && v !== null && typeof (v as { then?: unknown }).then === "function";
}

/**
 * Median time per call over `runs` samples after `warmup` calls; tiny calls are batched per sample
 * (calls per sample doubled until a sample lasts `minSampleMs`). Synchronous functions are called
 * without `await` (an await costs about a microsecond, more than the W1 call itself).
 */
export async function timeMedian(fn: Runnable, options: TimingOptions): Promise<Timing> {
  const first = fn();
  const isAsync = isThenable(first);
  if (isAsync) await first;
  const batch = isAsync
    ? async (calls: number): Promise<number> => {
        const t0 = performance.now();
        for (let c = 0; c < calls; c++) await fn();
        return performance.now() - t0;
      }
    : async (calls: number): Promise<number> => {
        const t0 = performance.now();
        for (let c = 0; c < calls; c++) fn();
        return performance.now() - t0;
      };
  for (let i = 0; i < options.warmup; i++) await batch(1);
  const warmEnd = performance.now() + (options.warmupMs ?? 0);
  while (performance.now() < warmEnd) await batch(16);
  let callsPerSample = 1;
  while ((await batch(callsPerSample)) < options.minSampleMs && callsPerSample < 1 << 20) callsPerSample *= 2;
  const samples: number[] = [];
  for (let s = 0; s < options.runs; s++) samples.push((await batch(callsPerSample)) / callsPerSample);
  samples.sort((a, b) => a - b);
  const mid = samples.length >> 1;
  const medianMs = samples.length % 2 === 1 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2;
  return { medianMs, minMs: samples[0], samples: samples.length, callsPerSample };
}

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
  | "Float32Array" | "Float64Array" | "Int32Array" | "Uint32Array" | "Int16Array" | "Uint16Array"
  | "Int8Array" | "Uint8Array" | "Uint8ClampedArray" | "BigInt64Array";
const COUNTED: TypedArrayName[] = [
  "Float32Array", "Float64Array", "Int32Array", "Uint32Array", "Int16Array", "Uint16Array",
  "Int8Array", "Uint8Array", "Uint8ClampedArray", "BigInt64Array",
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
        const isView = first instanceof ArrayBuffer || (typeof SharedArrayBuffer !== "undefined" && first instanceof SharedArrayBuffer);
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
