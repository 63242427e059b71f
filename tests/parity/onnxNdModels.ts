// One-operator ONNX models for the parity tests of the 1-D/3-D convolutions and of the pooling
// options, written with the project's minimal model writer (bench/peers/onnx.ts). Output sizes
// are symbolic: only onnxruntime's kernel result is compared.
import { onnxModel, OnnxType, type AttributeValue, type OnnxValue } from "../../bench/peers/onnx";

/** A Conv or ConvTranspose node in any number of spatial axes (ONNX names; pads = begins then ends). */
export interface OnnxConvNdSpec {
  x: readonly number[];
  weight: { dims: readonly number[]; values: ArrayLike<number> };
  bias?: ArrayLike<number>;
  strides: number[];
  pads: number[];
  dilations: number[];
  group: number;
  outputPadding?: number[];
}

function symbolic(rank: number, first: readonly (number | string)[]): (number | string)[] {
  return [...first, ...Array.from({ length: rank }, (_, i) => `o${i}`)];
}

/** `Conv` or `ConvTranspose` with the weight (and bias) stored in the model; input X, output Y. */
export function convNdModel(op: "Conv" | "ConvTranspose", s: OnnxConvNdSpec): Uint8Array {
  const rank = s.x.length - 2;
  const attributes: Record<string, AttributeValue> = {
    kernel_shape: [...s.weight.dims.slice(2)],
    strides: s.strides,
    pads: s.pads,
    dilations: s.dilations,
    group: s.group,
  };
  if (s.outputPadding) attributes.output_padding = s.outputPadding;
  const inputs = ["X", "W"];
  const initializers = [{ name: "W", type: OnnxType.FLOAT, dims: [...s.weight.dims], values: s.weight.values }];
  if (s.bias) {
    inputs.push("B");
    initializers.push({ name: "B", type: OnnxType.FLOAT, dims: [s.bias.length], values: s.bias });
  }
  return onnxModel({
    nodes: [{ opType: op, inputs, outputs: ["Y"], attributes }],
    inputs: [{ name: "X", type: OnnxType.FLOAT, shape: [...s.x] }],
    outputs: [{ name: "Y", type: OnnxType.FLOAT, shape: symbolic(rank, ["n", "c"]) }],
    initializers,
  });
}

/** A MaxPool or AveragePool node; `pads` are begins then ends, or `autoPad` replaces them. */
export interface OnnxPoolNdSpec {
  x: readonly number[];
  kernel: number[];
  strides: number[];
  pads?: number[];
  autoPad?: "SAME_UPPER" | "SAME_LOWER" | "VALID";
  dilations?: number[];
  ceilMode: boolean;
  /** MaxPool: 0 row-major indices, 1 column-major. */
  storageOrder?: number;
  /** AveragePool: count the padding in the divisor. */
  countIncludePad?: boolean;
  /** Opset (default 17; AveragePool takes dilations from 19). */
  opset?: number;
}

/** MaxPool with outputs Y (values) and I (int64 indices), or AveragePool with output Y. */
export function poolNdModel(op: "MaxPool" | "AveragePool", s: OnnxPoolNdSpec): Uint8Array {
  const rank = s.x.length - 2;
  const attributes: Record<string, AttributeValue> = {
    kernel_shape: s.kernel,
    strides: s.strides,
    ceil_mode: s.ceilMode ? 1 : 0,
  };
  if (s.pads) attributes.pads = s.pads;
  if (s.autoPad) attributes.auto_pad = s.autoPad;
  if (s.dilations) attributes.dilations = s.dilations;
  if (s.storageOrder !== undefined) attributes.storage_order = s.storageOrder;
  if (s.countIncludePad !== undefined) attributes.count_include_pad = s.countIncludePad ? 1 : 0;
  const shape = symbolic(rank, [s.x[0], s.x[1]]);
  const outputs: OnnxValue[] = [{ name: "Y", type: OnnxType.FLOAT, shape }];
  if (op === "MaxPool") outputs.push({ name: "I", type: OnnxType.INT64, shape });
  return onnxModel({
    nodes: [{ opType: op, inputs: ["X"], outputs: outputs.map((o) => o.name), attributes }],
    inputs: [{ name: "X", type: OnnxType.FLOAT, shape: [...s.x] }],
    outputs,
    opset: s.opset,
  });
}

/** MaxUnpool of values X at int64 indices I (whole-tensor, ONNX's) into `outShape`, any number of spatial axes. */
export function maxUnpoolNdModel(
  valuesShape: readonly number[],
  kernel: number[],
  strides: number[],
  pads: number[],
  outShape: readonly number[],
): Uint8Array {
  return onnxModel({
    nodes: [
      { opType: "MaxUnpool", inputs: ["X", "I", "shape"], outputs: ["Y"], attributes: { kernel_shape: kernel, strides, pads } },
    ],
    inputs: [
      { name: "X", type: OnnxType.FLOAT, shape: [...valuesShape] },
      { name: "I", type: OnnxType.INT64, shape: [...valuesShape] },
    ],
    outputs: [{ name: "Y", type: OnnxType.FLOAT, shape: [...outShape] }],
    initializers: [{ name: "shape", type: OnnxType.INT64, dims: [outShape.length], values: outShape }],
  });
}
