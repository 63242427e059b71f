/**
 * Gradients of the transposed convolution, for learning a kernel by gradient
 * descent. With `y = convTranspose2d(x, w)` and a loss L, given `dL/dy`:
 * - `dL/dx = conv2d(dL/dy, w)` with the same stride, padding, dilation and
 *   groups (the transposed convolution's adjoint is the convolution);
 * - `dL/dw[ci, co, ky, kx] = sum over n, iy, ix of x[n, ci, iy, ix] * dL/dy[n, co, iy*s + ky*d - p, ix*s + kx*d - p]`;
 * - `dL/db[co] = sum of dL/dy over the batch and the plane of co`.
 */
import { sameShape, Tensor } from "../tensor";
import { parseConvTranspose2d, type ConvTranspose2dOptions } from "./convTranspose2d";
import { convTransposeOutputShape, tapRange } from "./geometry";
import { requireDtype, requireTensor } from "../args";

/** Options of `convTranspose2dBackward`: those of the forward call (without `out` and `algorithm`). */
export type ConvTranspose2dBackwardOptions = Omit<ConvTranspose2dOptions, "out" | "algorithm">;

/** Gradients of a loss with respect to the inputs of `convTranspose2d`. */
export interface ConvTranspose2dGradients {
  /** dL/dx, shaped like `x`. */
  gradInput: Tensor;
  /** dL/dweight, shaped like `weight`. */
  gradWeight: Tensor;
  /** dL/dbias, shape `[C_out]`; present when `options.bias` was given. */
  gradBias?: Tensor;
}

const BACKWARD_OPTIONS = ["stride", "padding", "outputPadding", "dilation", "groups", "bias"] as const;

/**
 * Backward pass of `convTranspose2d(x, weight, options)`: given `gradOutput`
 * (dL/dy, shaped like the forward output) returns `{ gradInput, gradWeight,
 * gradBias? }`. Pass the same options as the forward call.
 *
 * @example const { gradWeight } = convTranspose2dBackward(x, w, y.clone(), { stride: 2 }) // dL/dw of L = sum(y^2)/2
 */
export function convTranspose2dBackward(
  x: Tensor,
  weight: Tensor,
  gradOutput: Tensor,
  options: ConvTranspose2dBackwardOptions = {},
): ConvTranspose2dGradients {
  const fn = "convTranspose2dBackward";
  const { operands } = parseConvTranspose2d(fn, x, weight, options, BACKWARD_OPTIONS);
  const gy = requireTensor(fn, "gradOutput", gradOutput);
  const expected = convTransposeOutputShape(operands);
  if (!sameShape(gy.shape, expected)) {
    throw new RangeError(
      `${fn}: gradOutput must have the forward output's shape [${expected.join(", ")}], got [${gy.shape.join(", ")}]`,
    );
  }
  requireDtype(fn, "gradOutput", gy, operands.x.dtype);
  const g = operands.geometry;
  const xd = operands.x.data;
  const wd = operands.weight.data;
  const gd = gy.data;
  const make = (n: number): Float32Array | Float64Array =>
    xd instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
  const gx = make(xd.length);
  const gw = make(wd.length);
  const cinG = g.inChannels / g.groups;
  const coutG = g.outChannels / g.groups;
  const { inH, inW, outH, outW, kernelH: kh, kernelW: kw, strideH: sh, strideW: sw } = g;
  const inHW = inH * inW;
  const outHW = outH * outW;
  for (let ky = 0; ky < kh; ky++) {
    const yOff = ky * g.dilationH - g.cropTop;
    const [iy0, iy1] = tapRange(inH, outH, sh, yOff);
    for (let kx = 0; kx < kw; kx++) {
      const xOff = kx * g.dilationW - g.cropLeft;
      const [ix0, ix1] = tapRange(inW, outW, sw, xOff);
      for (let ci = 0; ci < g.inChannels; ci++) {
        const grp = Math.floor(ci / cinG);
        for (let o = 0; o < coutG; o++) {
          const co = grp * coutG + o;
          const wi = ((ci * coutG + o) * kh + ky) * kw + kx;
          const wv = wd[wi];
          let acc = 0;
          for (let n = 0; n < g.batch; n++) {
            const xPlane = (n * g.inChannels + ci) * inHW;
            const gPlane = (n * g.outChannels + co) * outHW;
            for (let iy = iy0; iy < iy1; iy++) {
              let gi = gPlane + (iy * sh + yOff) * outW + ix0 * sw + xOff;
              const xr = xPlane + iy * inW;
              for (let ix = ix0; ix < ix1; ix++, gi += sw) {
                const gv = gd[gi];
                gx[xr + ix] += gv * wv;
                acc += gv * xd[xr + ix];
              }
            }
          }
          gw[wi] = acc;
        }
      }
    }
  }
  const result: ConvTranspose2dGradients = {
    gradInput: new Tensor(gx, x.shape),
    gradWeight: new Tensor(gw, weight.shape),
  };
  if (operands.bias !== undefined) {
    const gb = make(g.outChannels);
    for (let n = 0; n < g.batch; n++) {
      for (let co = 0; co < g.outChannels; co++) {
        let s = 0;
        const start = (n * g.outChannels + co) * outHW;
        for (let j = 0; j < outHW; j++) s += gd[start + j];
        gb[co] += s;
      }
    }
    result.gradBias = new Tensor(gb, [g.outChannels]);
  }
  return result;
}
