/**
 * The window geometry of max- and average-pooling in 1, 2 or 3 spatial axes, with every
 * framework's way of writing the padding: PyTorch's symmetric `p` (at most half the kernel),
 * ONNX's asymmetric begins-then-ends pads (each smaller than the kernel), TF's `'same'`
 * (ONNX `SAME_UPPER`: the odd extra row at the end), `'same-lower'` (ONNX `SAME_LOWER`) and `'valid'`.
 */
import { describe } from "../args";
import { axisNames, parseAxes, parseAxesPadding } from "../conv/axesArgs";

/** Pooling padding as users write it: numbers (see `parsePoolWindow`) or a TF/ONNX auto-pad name. */
export type PoolPaddingLike = number | readonly number[] | "same" | "same-lower" | "valid";

/** The auto-pad names accepted as `padding`. */
export const POOL_AUTO_PADDINGS = ["same", "same-lower", "valid"] as const;

/** A checked pooling window, one entry per spatial axis. */
export interface PoolWindow {
  readonly kernel: number[];
  readonly stride: number[];
  readonly dilation: number[];
  /** Padding before (front/top/left) and after (back/bottom/right) each axis. */
  readonly padBefore: number[];
  readonly padAfter: number[];
  readonly ceilMode: boolean;
  /** Output size per axis. */
  readonly outSize: number[];
}

/** The options every pooling op reads. */
export interface PoolWindowInput {
  kernelSize?: unknown;
  stride?: unknown;
  padding?: unknown;
  dilation?: unknown;
  ceilMode?: unknown;
}

/**
 * Output size along one axis with padding `before + after`: `floor((i + pTotal - d (k - 1) - 1) / s) + 1`,
 * or with `ceilMode` the ceiling, minus one when the last window would start in the end padding
 * (PyTorch's and onnxruntime's rule). 0 when the window does not fit.
 */
export function poolAxisOutputSize(
  i: number,
  k: number,
  s: number,
  before: number,
  after: number,
  d: number,
  ceilMode: boolean,
): number {
  const span = i + before + after - d * (k - 1) - 1;
  if (span < 0) return 0;
  let o = (ceilMode ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceilMode && (o - 1) * s >= i + before) o--;
  return o;
}

/**
 * Reads kernelSize (required), stride (default: the kernel), padding, dilation and ceilMode for
 * an input of spatial size `inSize`, and computes the output size; throws naming the parameter,
 * the value given and what is allowed.
 */
export function parsePoolWindow(fn: string, options: PoolWindowInput, inSize: readonly number[]): PoolWindow {
  const rank = inSize.length;
  const names = axisNames(rank);
  if (options.kernelSize === undefined) {
    const forms = rank === 1 ? "an integer >= 1" : `an integer >= 1 or [${names.map((n) => `k${n}`).join(", ")}]`;
    throw new TypeError(`${fn}: kernelSize is required (${forms}), got undefined`);
  }
  const kernel = parseAxes(fn, "kernelSize", options.kernelSize, rank, 1);
  const stride = options.stride === undefined ? kernel : parseAxes(fn, "stride", options.stride, rank, 1);
  const dilation = parseAxes(fn, "dilation", options.dilation ?? 1, rank, 1);
  const ceilMode = options.ceilMode ?? false;
  if (typeof ceilMode !== "boolean") throw new TypeError(`${fn}: ceilMode must be true or false, got ${describe(ceilMode)}`);
  const padding = options.padding ?? 0;
  let padBefore: number[];
  let padAfter: number[];
  if (typeof padding === "string") {
    if (!(POOL_AUTO_PADDINGS as readonly string[]).includes(padding)) {
      throw new RangeError(
        `${fn}: padding must be numbers or one of ${POOL_AUTO_PADDINGS.map((p) => `'${p}'`).join(", ")}, got ${describe(padding)}`,
      );
    }
    if (padding === "valid") {
      padBefore = new Array<number>(rank).fill(0);
      padAfter = new Array<number>(rank).fill(0);
    } else {
      // TF / ONNX auto_pad SAME: output ceil(i / s), total padding split with the odd one at the end
      // ('same', SAME_UPPER) or at the beginning ('same-lower', SAME_LOWER)
      const total = inSize.map((i, a) =>
        Math.max(0, (Math.ceil(i / stride[a]) - 1) * stride[a] + dilation[a] * (kernel[a] - 1) + 1 - i),
      );
      const small = total.map((t) => Math.floor(t / 2));
      padBefore = padding === "same" ? small : total.map((t, a) => t - small[a]);
      padAfter = total.map((t, a) => t - padBefore[a]);
    }
  } else {
    const parsed = parseAxesPadding(fn, "padding", padding, rank);
    padBefore = parsed.before;
    padAfter = parsed.after;
    const asymmetric = Array.isArray(padding) && padding.length === 2 * rank;
    for (let a = 0; a < rank; a++) {
      if (!asymmetric && padBefore[a] > Math.floor(kernel[a] / 2)) {
        throw new RangeError(
          `${fn}: padding must be at most half the kernel size (<= ${Math.floor(kernel[a] / 2)} ` +
            `for kernelSize ${describe(options.kernelSize)}), got ${describe(padding)}`,
        );
      }
      if (asymmetric && (padBefore[a] >= kernel[a] || padAfter[a] >= kernel[a])) {
        throw new RangeError(
          `${fn}: padding must be smaller than the kernel size on each side (< ${kernel[a]} in ${names[a]} ` +
            `for kernelSize ${describe(options.kernelSize)}), got ${describe(padding)}`,
        );
      }
    }
  }
  const outSize = inSize.map((i, a) =>
    poolAxisOutputSize(i, kernel[a], stride[a], padBefore[a], padAfter[a], dilation[a], ceilMode),
  );
  if (outSize.some((o) => o < 1)) {
    const padded = inSize.map((i, a) => i + padBefore[a] + padAfter[a]);
    throw new RangeError(
      `${fn}: kernelSize must fit in the padded input (${padded.join("x")}) with dilation ${describe(options.dilation ?? 1)}, ` +
        `got kernelSize ${describe(options.kernelSize)}`,
    );
  }
  return { kernel, stride, dilation, padBefore, padAfter, ceilMode, outSize };
}
