/**
 * The bilinear kernel that makes a transposed convolution an upsampler
 * (Long, Shelhamer & Darrell's FCN; Dive into Deep Learning's `bilinear_kernel`).
 */
import { Tensor } from "../tensor";
import { checkOptionNames, describe } from "../args";

/** Options of {@link bilinearKernel}. */
export interface BilinearKernelOptions {
  /** Channels in = channels out; each channel upsamples itself (default 1). */
  channels?: number;
  /** Element type, `'float32'` unless given. */
  dtype?: Tensor["dtype"];
}

const OPTION_NAMES = ["channels", "dtype"] as const;

/** The transposed-convolution settings that upsample by an integer factor with a bilinear kernel. */
export interface BilinearUpsamplerSettings {
  kernelSize: number;
  stride: number;
  padding: number;
}

function checkPositiveInteger(fn: string, name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    throw new RangeError(`${fn}: ${name} must be a positive integer, got ${describe(v)}`);
  }
  return v;
}

/**
 * The 1-D bilinear weights of a `k`-tap kernel: `1 - |i - center| / factor` with
 * `factor = floor((k + 1) / 2)` and `center = factor - 1` (odd k) or `factor - 0.5` (even k).
 * For k = 4: `[0.25, 0.75, 0.75, 0.25]`.
 */
export function bilinearWeights1d(k: number): number[] {
  checkPositiveInteger("bilinearWeights1d", "k", k);
  const factor = Math.floor((k + 1) / 2);
  const center = k % 2 === 1 ? factor - 1 : factor - 0.5;
  return Array.from({ length: k }, (_, i) => 1 - Math.abs(i - center) / factor);
}

/**
 * A `[channels, channels, k, k]` transposed-convolution weight (PyTorch layout
 * `(in, out, kh, kw)`) that upsamples bilinearly: channel c maps to channel c with the
 * outer product of {@link bilinearWeights1d}, all cross-channel entries are zero.
 * Use it with {@link bilinearUpsampler}`(factor)`: for factor 2, `k = 4, stride 2, padding 1`.
 *
 * Border difference from true bilinear resize: inside the image this equals
 * `upsampleBilinear(x, { scale: factor })` (half-pixel). But the transposed convolution
 * treats pixels outside the input as zeros, while a resize clamps to the edge pixel,
 * so the outer `floor(factor / 2)` rows and columns on every side come out darker
 * (factor 2: the first output pixel is `0.75 * x[0]` instead of `x[0]`).
 */
export function bilinearKernel(k: number, options?: BilinearKernelOptions): Tensor {
  const fn = "bilinearKernel";
  checkOptionNames(fn, options, OPTION_NAMES);
  checkPositiveInteger(fn, "k", k);
  const channels = checkPositiveInteger(fn, "channels", options?.channels ?? 1);
  const dtype = options?.dtype ?? "float32";
  if (dtype !== "float32" && dtype !== "float64") {
    throw new TypeError(`${fn}: dtype must be 'float32' or 'float64', got ${describe(dtype)}`);
  }
  const w = bilinearWeights1d(k);
  const size = channels * channels * k * k;
  const data = dtype === "float64" ? new Float64Array(size) : new Float32Array(size);
  for (let c = 0; c < channels; c++) {
    const base = (c * channels + c) * k * k;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) data[base + i * k + j] = w[i] * w[j];
    }
  }
  return new Tensor(data, [channels, channels, k, k]);
}

/**
 * The FCN settings for upsampling by an integer `factor` with {@link bilinearKernel}:
 * `kernelSize = 2 * factor - factor % 2`, `stride = factor`, `padding = ceil((factor - 1) / 2)`,
 * which turn an `i`-pixel input into exactly `i * factor` pixels.
 */
export function bilinearUpsampler(factor: number): BilinearUpsamplerSettings {
  checkPositiveInteger("bilinearUpsampler", "factor", factor);
  return {
    kernelSize: 2 * factor - (factor % 2),
    stride: factor,
    padding: Math.ceil((factor - 1) / 2),
  };
}
