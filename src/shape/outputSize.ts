/**
 * Output-size arithmetic of convolution and transposed convolution along one axis,
 * with the formula written out with the numbers filled in, for display.
 */
import { checkOptionNames, describe } from "../args";
import { parseInteger } from "../args";

/** A computed size and how it was computed. */
export interface SizeWithFormula {
  /** The output size `o`. */
  size: number;
  /** The formula with the numbers filled in, e.g. `o = (2 - 1)·2 + 3 - 2·1 = 3`. */
  formula: string;
  /** The formula in symbols, e.g. `o = (i - 1)·s + k - 2p`. */
  symbolic: string;
}

/** Parameters of {@link convOutputSize}: input size, kernel, stride, padding, dilation. */
export interface ConvSizeParams {
  /** Input size `i` (>= 1). */
  i: number;
  /** Kernel size `k` (>= 1). */
  k: number;
  /** Stride `s` (>= 1), default 1. */
  s?: number;
  /** Padding `p` on each side (>= 0), default 0. */
  p?: number;
  /** Dilation `d` (>= 1), default 1. */
  d?: number;
}

/** Parameters of {@link convTransposeOutputSize}: those of the convolution plus `outputPadding`. */
export interface ConvTransposeSizeParams extends ConvSizeParams {
  /** Extra rows/columns at the bottom/right `a` (PyTorch `output_padding`), `0 <= a < max(s, d)`; default 0. */
  outputPadding?: number;
}

/** Checked integer parameters, defaults filled in. */
export interface SizeParams {
  i: number;
  k: number;
  s: number;
  p: number;
  d: number;
  a: number;
}

const CONV_NAMES = ["i", "k", "s", "p", "d"] as const;
const TRANSPOSE_NAMES = [...CONV_NAMES, "outputPadding"] as const;

/** Reads and checks `{i, k, s, p, d, outputPadding}` (each an integer in its range). */
export function readSizeParams(fn: string, params: unknown, allowOutputPadding: boolean): SizeParams {
  if (params === null || typeof params !== "object") {
    throw new TypeError(`${fn}: params must be an object like { i, k, s, p }, got ${describe(params)}`);
  }
  checkOptionNames(fn, params, allowOutputPadding ? TRANSPOSE_NAMES : CONV_NAMES);
  const given = params as Record<string, unknown>;
  const i = parseInteger(fn, "i", given.i, 1);
  const k = parseInteger(fn, "k", given.k, 1);
  const s = parseInteger(fn, "s", given.s ?? 1, 1);
  const p = parseInteger(fn, "p", given.p ?? 0, 0);
  const d = parseInteger(fn, "d", given.d ?? 1, 1);
  const a = parseInteger(fn, "outputPadding", given.outputPadding ?? 0, 0);
  if (a > 0 && a >= Math.max(s, d)) {
    throw new RangeError(`${fn}: outputPadding must be smaller than the stride or the dilation (< ${Math.max(s, d)}), got ${a}`);
  }
  return { i, k, s, p, d, a };
}

/**
 * Output size of a convolution along one axis: `o = ⌊(i + 2p - k) / s⌋ + 1`
 * (with dilation `d`: `⌊(i + 2p - d·(k - 1) - 1) / s⌋ + 1`). The floor is there because
 * a window that does not fit is dropped. Throws when the kernel does not fit at all.
 *
 * @example convOutputSize({ i: 5, k: 3, s: 2, p: 1 }) // { size: 3, formula: "o = ⌊(5 + 2·1 - 3) / 2⌋ + 1 = 3", ... }
 */
export function convOutputSize(params: ConvSizeParams): SizeWithFormula {
  const fn = "convOutputSize";
  const { i, k, s, p, d } = readSizeParams(fn, params, false);
  const extent = d * (k - 1) + 1;
  if (extent > i + 2 * p) {
    throw new RangeError(
      `${fn}: k must fit in the padded input, d·(k - 1) + 1 <= i + 2p = ${i + 2 * p}, got k = ${k}` +
        (d > 1 ? ` (dilated to ${extent})` : ""),
    );
  }
  const size = Math.floor((i + 2 * p - extent) / s) + 1;
  if (d === 1) {
    return {
      size,
      symbolic: "o = ⌊(i + 2p - k) / s⌋ + 1",
      formula: `o = ⌊(${i} + 2·${p} - ${k}) / ${s}⌋ + 1 = ${size}`,
    };
  }
  return {
    size,
    symbolic: "o = ⌊(i + 2p - d·(k - 1) - 1) / s⌋ + 1",
    formula: `o = ⌊(${i} + 2·${p} - ${d}·(${k} - 1) - 1) / ${s}⌋ + 1 = ${size}`,
  };
}

/**
 * Output size of a transposed convolution along one axis: `o = (i - 1)·s + k - 2p`
 * (no floor: nothing is divided). In general (PyTorch):
 * `o = (i - 1)·s - 2p + d·(k - 1) + a + 1` with `a = outputPadding`.
 * Throws when the padding would crop everything.
 *
 * @example convTransposeOutputSize({ i: 2, k: 3, s: 2, p: 1 }) // { size: 3, formula: "o = (2 - 1)·2 + 3 - 2·1 = 3", ... }
 */
export function convTransposeOutputSize(params: ConvTransposeSizeParams): SizeWithFormula {
  const fn = "convTransposeOutputSize";
  const { i, k, s, p, d, a } = readSizeParams(fn, params, true);
  const full = (i - 1) * s + d * (k - 1) + 1 + a;
  const size = full - 2 * p;
  if (size < 1) {
    throw new RangeError(
      `${fn}: p must leave at least one pixel of the uncropped ${full}-pixel output, 2p < ${full}, got p = ${p}`,
    );
  }
  if (d === 1 && a === 0) {
    return {
      size,
      symbolic: "o = (i - 1)·s + k - 2p",
      formula: `o = (${i} - 1)·${s} + ${k} - 2·${p} = ${size}`,
    };
  }
  if (d === 1) {
    return {
      size,
      symbolic: "o = (i - 1)·s + k - 2p + a",
      formula: `o = (${i} - 1)·${s} + ${k} - 2·${p} + ${a} = ${size}`,
    };
  }
  return {
    size,
    symbolic: "o = (i - 1)·s - 2p + d·(k - 1) + a + 1",
    formula: `o = (${i} - 1)·${s} - 2·${p} + ${d}·(${k} - 1) + ${a} + 1 = ${size}`,
  };
}
