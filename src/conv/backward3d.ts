/**
 * Gradients of the 3-D transposed convolution. With `y = convTranspose3d(x, w)` and `dL/dy`:
 * - `dL/dx[n, ci, i] = sum over co, t of dL/dy[n, co, i*s + t*d - crop] * w[ci, co, t]` (a 3-D convolution);
 * - `dL/dw[ci, co, t] = sum over n, i of x[n, ci, i] * dL/dy[n, co, i*s + t*d - crop]`;
 * - `dL/db[co]` = the sum of dL/dy over the batch and the volume of co;
 * where `i`, `t` run over the three axes and positions outside the output contribute nothing.
 */
import { sameShape, Tensor } from "../tensor";
import { requireDtype, requireTensor } from "../args";
import { tapRange } from "./geometry";
import { conv3dOutputShape } from "./geometry3d";
import { parseConvTranspose3d, type ConvTranspose3dOptions } from "./convTranspose3d";
import type { ConvTranspose2dGradients } from "./backward";

/** Options of `convTranspose3dBackward`: those of the forward call (without `out` and `algorithm`). */
export type ConvTranspose3dBackwardOptions = Omit<ConvTranspose3dOptions, "out" | "algorithm">;

const BACKWARD_OPTIONS = ["stride", "padding", "outputPadding", "dilation", "groups", "bias"] as const;

/**
 * Backward pass of `convTranspose3d(x, weight, options)`: given `gradOutput` (dL/dy, shaped like
 * the forward output) returns `{ gradInput, gradWeight, gradBias? }`. Pass the forward call's options.
 */
export function convTranspose3dBackward(
  x: Tensor,
  weight: Tensor,
  gradOutput: Tensor,
  options: ConvTranspose3dBackwardOptions = {},
): ConvTranspose2dGradients {
  const fn = "convTranspose3dBackward";
  const { operands } = parseConvTranspose3d(fn, x, weight, options, BACKWARD_OPTIONS);
  const gy = requireTensor(fn, "gradOutput", gradOutput);
  const expected = conv3dOutputShape(operands);
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
  const [D, H, W] = g.inSize;
  const [kd, kh, kw] = g.kernel;
  const [oD, oH, oW] = g.outSize;
  const [sd, sh, sw] = g.stride;
  const inVolume = D * H * W;
  const outVolume = oD * oH * oW;
  const cinG = g.inChannels / g.groups;
  const coutG = g.outChannels / g.groups;
  for (let tz = 0; tz < kd; tz++) {
    const zOff = tz * g.dilation[0] - g.cropBefore[0];
    const [iz0, iz1] = tapRange(D, oD, sd, zOff);
    for (let ty = 0; ty < kh; ty++) {
      const yOff = ty * g.dilation[1] - g.cropBefore[1];
      const [iy0, iy1] = tapRange(H, oH, sh, yOff);
      for (let tx = 0; tx < kw; tx++) {
        const xOff = tx * g.dilation[2] - g.cropBefore[2];
        const [ix0, ix1] = tapRange(W, oW, sw, xOff);
        for (let ci = 0; ci < g.inChannels; ci++) {
          const grp = Math.floor(ci / cinG);
          for (let o = 0; o < coutG; o++) {
            const co = grp * coutG + o;
            const wi = (((ci * coutG + o) * kd + tz) * kh + ty) * kw + tx;
            const wv = wd[wi];
            let acc = 0;
            for (let n = 0; n < g.batch; n++) {
              const xBase = (n * g.inChannels + ci) * inVolume;
              const gBase = (n * g.outChannels + co) * outVolume;
              for (let iz = iz0; iz < iz1; iz++) {
                for (let iy = iy0; iy < iy1; iy++) {
                  const xr = xBase + (iz * H + iy) * W;
                  let gi = gBase + ((iz * sd + zOff) * oH + iy * sh + yOff) * oW + ix0 * sw + xOff;
                  for (let ix = ix0; ix < ix1; ix++, gi += sw) {
                    const gv = gd[gi];
                    gx[xr + ix] += gv * wv;
                    acc += gv * xd[xr + ix];
                  }
                }
              }
            }
            gw[wi] = acc;
          }
        }
      }
    }
  }
  const result: ConvTranspose2dGradients = { gradInput: new Tensor(gx, x.shape), gradWeight: new Tensor(gw, weight.shape) };
  if (operands.bias !== undefined) {
    const gb = make(g.outChannels);
    for (let n = 0; n < g.batch; n++) {
      for (let co = 0; co < g.outChannels; co++) {
        const start = (n * g.outChannels + co) * outVolume;
        let s = 0;
        for (let j = start; j < start + outVolume; j++) s += gd[j];
        gb[co] += s;
      }
    }
    result.gradBias = new Tensor(gb, [g.outChannels]);
  }
  return result;
}
