/**
 * The gradients of a transposed convolution over flat NCDHW data, one loop for every rank (a 2-D
 * or 1-D call is a volume of depth 1). With `y = convTranspose(x, w)` and `dL/dy`:
 * - `dL/dx[n, ci, i] = sum over co, t of dL/dy[n, co, i*s + t*d - crop] * w[ci, co, t]`;
 * - `dL/dw[ci, co, t] = sum over n, i of x[n, ci, i] * dL/dy[n, co, i*s + t*d - crop]`;
 * - `dL/db[co]` = the sum of dL/dy over the batch and the volume of co;
 * where `i`, `t` run over the three axes and positions outside the output contribute nothing.
 */
import { sameShape, Tensor, type DType, type TensorData } from "../tensor";
import { requireDtype, requireTensor } from "../args";
import { tapRange } from "./geometry";
import type { ConvTranspose3dGeometry } from "./geometry3d";
import { volumeOf } from "./depthSlices";

/** dL/dx, dL/dw and (when the forward call had a bias) dL/db as flat arrays of `x`'s dtype. */
export interface ConvTransposeGradientData {
  readonly gradInput: TensorData;
  readonly gradWeight: TensorData;
  readonly gradBias: TensorData | undefined;
}

/** `gradOutput` checked to be a tensor of the forward output's shape and `x`'s dtype. */
export function checkGradOutput(fn: string, gradOutput: unknown, expected: readonly number[], dtype: DType): Tensor {
  const gy = requireTensor(fn, "gradOutput", gradOutput);
  if (!sameShape(gy.shape, expected)) {
    throw new RangeError(
      `${fn}: gradOutput must have the forward output's shape [${expected.join(", ")}], got [${gy.shape.join(", ")}]`,
    );
  }
  requireDtype(fn, "gradOutput", gy, dtype);
  return gy;
}

/**
 * The gradients of the transposed convolution `g` of `x` with `weight` (weight `(in, out/groups,
 * kd, kh, kw)`), given `gradOutput`; `withBias` asks for dL/db too.
 */
export function convTransposeGradients(
  xd: TensorData,
  wd: TensorData,
  gd: TensorData,
  g: ConvTranspose3dGeometry,
  withBias: boolean,
): ConvTransposeGradientData {
  const make = (n: number): Float32Array | Float64Array =>
    xd instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
  const gx = make(xd.length);
  const gw = make(wd.length);
  const [D, H, W] = g.inSize;
  const [kd, kh, kw] = g.kernel;
  const [oD, oH, oW] = g.outSize;
  const [sd, sh, sw] = g.stride;
  const inVolume = volumeOf(g.inSize);
  const outVolume = volumeOf(g.outSize);
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
  if (!withBias) return { gradInput: gx, gradWeight: gw, gradBias: undefined };
  const gb = make(g.outChannels);
  for (let n = 0; n < g.batch; n++) {
    for (let co = 0; co < g.outChannels; co++) {
      const start = (n * g.outChannels + co) * outVolume;
      let s = 0;
      for (let j = start; j < start + outVolume; j++) s += gd[j];
      gb[co] += s;
    }
  }
  return { gradInput: gx, gradWeight: gw, gradBias: gb };
}
