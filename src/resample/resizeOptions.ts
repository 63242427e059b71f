/**
 * The options of `resize`, the framework presets, and their validation: what each framework's
 * resize call computes, spelled out in ONNX Resize's terms.
 */
import { checkOptionNames, describe } from "../args";
import {
  type AxisRule,
  type CoordinateTransform,
  type NearestRounding,
  type ResizeMode,
  COORDINATE_TRANSFORMS,
  NEAREST_ROUNDINGS,
} from "./resizeTaps";
import type { Tensor } from "../tensor";

/**
 * Framework presets: the defaults of each framework's resize call (explicit options win).
 *
 * - `'onnx'` (the default): ONNX Resize's defaults: `'half-pixel'`, `'round-prefer-floor'`,
 *   cubic coefficient -0.75, outside taps read the edge, no antialias.
 * - `'pytorch'`: `F.interpolate` / `nn.Upsample` with `align_corners=False`: `'nearest'` is
 *   `'asymmetric'` + `'floor'` (`src = floor(dst * in / out)`, which shifts the image by up to half
 *   a pixel when shrinking; PyTorch 1.11 added `'nearest-exact'` = `'half-pixel'` +
 *   `'round-prefer-ceil'` = `floor((dst + 0.5) * in / out)` to fix it; pass `mode: 'nearest-exact'`);
 *   linear/cubic are `'half-pixel'` with -0.75. (PyTorch computes half-pixel also for an output of
 *   length 1; ONNX's `'pytorch-half-pixel'` returns 0 there.) PyTorch's `antialias=True` excludes
 *   outside taps and its antialiased bicubic uses -0.5 (PIL's filter). Its `'area'` is adaptive average
 *   pooling (the plain mean of integer bins), not TF's overlap-weighted area.
 * - `'keras'`: Keras 3 `UpSampling2D` / `Resizing` and TF2 `tf.image.resize`: `'half-pixel'`
 *   everywhere; `'nearest'` is `'tf-half-pixel-for-nn'` + `'floor'`; bicubic uses -0.5 with outside
 *   taps excluded (Keys); `'area'`, `'lanczos3'`, `'lanczos5'` as TF.
 * - `'tf1'`: `tf.compat.v1.image.resize_*` with `align_corners=False, half_pixel_centers=False`:
 *   `'asymmetric'`, nearest `'floor'`, bicubic -0.75 with edge taps. (With `align_corners=True`:
 *   `coordinates: 'align-corners'`, nearest rounds ties up: `'round-prefer-ceil'`.)
 */
export type ResizePreset = "onnx" | "pytorch" | "keras" | "tf1";

/** The presets accepted by `resize`. */
export const RESIZE_PRESETS: readonly ResizePreset[] = ["onnx", "pytorch", "keras", "tf1"];

/** Modes accepted by `resize`: the interpolations plus PyTorch's name `'nearest-exact'`. */
export type ResizeModeName = ResizeMode | "nearest-exact";

const MODE_NAMES: readonly ResizeModeName[] = ["nearest", "nearest-exact", "linear", "cubic", "area", "lanczos3", "lanczos5"];

/** Where the channels are: `'channels-first'` (N, C, ...spatial; PyTorch, ONNX) or `'channels-last'` (TF, Keras). */
export type ChannelLayout = "channels-first" | "channels-last";

/** Options of `resize`. */
export interface ResizeOptions {
  /** Output scale per spatial axis (one number for all, or one per axis); fractional allowed, output = floor(in * scale). */
  scale?: number | readonly number[];
  /** Output size per spatial axis (one number for all, or one per axis). Give `scale` or `size`, not both. */
  size?: number | readonly number[];
  /** Interpolation; `'linear'` is bilinear in 2-D and trilinear in 3-D. Default `'nearest'` (as ONNX). */
  mode?: ResizeModeName;
  /** Framework whose defaults fill the options not given (default `'onnx'`). */
  preset?: ResizePreset;
  /** Coordinate transform (see `CoordinateTransform`). */
  coordinates?: CoordinateTransform;
  /** Rounding of `'nearest'`. */
  rounding?: NearestRounding;
  /** Cubic coefficient `A`: -0.75 (PyTorch, ONNX), -0.5 (TF, Keras). */
  cubicCoefficient?: number;
  /** Give outside taps weight 0 and renormalise instead of reading the edge pixel. */
  excludeOutside?: boolean;
  /** Widen the kernel when shrinking (linear, cubic, lanczos): TF/PyTorch `antialias=True`, ONNX `antialias=1`. */
  antialias?: boolean;
  /** `'channels-first'` (default) or `'channels-last'`; `'NCHW'`/`'NHWC'` are accepted for 4-D inputs. */
  layout?: ChannelLayout | "NCHW" | "NHWC";
  /** Preallocated output of the right shape and dtype; filled and returned. */
  out?: Tensor;
}

const OPTION_NAMES = [
  "scale",
  "size",
  "mode",
  "preset",
  "coordinates",
  "rounding",
  "cubicCoefficient",
  "excludeOutside",
  "antialias",
  "layout",
  "out",
] as const;

/** The options of `resize` after validation and presets. */
export interface ParsedResize {
  rule: AxisRule;
  channelsLast: boolean;
  /** Given scales per spatial axis, or undefined when a size was given. */
  scale: number[] | undefined;
  size: number[] | undefined;
}

function presetRule(preset: ResizePreset, mode: ResizeMode, exact: boolean): Omit<AxisRule, "mode"> {
  const base: Omit<AxisRule, "mode"> = {
    coordinates: "half-pixel",
    rounding: "round-prefer-floor",
    cubicCoefficient: -0.75,
    excludeOutside: false,
    antialias: false,
    areaBins: preset === "pytorch" ? "adaptive" : "overlap",
  };
  if (exact) return { ...base, rounding: "round-prefer-ceil" };
  const lanczos = mode === "lanczos3" || mode === "lanczos5";
  if (preset === "pytorch") {
    return mode === "nearest" ? { ...base, coordinates: "asymmetric", rounding: "floor" } : base;
  }
  if (preset === "keras") {
    if (mode === "nearest") return { ...base, coordinates: "tf-half-pixel-for-nn", rounding: "floor" };
    return { ...base, cubicCoefficient: -0.5, excludeOutside: mode === "cubic" || lanczos };
  }
  if (preset === "tf1") return { ...base, coordinates: "asymmetric", rounding: "floor", excludeOutside: lanczos };
  return { ...base, excludeOutside: lanczos };
}

function oneOf<T extends string>(fn: string, name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) {
    throw new TypeError(`${fn}: ${name} must be ${allowed.map((v) => `'${v}'`).join(", ")}, got ${describe(value)}`);
  }
  return value as T;
}

function optionalBoolean(fn: string, name: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== "boolean") {
    throw new TypeError(`${fn}: ${name} must be true or false, got ${describe(value)}`);
  }
  return value;
}

/** One number for every axis, or one per axis; each checked by `ok`. */
function perAxis(fn: string, name: string, value: unknown, axes: number, ok: (v: number) => boolean, allowed: string): number[] {
  const text = `${allowed}, or an array of ${axes} of them (one per spatial axis)`;
  if (typeof value === "number") {
    if (!ok(value)) throw new RangeError(`${fn}: ${name} must be ${text}, got ${describe(value)}`);
    return Array.from({ length: axes }, () => value);
  }
  if (!Array.isArray(value) || value.length !== axes) {
    throw new TypeError(`${fn}: ${name} must be ${text}, got ${describe(value)}`);
  }
  if (!value.every((v) => typeof v === "number" && ok(v))) {
    throw new RangeError(`${fn}: ${name} must be ${text}, got ${describe(value)}`);
  }
  return value as number[];
}

/** Validates the options of `resize` for an input with `axes` spatial axes and applies the preset. */
export function parseResizeOptions(fn: string, options: ResizeOptions | undefined, axes: number, rank: number): ParsedResize {
  checkOptionNames(fn, options, OPTION_NAMES);
  const o = options ?? {};
  const modeName = oneOf(fn, "mode", o.mode, MODE_NAMES) ?? "nearest";
  const exact = modeName === "nearest-exact";
  const mode: ResizeMode = exact ? "nearest" : (modeName as ResizeMode);
  const preset = oneOf(fn, "preset", o.preset, RESIZE_PRESETS) ?? "onnx";
  const defaults = presetRule(preset, mode, exact);
  const cubicCoefficient = o.cubicCoefficient ?? defaults.cubicCoefficient;
  if (typeof cubicCoefficient !== "number" || !Number.isFinite(cubicCoefficient)) {
    throw new TypeError(
      `${fn}: cubicCoefficient must be a finite number (-0.75 PyTorch/ONNX, -0.5 TF), got ${describe(cubicCoefficient)}`,
    );
  }
  const rule: AxisRule = {
    mode,
    coordinates: oneOf(fn, "coordinates", o.coordinates, COORDINATE_TRANSFORMS) ?? defaults.coordinates,
    rounding: oneOf(fn, "rounding", o.rounding, NEAREST_ROUNDINGS) ?? defaults.rounding,
    cubicCoefficient,
    excludeOutside: optionalBoolean(fn, "excludeOutside", o.excludeOutside) ?? defaults.excludeOutside,
    antialias: optionalBoolean(fn, "antialias", o.antialias) ?? defaults.antialias,
    areaBins: defaults.areaBins,
  };
  if (o.layout !== undefined && rank !== 4 && (o.layout === "NCHW" || o.layout === "NHWC")) {
    throw new TypeError(
      `${fn}: layout '${o.layout}' names a 4-D layout but x has rank ${rank}; use 'channels-first' or 'channels-last'`,
    );
  }
  const layout = oneOf(fn, "layout", o.layout, ["channels-first", "channels-last", "NCHW", "NHWC"] as const) ?? "channels-first";
  if (rank === 2 && layout === "channels-last") {
    throw new TypeError(
      `${fn}: a 2-D [H, W] input has no channel axis; layout must be 'channels-first' (the default), got 'channels-last'`,
    );
  }
  const hasScale = o.scale !== undefined;
  const hasSize = o.size !== undefined;
  if (hasScale === hasSize) {
    throw new TypeError(`${fn}: give exactly one of scale or size, got ${hasScale ? "both" : "neither"}`);
  }
  const scale = hasScale
    ? perAxis(fn, "scale", o.scale, axes, (v) => Number.isFinite(v) && v > 0, "a finite number > 0")
    : undefined;
  const size = hasSize ? perAxis(fn, "size", o.size, axes, (v) => Number.isInteger(v) && v >= 1, "an integer >= 1") : undefined;
  return { rule, channelsLast: layout === "channels-last" || layout === "NHWC", scale, size };
}
