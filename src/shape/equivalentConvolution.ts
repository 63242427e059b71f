/**
 * The direct convolution equivalent to a transposed convolution
 * (Dumoulin & Visin, "A guide to convolution arithmetic", relationships 8-14):
 * the article's four-step method, with the kernel flip and output padding made explicit.
 */
import { checkOptionNames, describe } from "../args";
import { readSizeParams } from "./outputSize";

/** Parameters of {@link equivalentConvolution}: the transposed convolution's geometry (one axis). */
export interface EquivalentConvolutionParams {
  /** Input size `i` of the transposed convolution. */
  i: number;
  /** Kernel size `k`. */
  k: number;
  /** Stride `s` (default 1). */
  s?: number;
  /** Padding `p` (default 0). */
  p?: number;
  /** Output padding `a` (default 0, < s). */
  outputPadding?: number;
}

/** The equivalent stride-1 convolution, step by step. */
export interface EquivalentConvolution {
  /** Zeros inserted between neighbouring input pixels: `z = s - 1`. */
  z: number;
  /** Padding of the stretched input on every side: `p' = k - p - 1` (negative means cropping). */
  pPrime: number;
  /** Stride of the direct convolution: always 1. */
  sPrime: 1;
  /** Extra zeros at the bottom/right only: `a = outputPadding`. */
  a: number;
  /** Size after inserting zeros: `(i - 1)·s + 1`. */
  stretched: number;
  /** Size after padding: `stretched + 2p' + a`. */
  padded: number;
  /** Padding of the stretched input as `[top, left, bottom, right]`: `[p', p', p' + a, p' + a]`. */
  paddedSides: [number, number, number, number];
  /** Size after the stride-1 convolution: `padded - k + 1 = (i - 1)·s + k - 2p + a`. */
  output: number;
  /** The kernel must be rotated by 180 degrees for the direct convolution (the article omits this). */
  kernelRotated: true;
  /**
   * The forward convolution this one transposes: a `output`-pixel input with the same
   * `k, s, p` gives back `i` pixels; `a = (output + 2p - k) mod s` is what its floor dropped.
   */
  forward: { i: number; k: number; s: number; p: number; o: number };
  /** The four steps with the numbers filled in, for display. */
  steps: string[];
}

const NAMES = ["i", "k", "s", "p", "outputPadding"] as const;

/**
 * The four-step method for a transposed convolution of size `i` with kernel `k`,
 * stride `s`, padding `p` and output padding `a` (Dumoulin & Visin, relationship 14):
 * insert `z = s - 1` zeros between input pixels, pad by `p' = k - p - 1` (plus `a` at
 * the bottom/right), convolve with stride `s' = 1` and the kernel rotated by 180 degrees.
 *
 * @example equivalentConvolution({ i: 3, k: 3, s: 2, p: 1 }) // z 1, p' 1, stretched 5, padded 7, output 5
 */
export function equivalentConvolution(params: EquivalentConvolutionParams): EquivalentConvolution {
  const fn = "equivalentConvolution";
  if (params === null || typeof params !== "object") {
    throw new TypeError(`${fn}: params must be an object like { i, k, s, p }, got ${describe(params)}`);
  }
  checkOptionNames(fn, params, NAMES);
  const { i, k, s, p, a } = readSizeParams(fn, params, true);
  const z = s - 1;
  const pPrime = k - p - 1;
  const stretched = (i - 1) * s + 1;
  const padded = stretched + 2 * pPrime + a;
  const output = padded - k + 1;
  if (output < 1) {
    throw new RangeError(
      `${fn}: p must leave at least one output pixel, p <= ${Math.floor(((i - 1) * s + k + a - 1) / 2)}, got p = ${p}`,
    );
  }
  const steps = [
    `z = s - 1 = ${s} - 1 = ${z}`,
    `p' = k - p - 1 = ${k} - ${p} - 1 = ${pPrime}`,
    "s' = 1",
    `insert ${z} zero${z === 1 ? "" : "s"} between pixels: (i - 1)·s + 1 = (${i} - 1)·${s} + 1 = ${stretched}`,
    a === 0
      ? `pad by p' = ${pPrime} on every side: ${stretched} + 2·${pPrime} = ${padded}`
      : `pad by p' = ${pPrime} on every side and a = ${a} more at the bottom/right: ${stretched} + 2·${pPrime} + ${a} = ${padded}`,
    `convolve with the kernel rotated 180° and stride 1: ${padded} - ${k} + 1 = ${output}`,
  ];
  return {
    z,
    pPrime,
    sPrime: 1,
    a,
    stretched,
    padded,
    paddedSides: [pPrime, pPrime, pPrime + a, pPrime + a],
    output,
    kernelRotated: true,
    forward: { i: output, k, s, p, o: i },
    steps,
  };
}
