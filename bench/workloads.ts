/**
 * The benchmark's workloads (issue 7) and, for each, the implementations compared: the library
 * (public API; with and without a preallocated output; the pure-TypeScript fallback where there
 * is one), tfjs-core on its CPU and WebAssembly backends, and onnxruntime-node with 1 and 2
 * intra-op threads. Every implementation returns its result as NCHW float32 for the check.
 */
import {
  conv2d,
  convTranspose2d,
  linearTap,
  maxPool2d,
  maxUnpool2d,
  randn,
  resize,
  Tensor,
  upsampleBilinear,
  upsampleNearest,
} from "../src";
import {
  bilinearPlanesTs,
  bilinearTables,
  conv2dData,
  conv2dWasm,
  convTranspose2dGemm,
  convTranspose2dWasm,
  maxPool2x2Rows,
  nearestPlanesTs,
  parseConvTranspose2d,
  readImageBatch,
  resolveConv2d,
} from "../src/internals";
import { convModelBytes, convTransposeModel, OrtModel, poolUnpoolModel, resizeModel, resizeModel19 } from "./peers/onnxModels";
import { nhwcTensor, nhwcToNchwData, tf, tfConvFilter, tfTransposedFilter, type TfBackend } from "./peers/tfjs";
import { maxPoolWithArgmaxDefect } from "./peers/tfjs-defects";
import {
  POOL_SEED,
  POOL_SHAPE,
  POOL_TITLE,
  RESIZE_SEED,
  RESIZE_SHAPE,
  RESIZE_TITLES,
  TRANSPOSED_SEEDS,
  transposedShape,
  type TransposedShape,
} from "./workload-specs";

/** One implementation of a workload: `run` is timed; `check` turns a result into NCHW data. */
export interface Impl {
  name: string;
  run: () => unknown;
  check: (result: unknown) => Promise<Float32Array> | Float32Array;
  release?: () => Promise<void> | void;
  /** tfjs has one global backend: the runner switches to this one before measuring. */
  tfBackend?: TfBackend;
  /**
   * Why this implementation cannot compute the workload (a defect it shows on a tiny case with a
   * known answer), or undefined; asked after the backend is selected, before anything is timed.
   */
  unsupported?: () => string | undefined;
}

/** A workload: its reference result and the implementations to compare. */
export interface Workload {
  id: string;
  title: string;
  /** 2 N Cin Cout Hin Win kh kw for convolutions (GFLOP/s column), else undefined. */
  flops?: number;
  /** Report microseconds instead of milliseconds. */
  micro?: boolean;
  /**
   * The target from issue 7, as text and as a test on the library's median ms, its GFLOP/s and
   * each peer's median ms (`peerMs(name)`, undefined when that peer failed).
   */
  target?: { text: string; met: (ms: number, gflops: number | undefined, peerMs: PeerMs) => boolean };
  reference: () => Float32Array;
  impls: () => Promise<Impl[]>;
}

/** The peer implementations available for one workload. */
export type PeerName = "tfjs-cpu" | "tfjs-wasm" | "ort-1t" | "ort-2t";

const tfBackends: [PeerName, TfBackend][] = [
  ["tfjs-cpu", "cpu"],
  ["tfjs-wasm", "wasm"],
];

function f32(t: Tensor): Float32Array {
  return t.data as Float32Array;
}

function tfImpl(
  name: PeerName,
  backend: TfBackend,
  make: () => () => tf.Tensor,
  outNhwc: [number, number, number, number],
  unsupported?: () => string | undefined,
): Impl {
  let op: (() => tf.Tensor) | undefined;
  return {
    name,
    tfBackend: backend,
    unsupported,
    run: () => {
      op ??= make(); // tensors are created on first run, after the runner selected the backend
      const y = op();
      const data = y.dataSync() as Float32Array;
      y.dispose();
      return data;
    },
    check: (r) => nhwcToNchwData(r as Float32Array, ...outNhwc),
  };
}

async function ortImpls(
  bytes: Uint8Array,
  feeds: Record<string, { data: Float32Array; dims: readonly number[] }>,
  output = "Y",
): Promise<Impl[]> {
  const impls: Impl[] = [];
  for (const threads of [1, 2]) {
    const model = await OrtModel.load(bytes, threads);
    impls.push({
      name: `ort-${threads}t`,
      run: async () => (await model.run(feeds))[output],
      check: (r) => r as Float32Array,
      release: () => model.release(),
    });
  }
  return impls;
}

interface TransposedSpec extends TransposedShape {
  micro?: boolean;
  target?: Workload["target"];
}

function transposedWorkload(s: TransposedSpec): Workload {
  const x = randn([s.n, s.cin, s.h, s.w], { seed: TRANSPOSED_SEEDS.x });
  const weight = randn([s.cin, s.cout, s.k, s.k], { seed: TRANSPOSED_SEEDS.weight });
  const options = { stride: s.s, padding: s.p, outputPadding: s.op };
  const { operands } = parseConvTranspose2d("bench", x, weight, options);
  const g = operands.geometry;
  const outShape = [s.n, s.cout, g.outH, g.outW];
  const out = new Tensor(new Float32Array(s.n * s.cout * g.outH * g.outW), outShape);
  return {
    id: s.id,
    title: s.title,
    micro: s.micro,
    flops: 2 * s.n * s.cin * s.cout * s.h * s.w * s.k * s.k,
    target: s.target,
    reference: () => f32(convTranspose2d(x, weight, { ...options, algorithm: "scatter" })),
    impls: async () => [
      { name: "lib", run: () => convTranspose2d(x, weight, options), check: (r) => f32(r as Tensor) },
      { name: "lib out=", run: () => convTranspose2d(x, weight, { ...options, out }), check: (r) => f32(r as Tensor) },
      {
        name: "lib TS",
        run: () => {
          const data = new Float32Array(out.data.length);
          convTranspose2dGemm(x.data, weight.data, undefined, g, data);
          return data;
        },
        check: (r) => r as Float32Array,
      },
      {
        name: "lib wasm",
        run: () => {
          const data = new Float32Array(out.data.length);
          if (!convTranspose2dWasm(x.data, weight.data, undefined, g, data)) throw new Error("WebAssembly kernel declined");
          return data;
        },
        check: (r) => r as Float32Array,
      },
      ...tfBackends.map(([name, backend]) =>
        tfImpl(
          name,
          backend,
          () => {
            const xt = nhwcTensor(f32(x), x.shape);
            const ft = tfTransposedFilter(f32(weight), weight.shape);
            return () => tf.conv2dTranspose(xt, ft, [s.n, g.outH, g.outW, s.cout], s.s, s.p);
          },
          [s.n, g.outH, g.outW, s.cout],
        ),
      ),
      ...(await ortImpls(
        convTransposeModel(
          {
            x: x.shape,
            weight: { dims: weight.shape, values: f32(weight) },
            stride: [s.s, s.s],
            pads: [s.p, s.p, s.p, s.p],
            dilation: [1, 1],
            groups: 1,
            outputPadding: [s.op, s.op],
          },
          outShape,
        ),
        { X: { data: f32(x), dims: x.shape } },
      )),
    ],
  };
}

/** A peer's median ms by implementation name, undefined when it failed. */
export type PeerMs = (name: string) => number | undefined;
/** Whether the library's `m` ms is at most `times` x the peer's median (missing peers fail). */
const withinOf = (peerMs: PeerMs, name: string, m: number, times: number): boolean => {
  const peer = peerMs(name);
  return peer !== undefined && m <= times * peer;
};
const PEERS = ["tfjs-cpu", "tfjs-wasm", "ort-1t", "ort-2t"];
const ms = (limit: number) => (m: number) => m <= limit;
/** At most `limit` ms and at or ahead of onnxruntime's single thread. */
const msAheadOfOrt = (limit: number) => (m: number, _gf: number | undefined, peerMs: PeerMs) =>
  m <= limit && withinOf(peerMs, "ort-1t", m, 1);
/** Issue 7's W2-W4 target: >= 25 GFLOP/s, 10x tfjs-wasm, 30x tfjs-cpu, within 2.5x of onnxruntime's single thread. */
const convTarget = {
  text: ">= 25 GFLOP/s, >= 10x tfjs-wasm, >= 30x tfjs-cpu, <= 2.5x ort-1t",
  met: (m: number, gf: number | undefined, peerMs: PeerMs) =>
    (gf ?? 0) >= 25 &&
    withinOf(peerMs, "tfjs-wasm", m, 1 / 10) &&
    withinOf(peerMs, "tfjs-cpu", m, 1 / 30) &&
    withinOf(peerMs, "ort-1t", m, 2.5),
};

function resizeWorkload(id: "W5" | "W6", mode: "bilinear" | "nearest", limitMs: number): Workload {
  const title = RESIZE_TITLES[id];
  const [n, c, h, w] = RESIZE_SHAPE;
  const x = randn([n, c, h, w], { seed: RESIZE_SEED });
  const out = new Tensor(new Float32Array(n * c * 4 * h * w), [n, c, 2 * h, 2 * w]);
  const lib = (o?: Tensor) =>
    mode === "bilinear" ? upsampleBilinear(x, { scale: 2, out: o }) : upsampleNearest(x, { scale: 2, out: o });
  // The TypeScript kernels the public ops fall back to (no WebAssembly, or float64), on a fresh output.
  const taps = Array.from({ length: 2 * h }, (_, i) => linearTap(i, h, 2 * h, "half-pixel"));
  const tables = bilinearTables(taps, taps, w);
  const halves = Int32Array.from({ length: 2 * h }, (_, i) => i >> 1);
  const libTs = (): Tensor => {
    const y = new Tensor(new Float32Array(n * c * 4 * h * w), [n, c, 2 * h, 2 * w]);
    const src = readImageBatch("bench", x, "NCHW");
    const dst = readImageBatch("bench", y, "NCHW");
    if (mode === "bilinear") bilinearPlanesTs(src, dst, tables);
    else nearestPlanesTs(src, dst, halves, halves, 2);
    return y;
  };
  return {
    id,
    title,
    target: { text: `<= ${limitMs} ms, <= ort-1t`, met: msAheadOfOrt(limitMs) },
    reference: () => f32(lib()),
    impls: async () => [
      { name: "lib", run: () => lib(), check: (r) => f32(r as Tensor) },
      { name: "lib out=", run: () => lib(out), check: (r) => f32(r as Tensor) },
      { name: "lib TS", run: libTs, check: (r) => f32(r as Tensor) },
      ...tfBackends.map(([name, backend]) =>
        tfImpl(
          name,
          backend,
          () => {
            const xt = nhwcTensor(f32(x), x.shape);
            return mode === "bilinear"
              ? () => tf.image.resizeBilinear(xt, [2 * h, 2 * w], false, true)
              : () => tf.image.resizeNearestNeighbor(xt, [2 * h, 2 * w], false, false);
          },
          [n, 2 * h, 2 * w, c],
        ),
      ),
      ...(await ortImpls(
        mode === "bilinear"
          ? resizeModel(x.shape, [n, c, 2 * h, 2 * w], "linear", "half_pixel")
          : resizeModel(x.shape, [n, c, 2 * h, 2 * w], "nearest", "asymmetric", "floor"),
        { X: { data: f32(x), dims: x.shape } },
      )),
    ],
  };
}

/**
 * Bicubic x2 (PyTorch/ONNX: half-pixel, A = -0.75, edge taps) on 1x64x128x128, against the
 * library's own bilinear x2 and onnxruntime's cubic Resize in the same run (tfjs has no bicubic).
 */
function cubicWorkload(): Workload {
  const [n, c, h, w] = [1, 64, 128, 128];
  const x = randn([n, c, h, w], { seed: 22 });
  const out = new Tensor(new Float32Array(n * c * 4 * h * w), [n, c, 2 * h, 2 * w]);
  const lib = (o?: Tensor) => resize(x, { scale: 2, mode: "cubic", preset: "pytorch", out: o });
  return {
    id: "cubic",
    title: "bicubic x2 (half-pixel, A -0.75), 1x64x128x128",
    target: {
      text: "<= 2x lib bilinear, <= ort-1t",
      met: (m: number, _gf: number | undefined, peerMs: PeerMs) =>
        withinOf(peerMs, "lib bilinear", m, 2) && withinOf(peerMs, "ort-1t", m, 1),
    },
    reference: () => f32(lib()),
    impls: async () => [
      { name: "lib", run: () => lib(), check: (r) => f32(r as Tensor) },
      { name: "lib out=", run: () => lib(out), check: (r) => f32(r as Tensor) },
      // timed for the target: its result is checked against resize's linear mode here (and against
      // the peers in W5), then the cubic reference is handed on so the runner's cubic check passes
      {
        name: "lib bilinear",
        run: () => upsampleBilinear(x, { scale: 2 }),
        check: (r) => {
          if (!(r as Tensor).allClose(resize(x, { scale: 2, mode: "linear" })))
            throw new Error("lib bilinear differs from resize linear");
          return f32(lib());
        },
      },
      ...(await ortImpls(
        resizeModel19(x.shape, [n, c, 2 * h, 2 * w], {
          mode: "cubic",
          coordinateMode: "half_pixel",
          cubicCoeffA: -0.75,
          sizes: [n, c, 2 * h, 2 * w],
        }),
        { X: { data: f32(x), dims: x.shape } },
      )),
    ],
  };
}

function poolUnpoolWorkload(): Workload {
  const [n, c, h, w] = POOL_SHAPE;
  const x = randn([n, c, h, w], { seed: POOL_SEED });
  const lib = () => {
    const { values, indices } = maxPool2d(x, { kernelSize: 2 });
    return maxUnpool2d(values, indices, { kernelSize: 2 });
  };
  const pooledShape = [n, c, h / 2, w / 2];
  const valuesOut = new Tensor(new Float32Array(n * c * (h / 2) * (w / 2)), pooledShape);
  const indicesOut = new Tensor(new Float64Array(n * c * (h / 2) * (w / 2)), pooledShape);
  const unpoolOut = new Tensor(new Float32Array(n * c * h * w), [n, c, h, w]);
  const libOut = () => {
    const { values, indices } = maxPool2d(x, { kernelSize: 2, out: valuesOut, indicesOut });
    return maxUnpool2d(values, indices, { kernelSize: 2, out: unpoolOut });
  };
  // The TypeScript 2x2 pooling kernel the public op falls back to, then the public unpool.
  const libTs = () => {
    const values = new Tensor(new Float32Array(n * c * (h / 2) * (w / 2)), pooledShape);
    const indices = new Tensor(new Float64Array(values.size), pooledShape);
    const src = readImageBatch("bench", x, "NCHW");
    maxPool2x2Rows(src, readImageBatch("bench", values, "NCHW"), values.data, indices.data, h / 2, w / 2);
    return maxUnpool2d(values, indices, { kernelSize: 2 });
  };
  return {
    id: "W7",
    title: POOL_TITLE,
    target: { text: "<= 4 ms, <= ort-1t", met: msAheadOfOrt(4) },
    reference: () => f32(lib()),
    impls: async () => [
      { name: "lib", run: lib, check: (r) => f32(r as Tensor) },
      { name: "lib out=", run: libOut, check: (r) => f32(r as Tensor) },
      { name: "lib TS", run: libTs, check: (r) => f32(r as Tensor) },
      ...tfBackends.map(([name, backend]) =>
        tfImpl(
          name,
          backend,
          () => {
            const xt = nhwcTensor(f32(x), x.shape);
            // tfjs has no unpool: scatter the pooled values back at their flat NHWC argmax positions
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
      ),
      ...(await ortImpls(
        poolUnpoolModel({ x: x.shape, kernel: [2, 2], stride: [2, 2], pads: [0, 0, 0, 0], dilation: [1, 1], ceilMode: false }, [
          n,
          c,
          h / 2,
          w / 2,
        ]),
        { X: { data: f32(x), dims: x.shape } },
      )),
    ],
  };
}

function conv2dWorkload(): Workload {
  const [n, cin, h, w, cout, k] = [1, 256, 32, 32, 256, 3];
  const x = randn([n, cin, h, w], { seed: 41 });
  const weight = randn([cout, cin, k, k], { seed: 42 });
  const out = new Tensor(new Float32Array(n * cout * h * w), [n, cout, h, w]);
  return {
    id: "conv2d",
    title: "conv2d 3x3, 256->256, 32x32, padding 1",
    flops: 2 * n * cin * cout * h * w * k * k,
    reference: () => f32(conv2d(x, weight, { padding: 1 })),
    impls: async () => [
      { name: "lib", run: () => conv2d(x, weight, { padding: 1 }), check: (r) => f32(r as Tensor) },
      { name: "lib out=", run: () => conv2d(x, weight, { padding: 1, out }), check: (r) => f32(r as Tensor) },
      {
        name: "lib TS",
        run: () => {
          const { geometry } = resolveConv2d("bench", x, weight, undefined, 1, [1, 1], [1, 1], [1, 1, 1, 1]);
          const data = new Float32Array(out.data.length);
          conv2dData(x.data, weight.data, undefined, geometry, data);
          return data;
        },
        check: (r) => r as Float32Array,
      },
      {
        name: "lib wasm",
        run: () => {
          const { geometry } = resolveConv2d("bench", x, weight, undefined, 1, [1, 1], [1, 1], [1, 1, 1, 1]);
          const data = new Float32Array(out.data.length);
          if (!conv2dWasm(x.data, weight.data, undefined, geometry, data)) throw new Error("WebAssembly kernel declined");
          return data;
        },
        check: (r) => r as Float32Array,
      },
      ...tfBackends.map(([name, backend]) =>
        tfImpl(
          name,
          backend,
          () => {
            const xt = nhwcTensor(f32(x), x.shape);
            const ft = tfConvFilter(f32(weight), weight.shape);
            return () => tf.conv2d(xt, ft, 1, 1);
          },
          [n, h, w, cout],
        ),
      ),
      ...(await ortImpls(
        convModelBytes(
          {
            x: x.shape,
            weight: { dims: weight.shape, values: f32(weight) },
            stride: [1, 1],
            pads: [1, 1, 1, 1],
            dilation: [1, 1],
            groups: 1,
          },
          [n, cout, h, w],
        ),
        { X: { data: f32(x), dims: x.shape } },
      )),
    ],
  };
}

/** All workloads of issue 7 except the interactive case (see interactive.ts). */
export function workloads(): Workload[] {
  return [
    transposedWorkload({
      ...transposedShape("W1"),
      micro: true,
      target: {
        text: "<= 3 us/call, faster than every peer",
        met: (m: number, gf: number | undefined, peerMs: PeerMs) => ms(0.003)(m) && PEERS.every((p) => withinOf(peerMs, p, m, 1)),
      },
    }),
    transposedWorkload({
      ...transposedShape("W2"),
      target: convTarget,
    }),
    transposedWorkload({
      ...transposedShape("W3"),
      target: convTarget,
    }),
    transposedWorkload({
      ...transposedShape("W4"),
      target: convTarget,
    }),
    resizeWorkload("W5", "bilinear", 5),
    resizeWorkload("W6", "nearest", 3),
    cubicWorkload(),
    poolUnpoolWorkload(),
    conv2dWorkload(),
  ];
}
