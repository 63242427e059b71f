/**
 * The cost of a workload's fresh output alone: the arrays the library's public API allocates for
 * its result, each allocated and written once (`fill`), nothing computed. Plain JavaScript, so the
 * benchmark times it in Node and, bundled into the benchmark page, in Chromium: the difference is
 * what each engine's allocator charges for fresh memory (bench/browser/fresh-outputs.md).
 */
import { timeMedian } from "./median";
import type { FreshArray } from "./workload-specs";

/** One call: every array of `arrays` allocated and filled, returned so they stay alive until it ends. */
export function freshOutputCall(arrays: readonly FreshArray[]): () => unknown {
  return () => arrays.map((a) => (a.dtype === "float64" ? new Float64Array(a.length) : new Float32Array(a.length)).fill(1));
}

/**
 * Median ms of {@link freshOutputCall}, sampled as the benchmark samples an implementation (at
 * least `runs` samples and about a second of them, up to 200; batched calls for microsecond ones).
 */
export async function timeFreshOutputs(arrays: readonly FreshArray[], runs: number, micro: boolean): Promise<number> {
  const call = freshOutputCall(arrays);
  const once = performance.now();
  call();
  const onceMs = performance.now() - once;
  const samples = micro ? runs : Math.max(runs, Math.min(200, Math.ceil(1000 / Math.max(onceMs, 0.01))));
  const t = await timeMedian(call, { runs: samples, warmup: 3, minSampleMs: micro ? 5 : 0, warmupMs: micro ? 300 : 0 });
  return t.medianMs;
}
