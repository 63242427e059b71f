/**
 * The pooling options as PyTorch writes them (kernel size, stride defaulting to the kernel size,
 * symmetric padding) and PyTorch's output-size formula; `poolWindowNd.ts` reads every framework's
 * forms of them.
 */
import type { PairLike } from "../args";
import { poolAxisOutputSize } from "./poolWindowNd";

/** The pooling options as users write them. */
export interface PoolWindowOptions {
  /** Window size, `k` or `[kh, kw]`; required. */
  kernelSize: PairLike;
  /** Window step, `s` or `[sh, sw]`; defaults to `kernelSize` (non-overlapping windows). */
  stride?: PairLike;
  /** Implicit `-Infinity` border, `p` or `[ph, pw]` (same on both sides); at most half the kernel. Default 0. */
  padding?: PairLike;
}

/**
 * Pooling output size along one axis (PyTorch):
 * `floor((i + 2p - d (k - 1) - 1) / s) + 1`, or with `ceilMode` the ceiling, minus one
 * when the last window would start beyond the input and its left padding.
 */
export function poolOutputSize(i: number, k: number, s: number, p: number, d: number, ceilMode: boolean): number {
  return poolAxisOutputSize(i, k, s, p, p, d, ceilMode);
}
