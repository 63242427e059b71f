/**
 * One-operator ONNX models for the operations the library implements, and a small
 * onnxruntime-node session wrapper. Shapes are fixed per model (one session per shape).
 * ONNX semantics are PyTorch's: NCHW, ConvTranspose weight (in, out/group, kh, kw), pads
 * [top, left, bottom, right], MaxPool indices flat over the whole NCHW tensor.
 */
import * as ort from "onnxruntime-node";
import { float, onnxModel, OnnxType, type AttributeValue } from "./onnx";

/** Parameters of a (transposed) convolution node, PyTorch names. */
export interface OnnxConvSpec {
  x: readonly number[]; // [N, C, H, W]
  weight: { dims: readonly number[]; values: ArrayLike<number> };
  bias?: ArrayLike<number>;
  stride: [number, number];
  pads: [number, number, number, number]; // top, left, bottom, right
  dilation: [number, number];
  groups: number;
  outputPadding?: [number, number]; // ConvTranspose only
}

function convModel(op: "Conv" | "ConvTranspose", s: OnnxConvSpec, outShape: readonly number[]): Uint8Array {
  const [kh, kw] = [s.weight.dims[2], s.weight.dims[3]];
  const attributes: Record<string, AttributeValue> = {
    kernel_shape: [kh, kw],
    strides: s.stride,
    // ONNX pads order: [x1_begin, x2_begin, x1_end, x2_end] = [top, left, bottom, right]
    pads: s.pads,
    dilations: s.dilation,
    group: s.groups,
  };
  if (op === "ConvTranspose" && s.outputPadding) attributes.output_padding = s.outputPadding;
  const inputs = ["X", "W"];
  const initializers = [{ name: "W", type: OnnxType.FLOAT, dims: [...s.weight.dims], values: s.weight.values }];
  if (s.bias) {
    inputs.push("B");
    initializers.push({ name: "B", type: OnnxType.FLOAT, dims: [s.bias.length], values: s.bias });
  }
  return onnxModel({
    nodes: [{ opType: op, inputs, outputs: ["Y"], attributes }],
    inputs: [{ name: "X", type: OnnxType.FLOAT, shape: [...s.x] }],
    outputs: [{ name: "Y", type: OnnxType.FLOAT, shape: [...outShape] }],
    initializers,
  });
}

/** ConvTranspose with weight (and bias) stored in the model; input X. */
export function convTransposeModel(s: OnnxConvSpec, outShape: readonly number[]): Uint8Array {
  return convModel("ConvTranspose", s, outShape);
}

/** Conv with weight (and bias) stored in the model; input X. */
export function convModelBytes(s: OnnxConvSpec, outShape: readonly number[]): Uint8Array {
  return convModel("Conv", s, outShape);
}

/** ONNX Resize coordinate_transformation_mode names for the library's coordinate conventions. */
export const ONNX_COORDINATE_MODE = {
  "half-pixel": "half_pixel",
  "align-corners": "align_corners",
  asymmetric: "asymmetric",
} as const;

/** Resize (opset 17) to `sizes`; for nearest, `nearestMode` picks the rounding ('floor' = index = floor(src)). */
export function resizeModel(
  x: readonly number[],
  sizes: readonly number[],
  mode: "linear" | "nearest",
  coordinateMode: string,
  nearestMode = "floor",
): Uint8Array {
  const attributes: Record<string, AttributeValue> = { mode, coordinate_transformation_mode: coordinateMode };
  if (mode === "nearest") attributes.nearest_mode = nearestMode;
  if (coordinateMode === "tf_crop_and_resize") attributes.extrapolation_value = float(0);
  return onnxModel({
    nodes: [{ opType: "Resize", inputs: ["X", "", "", "sizes"], outputs: ["Y"], attributes }],
    inputs: [{ name: "X", type: OnnxType.FLOAT, shape: [...x] }],
    outputs: [{ name: "Y", type: OnnxType.FLOAT, shape: [...sizes] }],
    initializers: [{ name: "sizes", type: OnnxType.INT64, dims: [4], values: sizes }],
  });
}

/** Every attribute of ONNX Resize (opset 19) except roi, axes and keep_aspect_ratio_policy. */
export interface OnnxResizeSpec {
  mode: "nearest" | "linear" | "cubic";
  coordinateMode: string;
  nearestMode?: string;
  cubicCoeffA?: number;
  excludeOutside?: boolean;
  antialias?: boolean;
  /** Scales of every axis (N and C included), or */
  scales?: readonly number[];
  /** sizes of every axis. */
  sizes?: readonly number[];
}

/**
 * Resize with `scales` or `sizes` stored in the model; input X, output Y of shape `out`. Opset 19 by
 * default; opset 11 for `tf_half_pixel_for_nn` (removed from the operator at opset 13), where roi
 * and scales are required inputs (given empty) and there is no antialias.
 */
export function resizeModel19(x: readonly number[], out: readonly number[], s: OnnxResizeSpec, opset = 19): Uint8Array {
  const attributes: Record<string, AttributeValue> = {
    mode: s.mode,
    coordinate_transformation_mode: s.coordinateMode,
    nearest_mode: s.nearestMode ?? "round_prefer_floor",
    cubic_coeff_a: float(s.cubicCoeffA ?? -0.75),
    exclude_outside: s.excludeOutside ? 1 : 0,
  };
  if (opset >= 18) attributes.antialias = s.antialias ? 1 : 0;
  const scales = { name: "scales", type: OnnxType.FLOAT, dims: [(s.scales ?? []).length], values: s.scales ?? [] };
  const sizes = { name: "sizes", type: OnnxType.INT64, dims: [(s.sizes ?? []).length], values: s.sizes ?? [] };
  const roi = { name: "roi", type: OnnxType.FLOAT, dims: [0], values: [] };
  const old = opset < 13;
  const inputs = s.scales ? ["X", old ? "roi" : "", "scales"] : ["X", old ? "roi" : "", old ? "scales" : "", "sizes"];
  const initializers = s.scales ? [scales] : old ? [scales, sizes] : [sizes];
  return onnxModel({
    nodes: [{ opType: "Resize", inputs, outputs: ["Y"], attributes }],
    inputs: [{ name: "X", type: OnnxType.FLOAT, shape: [...x] }],
    outputs: [{ name: "Y", type: OnnxType.FLOAT, shape: [...out] }],
    initializers: old ? [roi, ...initializers] : initializers,
    opset,
  });
}

/** DepthToSpace (mode 'DCR' or 'CRD') or SpaceToDepth, opset 13; input X, output Y of shape `out`. */
export function depthToSpaceModel(
  op: "DepthToSpace" | "SpaceToDepth",
  x: readonly number[],
  out: readonly number[],
  blockSize: number,
  mode = "DCR",
): Uint8Array {
  const attributes: Record<string, AttributeValue> = { blocksize: blockSize };
  if (op === "DepthToSpace") attributes.mode = mode;
  return onnxModel({
    nodes: [{ opType: op, inputs: ["X"], outputs: ["Y"], attributes }],
    inputs: [{ name: "X", type: OnnxType.FLOAT, shape: [...x] }],
    outputs: [{ name: "Y", type: OnnxType.FLOAT, shape: [...out] }],
  });
}

/** Parameters of a 2-D max-pool (PyTorch names). */
export interface OnnxPoolSpec {
  x: readonly number[];
  kernel: [number, number];
  stride: [number, number];
  pads: [number, number, number, number];
  dilation: [number, number];
  ceilMode: boolean;
}

function poolAttributes(s: OnnxPoolSpec): Record<string, AttributeValue> {
  return {
    kernel_shape: s.kernel,
    strides: s.stride,
    pads: s.pads,
    dilations: s.dilation,
    ceil_mode: s.ceilMode ? 1 : 0,
  };
}

/**
 * MaxPool with both outputs: Y (values) and I (int64 indices flat over NCHW). The output sizes are
 * left symbolic: in ceil mode ONNX's shape inference and onnxruntime's kernel (PyTorch's rule: the
 * last window must start inside the input) can disagree, and only the kernel's result matters.
 */
export function maxPoolModel(s: OnnxPoolSpec): Uint8Array {
  const out = [s.x[0], s.x[1], "oh", "ow"];
  return onnxModel({
    nodes: [{ opType: "MaxPool", inputs: ["X"], outputs: ["Y", "I"], attributes: poolAttributes(s) }],
    inputs: [{ name: "X", type: OnnxType.FLOAT, shape: [...s.x] }],
    outputs: [
      { name: "Y", type: OnnxType.FLOAT, shape: out },
      { name: "I", type: OnnxType.INT64, shape: out },
    ],
  });
}

/** MaxUnpool of values X at int64 indices I (flat over NCHW) into `outShape` (given explicitly). */
export function maxUnpoolModel(
  valuesShape: readonly number[],
  s: Omit<OnnxPoolSpec, "x" | "dilation" | "ceilMode">,
  outShape: readonly number[],
): Uint8Array {
  return onnxModel({
    nodes: [
      {
        opType: "MaxUnpool",
        inputs: ["X", "I", "shape"],
        outputs: ["Y"],
        attributes: { kernel_shape: s.kernel, strides: s.stride, pads: s.pads },
      },
    ],
    inputs: [
      { name: "X", type: OnnxType.FLOAT, shape: [...valuesShape] },
      { name: "I", type: OnnxType.INT64, shape: [...valuesShape] },
    ],
    outputs: [{ name: "Y", type: OnnxType.FLOAT, shape: [...outShape] }],
    initializers: [{ name: "shape", type: OnnxType.INT64, dims: [4], values: outShape }],
  });
}

/** MaxPool (with indices) followed by MaxUnpool in one graph: the W7 workload. */
export function poolUnpoolModel(s: OnnxPoolSpec, pooledShape: readonly number[]): Uint8Array {
  return onnxModel({
    nodes: [
      { opType: "MaxPool", inputs: ["X"], outputs: ["V", "I"], attributes: poolAttributes(s) },
      {
        opType: "MaxUnpool",
        inputs: ["V", "I", "shape"],
        outputs: ["Y"],
        attributes: { kernel_shape: s.kernel, strides: s.stride, pads: s.pads },
      },
    ],
    inputs: [{ name: "X", type: OnnxType.FLOAT, shape: [...s.x] }],
    outputs: [
      { name: "Y", type: OnnxType.FLOAT, shape: [...s.x] },
      { name: "V", type: OnnxType.FLOAT, shape: [...pooledShape] },
      { name: "I", type: OnnxType.INT64, shape: [...pooledShape] },
    ],
    initializers: [{ name: "shape", type: OnnxType.INT64, dims: [4], values: s.x }],
  });
}

/** A loaded model with a fixed number of intra-op threads. */
export class OrtModel {
  private constructor(private readonly session: ort.InferenceSession) {}

  /** Loads model bytes; `threads` intra-op threads, sequential execution, all graph optimisations. */
  static async load(bytes: Uint8Array, threads = 1): Promise<OrtModel> {
    const session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: "sequential",
      graphOptimizationLevel: "all",
      // errors only: ceil-mode MaxPool makes onnxruntime warn that ONNX's inferred shape differs from its kernel's
      logSeverityLevel: 3,
    });
    return new OrtModel(session);
  }

  /** Runs with float32 inputs (and int64 inputs given as BigInt64Array); returns the outputs' data. */
  async run(
    feeds: Record<string, { data: Float32Array | BigInt64Array; dims: readonly number[] }>,
  ): Promise<Record<string, Float32Array | BigInt64Array>> {
    const tensors: Record<string, ort.Tensor> = {};
    for (const [name, f] of Object.entries(feeds)) {
      tensors[name] =
        f.data instanceof BigInt64Array ? new ort.Tensor("int64", f.data, f.dims) : new ort.Tensor("float32", f.data, f.dims);
    }
    const result = await this.session.run(tensors);
    const out: Record<string, Float32Array | BigInt64Array> = {};
    for (const [name, t] of Object.entries(result)) out[name] = t.data as Float32Array | BigInt64Array;
    return out;
  }

  /** Frees the native session. */
  async release(): Promise<void> {
    await this.session.release();
  }
}
