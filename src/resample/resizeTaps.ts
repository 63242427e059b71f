/**
 * The per-axis arithmetic of `resize`, written from the ONNX Resize specification (opset 19):
 * where an output index reads from (the coordinate transforms), which input indices it reads and
 * with which weights (nearest rounding, linear, cubic, lanczos and area kernels, antialias,
 * exclude-outside). Each axis gets a table of taps; `resize` applies the tables one axis at a time.
 */

/** Interpolation of `resize`: ONNX's three modes plus TF/Keras's `area`, `lanczos3` and `lanczos5`. */
export type ResizeMode = "nearest" | "linear" | "cubic" | "area" | "lanczos3" | "lanczos5";

/**
 * How an output index `x` maps to an input coordinate (ONNX `coordinate_transformation_mode`),
 * with `scale` the scale of the axis (given, or out/in), `out`/`in` the axis lengths:
 * - `'half-pixel'`: `(x + 0.5) / scale - 0.5` (PyTorch `align_corners=False`, TF2, Keras, ONNX default);
 * - `'pytorch-half-pixel'`: the same, but `0` when `out == 1` (ONNX's name for an old PyTorch export);
 * - `'align-corners'`: `x * (in - 1) / (out - 1)`, `0` when `out == 1`;
 * - `'asymmetric'`: `x / scale` (PyTorch `'nearest'`, TF1 without `align_corners`);
 * - `'tf-half-pixel-for-nn'`: `(x + 0.5) / scale` (TF `half_pixel_centers` for nearest);
 * - `'half-pixel-symmetric'`: half-pixel moved so the centre of the input maps to the centre of the
 *   output: `in/2 * (1 - out / (scale * in)) + (x + 0.5) / scale - 0.5` (differs when `out != in * scale`).
 */
export type CoordinateTransform =
  "half-pixel" | "pytorch-half-pixel" | "align-corners" | "asymmetric" | "tf-half-pixel-for-nn" | "half-pixel-symmetric";

/** The coordinate transforms accepted by `resize`. */
export const COORDINATE_TRANSFORMS: readonly CoordinateTransform[] = [
  "half-pixel",
  "pytorch-half-pixel",
  "align-corners",
  "asymmetric",
  "tf-half-pixel-for-nn",
  "half-pixel-symmetric",
];

/**
 * How `'nearest'` turns a fractional coordinate into an index (ONNX `nearest_mode`): `'floor'`,
 * `'ceil'`, or rounding with ties `.5` going down (`'round-prefer-floor'`, the ONNX default) or up
 * (`'round-prefer-ceil'`, TF1 `align_corners=True` and TF.js). The index is then clamped to the axis.
 */
export type NearestRounding = "floor" | "ceil" | "round-prefer-floor" | "round-prefer-ceil";

/** The nearest roundings accepted by `resize`. */
export const NEAREST_ROUNDINGS: readonly NearestRounding[] = ["floor", "ceil", "round-prefer-floor", "round-prefer-ceil"];

/** Everything that decides one axis's taps (the parsed options of `resize`). */
export interface AxisRule {
  mode: ResizeMode;
  coordinates: CoordinateTransform;
  rounding: NearestRounding;
  /** The cubic coefficient `A` (ONNX `cubic_coeff_a`). */
  cubicCoefficient: number;
  /** Taps outside the axis get weight 0 and the rest are renormalised (else they read the edge value). */
  excludeOutside: boolean;
  /** When the axis shrinks (`scale < 1`), widen the linear/cubic/lanczos kernel by `1 / scale`. */
  antialias: boolean;
  /**
   * `'area'`'s bins: `'overlap'` (TF, Keras: each input weighted by its overlap with
   * `[o / scale, (o + 1) / scale)`) or `'adaptive'` (PyTorch: the plain mean of inputs
   * `floor(o * in / out) .. ceil((o + 1) * in / out) - 1`, adaptive average pooling).
   */
  areaBins: "overlap" | "adaptive";
}

/** The taps of one axis: output index `o` reads `index[o * width + k]` with weight `weight[o * width + k]`. */
export interface AxisTaps {
  inLength: number;
  outLength: number;
  /** Taps per output index (unused taps have weight 0 and a valid index). */
  width: number;
  index: Int32Array;
  weight: Float64Array;
}

/** The input coordinate that output index `x` maps to (see {@link CoordinateTransform}). */
export function sourceCoordinate(
  transform: CoordinateTransform,
  x: number,
  scale: number,
  outLength: number,
  inLength: number,
): number {
  switch (transform) {
    case "half-pixel":
      return (x + 0.5) / scale - 0.5;
    case "pytorch-half-pixel":
      return outLength > 1 ? (x + 0.5) / scale - 0.5 : 0;
    case "align-corners":
      return outLength === 1 ? 0 : (x * (inLength - 1)) / (outLength - 1);
    case "asymmetric":
      return x / scale;
    case "tf-half-pixel-for-nn":
      return (x + 0.5) / scale;
    case "half-pixel-symmetric": {
      const adjustment = outLength / (scale * inLength);
      const offset = (inLength / 2) * (1 - adjustment);
      return offset + (x + 0.5) / scale - 0.5;
    }
  }
}

/**
 * How close (relative to 1) a coordinate must be to a whole or half number to count as one for
 * `'nearest'`: the transforms are rational in the sizes and scales, so a coordinate that is
 * exactly 3 or 2.5 can come out of floating point as 2.9999999999999996, and floor or rounding
 * would then pick the wrong pixel.
 */
export const NEAREST_SNAP = 1e-9;

/** The input index `'nearest'` picks for coordinate `x` under `rounding`, clamped to `[0, inLength)`. */
export function nearestIndex(coordinate: number, rounding: NearestRounding, inLength: number): number {
  const tolerance = NEAREST_SNAP * Math.max(1, Math.abs(coordinate));
  const twice = Math.round(2 * coordinate);
  const x = Math.abs(2 * coordinate - twice) <= 2 * tolerance ? twice / 2 : coordinate;
  const f = Math.floor(x);
  let i: number;
  if (x === f) i = x;
  else if (rounding === "floor") i = f;
  else if (rounding === "ceil") i = f + 1;
  else if (rounding === "round-prefer-floor") i = x - f <= 0.5 ? f : f + 1;
  else i = x - f < 0.5 ? f : f + 1;
  return Math.min(Math.max(i, 0), inLength - 1);
}

/** The cubic convolution kernel with coefficient `a` (Keys 1981; `a = -0.5` Keys, `-0.75` PyTorch/ONNX). */
export function cubicKernel(d: number, a: number): number {
  const x = Math.abs(d);
  if (x <= 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0;
}

/** The Lanczos kernel with `lobes` lobes: `sinc(d) * sinc(d / lobes)` inside `|d| < lobes`, else 0. */
export function lanczosKernel(d: number, lobes: number): number {
  const x = Math.abs(d);
  if (x >= lobes) return 0;
  if (x < 1e-12) return 1;
  const px = Math.PI * x;
  return (lobes * Math.sin(px) * Math.sin(px / lobes)) / (px * px);
}

/** The triangle (linear interpolation) kernel `max(0, 1 - |d|)`. */
export function triangleKernel(d: number): number {
  return Math.max(0, 1 - Math.abs(d));
}

/** Half-width of the kernel of a continuous mode (linear 1, cubic 2, lanczos 3 or 5). */
function kernelRadius(mode: ResizeMode): number {
  return mode === "linear" ? 1 : mode === "cubic" ? 2 : mode === "lanczos3" ? 3 : 5;
}

function kernelValue(mode: ResizeMode, d: number, a: number): number {
  if (mode === "linear") return triangleKernel(d);
  if (mode === "cubic") return cubicKernel(d, a);
  return lanczosKernel(d, mode === "lanczos3" ? 3 : 5);
}

/**
 * The taps of one axis resized `inLength -> outLength` with `scale` (the given scale, or
 * `outLength / inLength` when a size was given) under `rule`.
 *
 * Continuous modes follow ONNX: with `f` the largest integer below the coordinate `x`
 * (`x - 1` when `x` is whole) and `ratio = x - f` in `(0, 1]`, the taps are `f + i` for
 * `i = start .. 1 - start`, `start = floor(-radius / k) + 1`, with weights `K(k * (i - ratio))`,
 * where `k = min(scale, 1)` with antialias and 1 without. Antialias weights (and lanczos's, as TF)
 * are normalised to sum 1. Taps outside the axis read the edge value, or with `excludeOutside`
 * get weight 0 and the rest are renormalised. `'area'` averages the input interval
 * `[o / scale, (o + 1) / scale)` that output index `o` covers, each input weighted by its overlap (TF),
 * or with `areaBins: 'adaptive'` the integer bin PyTorch's adaptive average pooling uses.
 */
export function axisTaps(inLength: number, outLength: number, scale: number, rule: AxisRule): AxisTaps {
  if (rule.mode === "nearest") {
    const index = new Int32Array(outLength);
    for (let o = 0; o < outLength; o++) {
      index[o] = nearestIndex(sourceCoordinate(rule.coordinates, o, scale, outLength, inLength), rule.rounding, inLength);
    }
    return { inLength, outLength, width: 1, index, weight: new Float64Array(outLength).fill(1) };
  }
  if (rule.mode === "area") {
    return rule.areaBins === "adaptive" ? adaptiveAreaTaps(inLength, outLength) : areaTaps(inLength, outLength, scale);
  }
  const k = rule.antialias ? Math.min(scale, 1) : 1;
  const radius = kernelRadius(rule.mode);
  const start = Math.floor(-radius / k) + 1;
  const width = 2 - 2 * start;
  const normalise = rule.antialias || rule.mode === "lanczos3" || rule.mode === "lanczos5";
  const index = new Int32Array(outLength * width);
  const weight = new Float64Array(outLength * width);
  for (let o = 0; o < outLength; o++) {
    const x = sourceCoordinate(rule.coordinates, o, scale, outLength, inLength);
    const f = Number.isInteger(x) ? x - 1 : Math.floor(x);
    const ratio = x - f;
    let sum = 0;
    let kept = 0;
    for (let i = 0; i < width; i++) {
      const w = kernelValue(rule.mode, k * (start + i - ratio), rule.cubicCoefficient);
      weight[o * width + i] = w;
      sum += w;
    }
    for (let i = 0; i < width; i++) {
      const j = f + start + i;
      const inside = j >= 0 && j < inLength;
      let w = normalise ? weight[o * width + i] / sum : weight[o * width + i];
      if (rule.excludeOutside && !inside) w = 0;
      weight[o * width + i] = w;
      kept += w;
      index[o * width + i] = Math.min(Math.max(j, 0), inLength - 1);
    }
    if (rule.excludeOutside) {
      for (let i = 0; i < width; i++) weight[o * width + i] /= kept;
    }
  }
  return { inLength, outLength, width, index, weight };
}

/** TF's area resize of one axis: output `o` averages `[o / scale, (o + 1) / scale)` by overlap. */
function areaTaps(inLength: number, outLength: number, scale: number): AxisTaps {
  const step = 1 / scale;
  const width = Math.ceil(step) + 1;
  const index = new Int32Array(outLength * width);
  const weight = new Float64Array(outLength * width);
  for (let o = 0; o < outLength; o++) {
    const lo = o * step;
    const hi = (o + 1) * step;
    const first = Math.floor(lo);
    for (let i = 0; i < width; i++) {
      const j = first + i;
      const overlap = Math.max(0, Math.min(j + 1, hi) - Math.max(j, lo));
      index[o * width + i] = Math.min(j, inLength - 1);
      weight[o * width + i] = overlap / step;
    }
  }
  return { inLength, outLength, width, index, weight };
}

/** PyTorch's area resize of one axis (adaptive average pooling): output `o` is the mean of its integer bin. */
function adaptiveAreaTaps(inLength: number, outLength: number): AxisTaps {
  const start = (o: number): number => Math.floor((o * inLength) / outLength);
  const end = (o: number): number => Math.ceil(((o + 1) * inLength) / outLength);
  let width = 1;
  for (let o = 0; o < outLength; o++) width = Math.max(width, end(o) - start(o));
  const index = new Int32Array(outLength * width);
  const weight = new Float64Array(outLength * width);
  for (let o = 0; o < outLength; o++) {
    const [a, b] = [start(o), end(o)];
    for (let i = 0; i < width; i++) {
      index[o * width + i] = Math.min(a + i, inLength - 1);
      weight[o * width + i] = a + i < b ? 1 / (b - a) : 0;
    }
  }
  return { inLength, outLength, width, index, weight };
}
