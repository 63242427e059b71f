/**
 * The browser benchmark's page side: workloads W1-W7 on the library's browser bundle (public API,
 * and with a preallocated output) and on tfjs with its WebAssembly backend, in the same page, timed as the Node benchmark times them (median
 * of at least `runs` samples and about a second of them). Each result is checked against the
 * library's reference before it is timed. The library arrives as a parameter (the page imported
 * dist/browser/upsampling-lab.mjs); tfjs is bundled into this module, its .wasm files served by the page.
 */
import * as tf from "@tensorflow/tfjs-core";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import type * as Lab from "../../src";
import { freshOutputCall, timeFreshOutputs } from "../fresh-output";
import { timeMedian } from "../median";
import { maxPoolWithArgmaxDefect } from "../peers/tfjs-defects";
import { nhwcTensor, nhwcToNchwData, tfTransposedFilter } from "../peers/tfjs-layout";
import {
  freshOutputs,
  POOL_SEED,
  POOL_SHAPE,
  RESIZE_SEED,
  RESIZE_SHAPE,
  TRANSPOSED_SEEDS,
  TRANSPOSED_SHAPES,
} from "../workload-specs";

/** One implementation's outcome on one workload in the page. */
export interface PageResult {
  id: string;
  impl: "lib" | "lib out=" | "tfjs-wasm";
  /** unsupported: the implementation cannot compute this workload (`message` says why; nothing timed). */
  status: "ok" | "wrong" | "error" | "unsupported";
  medianMs?: number;
  maxError?: number;
  message?: string;
}

/** What the page measured, and which tfjs WebAssembly build ran. */
export interface PageBench {
  results: PageResult[];
  tfjsWasmFlavour: string;
  /** Per workload, median ms of its fresh output alone in the page (bench/fresh-output.ts). */
  freshOutputMs: Record<string, number>;
}

interface PageImpl {
  impl: PageResult["impl"];
  run: () => unknown;
  check: (result: unknown) => Float32Array;
  /** Why it cannot compute the workload (a defect shown on a tiny case), or undefined; asked before timing. */
  unsupported?: () => string | undefined;
}

interface PageWorkload {
  micro: boolean;
  reference: () => Float32Array;
  impls: PageImpl[];
}

function f32(t: Lab.Tensor): Float32Array {
  return t.data as Float32Array;
}

/** tfjs op `make()` (operands made once), its NHWC result read back and disposed each call. */
function tfImpl(
  make: () => () => tf.Tensor,
  outNhwc: [number, number, number, number],
  unsupported?: () => string | undefined,
): PageImpl {
  let op: (() => tf.Tensor) | undefined;
  return {
    impl: "tfjs-wasm",
    unsupported,
    run: () => {
      op ??= make();
      const y = op();
      const data = y.dataSync() as Float32Array;
      y.dispose();
      return data;
    },
    check: (r) => nhwcToNchwData(r as Float32Array, ...outNhwc),
  };
}

/** Workload `id` built on `lab`, as bench/workloads.ts builds it in Node (same sizes and seeds). */
function pageWorkload(lab: typeof Lab, id: string): PageWorkload {
  const spec = TRANSPOSED_SHAPES.find((s) => s.id === id);
  if (spec !== undefined) {
    const x = lab.randn([spec.n, spec.cin, spec.h, spec.w], { seed: TRANSPOSED_SEEDS.x });
    const weight = lab.randn([spec.cin, spec.cout, spec.k, spec.k], { seed: TRANSPOSED_SEEDS.weight });
    const options = { stride: spec.s, padding: spec.p, outputPadding: spec.op };
    const lib = () => lab.convTranspose2d(x, weight, options);
    const [, , outH, outW] = lib().shape;
    const out = lab.zeros([spec.n, spec.cout, outH, outW]);
    return {
      micro: id === "W1",
      reference: () => f32(lab.convTranspose2d(x, weight, { ...options, algorithm: "scatter" })),
      impls: [
        { impl: "lib", run: lib, check: (r) => f32(r as Lab.Tensor) },
        { impl: "lib out=", run: () => lab.convTranspose2d(x, weight, { ...options, out }), check: (r) => f32(r as Lab.Tensor) },
        tfImpl(() => {
          const xt = nhwcTensor(f32(x), x.shape);
          const ft = tfTransposedFilter(f32(weight), weight.shape);
          return () => tf.conv2dTranspose(xt, ft, [spec.n, outH, outW, spec.cout], spec.s, spec.p);
        }, [spec.n, outH, outW, spec.cout]),
      ],
    };
  }
  if (id === "W5" || id === "W6") {
    const [n, c, h, w] = RESIZE_SHAPE;
    const x = lab.randn([n, c, h, w], { seed: RESIZE_SEED });
    const lib = (out?: Lab.Tensor) =>
      id === "W5" ? lab.upsampleBilinear(x, { scale: 2, out }) : lab.upsampleNearest(x, { scale: 2, out });
    const out = lab.zeros([n, c, 2 * h, 2 * w]);
    return {
      micro: false,
      reference: () => f32(lib()),
      impls: [
        { impl: "lib", run: () => lib(), check: (r) => f32(r as Lab.Tensor) },
        { impl: "lib out=", run: () => lib(out), check: (r) => f32(r as Lab.Tensor) },
        tfImpl(() => {
          const xt = nhwcTensor(f32(x), x.shape);
          return id === "W5"
            ? () => tf.image.resizeBilinear(xt, [2 * h, 2 * w], false, true)
            : () => tf.image.resizeNearestNeighbor(xt, [2 * h, 2 * w], false, false);
        }, [n, 2 * h, 2 * w, c]),
      ],
    };
  }
  if (id === "W7") {
    const [n, c, h, w] = POOL_SHAPE;
    const x = lab.randn([n, c, h, w], { seed: POOL_SEED });
    const lib = () => {
      const { values, indices } = lab.maxPool2d(x, { kernelSize: 2 });
      return lab.maxUnpool2d(values, indices, { kernelSize: 2 });
    };
    const valuesOut = lab.zeros([n, c, h / 2, w / 2]);
    const indicesOut = lab.zeros([n, c, h / 2, w / 2], { dtype: "float64" });
    const unpoolOut = lab.zeros([n, c, h, w]);
    const libOut = () => {
      const { values, indices } = lab.maxPool2d(x, { kernelSize: 2, out: valuesOut, indicesOut });
      return lab.maxUnpool2d(values, indices, { kernelSize: 2, out: unpoolOut });
    };
    return {
      micro: false,
      reference: () => f32(lib()),
      impls: [
        { impl: "lib", run: lib, check: (r) => f32(r as Lab.Tensor) },
        { impl: "lib out=", run: libOut, check: (r) => f32(r as Lab.Tensor) },
        tfImpl(
          () => {
            const xt = nhwcTensor(f32(x), x.shape);
            return () =>
              tf.tidy(() => {
                const { result, indexes } = tf.maxPoolWithArgmax(xt, 2, 2, "valid", false);
                const flat = tf.scatterND(tf.reshape(indexes, [-1, 1]), tf.reshape(result, [-1]), [h * w * c]);
                return tf.reshape(flat, [n, h, w, c]);
              });
          },
          [n, h, w, c],
          maxPoolWithArgmaxDefect,
        ),
      ],
    };
  }
  throw new Error(`the browser benchmark has no workload '${id}'`);
}

/** max |a - b| / max(1, max |b|) */
function relativeError(actual: Float32Array, expected: Float32Array): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let scale = 1;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    const d = Math.abs(actual[i] - expected[i]);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Number.POSITIVE_INFINITY : d;
  }
  return worst / scale;
}

/** Checks and times one implementation (the sampling rule of bench/run.ts's `measure`). */
async function measure(id: string, w: PageWorkload, impl: PageImpl, reference: Float32Array, runs: number): Promise<PageResult> {
  try {
    const unsupported = impl.unsupported?.();
    if (unsupported !== undefined) return { id, impl: impl.impl, status: "unsupported", message: unsupported };
    const maxError = relativeError(impl.check(impl.run()), reference);
    if (!(maxError <= 1e-4)) return { id, impl: impl.impl, status: "wrong", maxError };
    const once = performance.now();
    impl.run();
    const onceMs = performance.now() - once;
    const samples = w.micro ? runs : Math.max(runs, Math.min(200, Math.ceil(1000 / Math.max(onceMs, 0.01))));
    const t = await timeMedian(impl.run, {
      runs: samples,
      warmup: onceMs > 100 ? 1 : 3,
      minSampleMs: w.micro ? 5 : 0,
      warmupMs: w.micro ? 300 : 0,
    });
    return { id, impl: impl.impl, status: "ok", medianMs: t.medianMs, maxError };
  } catch (error) {
    return { id, impl: impl.impl, status: "error", message: error instanceof Error ? error.message : String(error) };
  }
}

/** Allocates and writes workload `id`'s fresh output once (nothing kept); returns its bytes. */
export function freshOutputOnce(id: string): number {
  const arrays = freshOutputCall(freshOutputs(id) ?? [])() as ArrayBufferView[];
  return arrays.reduce((sum, a) => sum + a.byteLength, 0);
}

/** Measures workloads `ids` on `lab` and on tfjs-wasm (its .wasm files under `wasmPath`). */
export async function runPageBench(lab: typeof Lab, ids: readonly string[], runs: number, wasmPath: string): Promise<PageBench> {
  setWasmPaths(wasmPath);
  if (!(await tf.setBackend("wasm"))) throw new Error("tfjs backend 'wasm' failed to initialise");
  await tf.ready();
  const flavour = (await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT")) ? "threaded" : "single-thread";
  const simd = (await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")) ? "SIMD" : "no SIMD";
  const results: PageResult[] = [];
  const freshOutputMs: Record<string, number> = {};
  for (const id of ids) {
    const w = pageWorkload(lab, id);
    const reference = w.reference();
    const fresh = freshOutputs(id);
    if (fresh !== undefined) freshOutputMs[id] = await timeFreshOutputs(fresh, runs, w.micro);
    for (const impl of w.impls) results.push(await measure(id, w, impl, reference, runs));
  }
  return { results, tfjsWasmFlavour: `${flavour}, ${simd}`, freshOutputMs };
}
