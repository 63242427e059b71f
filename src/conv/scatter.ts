/**
 * Transposed convolution by the article's first method, written for reading
 * rather than speed: every input pixel multiplies the whole kernel, the product
 * is placed `stride` pixels further for each input step (taps `dilation` apart),
 * overlapping products are summed into the full result, and then the padding is
 * cropped (output padding keeps extra rows/columns at the bottom/right).
 */
import type { TensorData } from "../tensor";
import type { ConvTranspose2dGeometry } from "./geometry";

/**
 * The scatter (sum of placed products) algorithm over flat NCHW data:
 * builds each full `((i-1)s + d(k-1) + 1)`-sized plane, then crops it into `out`.
 */
export function convTranspose2dScatter(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: ConvTranspose2dGeometry,
  out: TensorData,
): void {
  const cinG = g.inChannels / g.groups;
  const coutG = g.outChannels / g.groups;
  const fullH = (g.inH - 1) * g.strideH + g.dilationH * (g.kernelH - 1) + 1;
  const fullW = (g.inW - 1) * g.strideW + g.dilationW * (g.kernelW - 1) + 1;
  const full = new Float64Array(fullH * fullW);
  for (let n = 0; n < g.batch; n++) {
    for (let co = 0; co < g.outChannels; co++) {
      const group = Math.floor(co / coutG);
      const coInGroup = co % coutG;
      full.fill(0);
      // Place (input pixel) x (kernel) for every input channel of this group.
      for (let c = 0; c < cinG; c++) {
        const ci = group * cinG + c;
        const xPlane = (n * g.inChannels + ci) * g.inH * g.inW;
        const kernel = (ci * coutG + coInGroup) * g.kernelH * g.kernelW;
        for (let iy = 0; iy < g.inH; iy++) {
          for (let ix = 0; ix < g.inW; ix++) {
            const v = x[xPlane + iy * g.inW + ix];
            for (let ky = 0; ky < g.kernelH; ky++) {
              const fy = iy * g.strideH + ky * g.dilationH;
              for (let kx = 0; kx < g.kernelW; kx++) {
                const fx = ix * g.strideW + kx * g.dilationW;
                full[fy * fullW + fx] += v * weight[kernel + ky * g.kernelW + kx];
              }
            }
          }
        }
      }
      // Crop `padding` from the full result; rows/columns past its end (output padding) stay 0.
      const b = bias === undefined ? 0 : bias[co];
      const outPlane = (n * g.outChannels + co) * g.outH * g.outW;
      for (let oy = 0; oy < g.outH; oy++) {
        const fy = oy + g.cropTop;
        for (let ox = 0; ox < g.outW; ox++) {
          const fx = ox + g.cropLeft;
          const v = fy < fullH && fx < fullW ? full[fy * fullW + fx] : 0;
          out[outPlane + oy * g.outW + ox] = v + b;
        }
      }
    }
  }
}
