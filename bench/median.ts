/**
 * Median time per call after warm-up: plain JavaScript, so the benchmark runs it in Node and,
 * bundled into the benchmark page, in Chromium.
 */

/** A function under test; may be async (onnxruntime). Its result is kept alive while measuring memory. */
export type Runnable = () => unknown;

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
