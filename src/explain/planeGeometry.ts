/**
 * The geometry of a single-plane transposed convolution being explained: one 2-D
 * input `[H, W]`, one 2-D kernel `[kh, kw]`, and PyTorch's stride, padding,
 * output padding and dilation, checked exactly as `convTranspose2d` checks them.
 * Explanations that allow it also take a 1-D signal `[L]` with a 1-D kernel `[k]` and
 * `convTranspose1d`'s options (padding `p` or `[left, right]`), explained as a plane of one row.
 */
import { Tensor } from "../tensor";
import { describe } from "../args";
import {
  parseConvTranspose2d,
  type ConvTranspose2dGeometry,
  type ConvTranspose2dOperands,
  type ConvTranspose2dOptions,
} from "../conv";
import { checkAxesOutputPadding, parseAxes, parseAxesPadding } from "../conv/axesArgs";

/** The options every explanation of a transposed convolution accepts. */
export type ExplainOptions = Pick<ConvTranspose2dOptions, "stride" | "padding" | "outputPadding" | "dilation">;

/** The option names of {@link ExplainOptions}. */
export const EXPLAIN_OPTION_NAMES = ["stride", "padding", "outputPadding", "dilation"] as const;

/** A checked single-plane transposed convolution: the operands (float64 copies) and the geometry. */
export interface PlaneTransposedConv {
  /** The input plane, converted to float64 for exact teaching arithmetic. */
  x: Tensor;
  /** The kernel, float64. */
  kernel: Tensor;
  /** Every size and parameter, as `convTranspose2d` resolves them. */
  g: ConvTranspose2dGeometry;
  /** Size of the full (uncropped) result: `(i - 1)·s + d·(k - 1) + 1` per axis. */
  fullH: number;
  fullW: number;
  /** True when the caller gave a 1-D signal and kernel (explained as one row: results go back 1-D). */
  oneD: boolean;
}

/** The checked operands of an explanation, 2-D (a 1-D signal as `[1, L]`), and whether they were 1-D. */
export function planeOperands(
  fn: string,
  x: unknown,
  kernel: unknown,
  options: ExplainOptions | undefined,
  allow1d: boolean,
): { operands: ConvTranspose2dOperands; oneD: boolean } {
  const o = options ?? {};
  if (allow1d && x instanceof Tensor && x.rank === 1) {
    if (!(kernel instanceof Tensor) || kernel.rank !== 1) {
      const got = kernel instanceof Tensor ? `shape [${kernel.shape.join(", ")}]` : describe(kernel);
      throw new RangeError(`${fn}: kernel must be a 1-D [k] tensor when x is a 1-D [L] signal, got ${got}`);
    }
    const stride = parseAxes(fn, "stride", o.stride ?? 1, 1, 1)[0];
    const dilation = parseAxes(fn, "dilation", o.dilation ?? 1, 1, 1)[0];
    const outputPadding = parseAxes(fn, "outputPadding", o.outputPadding ?? 0, 1, 0)[0];
    const { before, after } = parseAxesPadding(fn, "padding", o.padding ?? 0, 1);
    checkAxesOutputPadding(fn, o.outputPadding, [outputPadding], [stride], [dilation]);
    const x2 = x.astype("float64").reshape([1, x.shape[0]]);
    const k2 = kernel.astype("float64").reshape([1, kernel.shape[0]]);
    const options2d: ExplainOptions = {
      stride: [1, stride],
      padding: [0, before[0], 0, after[0]],
      outputPadding: [0, outputPadding],
      dilation: [1, dilation],
    };
    return { operands: parseConvTranspose2d(fn, x2, k2, options2d, EXPLAIN_OPTION_NAMES).operands, oneD: true };
  }
  const axes = allow1d ? "1-D [L] or 2-D [H, W]" : "2-D [H, W]";
  const x2 = require2d(fn, "x", x, "[H, W]", axes);
  const k2 = require2d(fn, "kernel", kernel, "[kh, kw]", allow1d ? "2-D [kh, kw]" : undefined);
  const { operands } = parseConvTranspose2d(fn, x2.astype("float64"), k2.astype("float64"), o, EXPLAIN_OPTION_NAMES);
  return { operands, oneD: false };
}

function require2d(fn: string, name: string, value: unknown, axes: string, allowed = `2-D ${axes}`): Tensor {
  if (!(value instanceof Tensor)) {
    throw new TypeError(`${fn}: ${name} must be a ${allowed} Tensor, got ${describe(value)}`);
  }
  if (value.rank !== 2) {
    throw new RangeError(`${fn}: ${name} must be a ${allowed} tensor, got shape [${value.shape.join(", ")}]`);
  }
  return value;
}

/**
 * Checks a 2-D input, a 2-D kernel and the options (or, with `allow1d`, a 1-D signal and kernel
 * with `convTranspose1d`'s options); throws the errors `convTranspose2d` would.
 */
export function planeTransposedConv(
  fn: string,
  x: unknown,
  kernel: unknown,
  options: ExplainOptions | undefined,
  allow1d = false,
): PlaneTransposedConv {
  const { operands, oneD } = planeOperands(fn, x, kernel, options, allow1d);
  const g = operands.geometry;
  return {
    x: operands.x.reshape([g.inH, g.inW]),
    kernel: operands.weight.reshape([g.kernelH, g.kernelW]),
    g,
    oneD,
    fullH: (g.inH - 1) * g.strideH + g.dilationH * (g.kernelH - 1) + 1,
    fullW: (g.inW - 1) * g.strideW + g.dilationW * (g.kernelW - 1) + 1,
  };
}

/** Throws when an explanation would hold more than `limit` numbers (it keeps one tensor per step). */
export function checkExplanationSize(fn: string, entries: number, limit: number, what: string): void {
  if (entries > limit) {
    throw new RangeError(
      `${fn}: x must be small enough to explain step by step (at most ${limit} ${what}), got ${entries}; ` +
        "use convTranspose2d for large inputs",
    );
  }
}
