/**
 * The geometry of a single-plane transposed convolution being explained: one 2-D
 * input `[H, W]`, one 2-D kernel `[kh, kw]`, and PyTorch's stride, padding,
 * output padding and dilation, checked exactly as `convTranspose2d` checks them.
 */
import { Tensor } from "../tensor";
import { describe } from "../args";
import {
  parseConvTranspose2d, type ConvTranspose2dGeometry, type ConvTranspose2dOptions,
} from "../conv";

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
}

function require2d(fn: string, name: string, value: unknown, axes: string): Tensor {
  if (!(value instanceof Tensor)) {
    throw new TypeError(`${fn}: ${name} must be a 2-D ${axes} Tensor, got ${describe(value)}`);
  }
  if (value.rank !== 2) {
    throw new RangeError(`${fn}: ${name} must be a 2-D ${axes} tensor, got shape [${value.shape.join(", ")}]`);
  }
  return value;
}

/** Checks a 2-D input, a 2-D kernel and the options; throws the errors `convTranspose2d` would. */
export function planeTransposedConv(fn: string, x: unknown, kernel: unknown, options: ExplainOptions | undefined): PlaneTransposedConv {
  const x2 = require2d(fn, "x", x, "[H, W]");
  const k2 = require2d(fn, "kernel", kernel, "[kh, kw]");
  const xf = x2.astype("float64");
  const kf = k2.astype("float64");
  const { operands } = parseConvTranspose2d(fn, xf, kf, options ?? {}, EXPLAIN_OPTION_NAMES);
  const g = operands.geometry;
  return {
    x: xf,
    kernel: kf,
    g,
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
