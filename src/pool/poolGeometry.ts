/**
 * The window geometry shared by max-pooling and max-unpooling: kernel size,
 * stride (defaulting to the kernel size), symmetric padding and dilation per axis,
 * checked with PyTorch's rules.
 */
import { describe } from "../args";
import { parsePair, type Pair, type PairLike } from "../args";

/** The pooling options as users write them. */
export interface PoolWindowOptions {
  /** Window size, `k` or `[kh, kw]`; required. */
  kernelSize: PairLike;
  /** Window step, `s` or `[sh, sw]`; defaults to `kernelSize` (non-overlapping windows). */
  stride?: PairLike;
  /** Implicit `-Infinity` border, `p` or `[ph, pw]` (same on both sides); at most half the kernel. Default 0. */
  padding?: PairLike;
}

/** The checked window geometry, one `[h, w]` pair per parameter. */
export interface PoolGeometry {
  kernel: Pair;
  stride: Pair;
  padding: Pair;
  dilation: Pair;
}

/** Reads and checks kernelSize, stride, padding and dilation (padding <= kernel / 2, as PyTorch requires). */
export function poolGeometry(
  fn: string,
  options: { kernelSize?: unknown; stride?: unknown; padding?: unknown; dilation?: unknown },
): PoolGeometry {
  if (options.kernelSize === undefined) {
    throw new TypeError(`${fn}: kernelSize is required (an integer >= 1 or [kh, kw]), got undefined`);
  }
  const kernel = parsePair(fn, "kernelSize", options.kernelSize, 1);
  const stride = options.stride === undefined ? kernel : parsePair(fn, "stride", options.stride, 1);
  const padding = parsePair(fn, "padding", options.padding ?? 0, 0);
  const dilation = parsePair(fn, "dilation", options.dilation ?? 1, 1);
  for (const axis of [0, 1]) {
    if (padding[axis] > Math.floor(kernel[axis] / 2)) {
      throw new RangeError(
        `${fn}: padding must be at most half the kernel size (<= ${Math.floor(kernel[axis] / 2)} ` +
          `for kernelSize ${describe(options.kernelSize)}), got ${describe(options.padding)}`,
      );
    }
  }
  return { kernel, stride, padding, dilation };
}

/**
 * Pooling output size along one axis (PyTorch):
 * `floor((i + 2p - d (k - 1) - 1) / s) + 1`, or with `ceilMode` the ceiling, minus one
 * when the last window would start beyond the input and its left padding.
 */
export function poolOutputSize(i: number, k: number, s: number, p: number, d: number, ceilMode: boolean): number {
  const span = i + 2 * p - d * (k - 1) - 1;
  if (span < 0) return 0;
  let o = (ceilMode ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceilMode && (o - 1) * s >= i + p) o--;
  return o;
}
