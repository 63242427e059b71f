/**
 * The pooling loops, written once for up to three spatial axes (1-D and 2-D inputs are volumes
 * of depth 1 and height 1) over data seen through strides, so NCHW, NHWC and NCDHW share them.
 */
import type { TensorData } from "../tensor";
import { describe } from "../args";
import type { PoolWindow } from "./poolWindowNd";
import { encodePoolIndex, type PoolIndexConvention } from "./indexConvention";

/** A batch of `channels` volumes `[D, H, W]`; element `(n, c, z, y, x)` at the strides' dot product. */
export interface Volumes {
  readonly data: TensorData;
  readonly batch: number;
  readonly channels: number;
  /** `[D, H, W]`. */
  readonly size: readonly number[];
  /** Element strides of batch, channel, z, y, x. */
  readonly strides: readonly number[];
  /** Spatial axes as the caller sees them (1, 2 or 3), for messages. */
  readonly rank: number;
}

/** Contiguous channels-first volumes (`[N, C, ...spatial]`) lifted to three spatial axes. */
export function channelsFirstVolumes(data: TensorData, batch: number, channels: number, spatial: readonly number[]): Volumes {
  const size = [...new Array<number>(3 - spatial.length).fill(1), ...spatial];
  const plane = size[0] * size[1] * size[2];
  return { data, batch, channels, size, strides: [channels * plane, plane, size[1] * size[2], size[2], 1], rank: spatial.length };
}

/** A window lifted to three axes (leading axes of size 1, kernel 1, no padding). */
export function windowIn3d(w: PoolWindow): PoolWindow {
  const lift = (v: number[], fill: number): number[] => [...new Array<number>(3 - v.length).fill(fill), ...v];
  return {
    kernel: lift(w.kernel, 1),
    stride: lift(w.stride, 1),
    dilation: lift(w.dilation, 1),
    padBefore: lift(w.padBefore, 0),
    padAfter: lift(w.padAfter, 0),
    ceilMode: w.ceilMode,
    outSize: lift(w.outSize, 1),
  };
}

function onlyPadding(fn: string, at: number[], w: PoolWindow, size: readonly number[], rank: number): RangeError {
  return new RangeError(
    `${fn}: the window at output (${at.join(", ")}) covers only padding; padding ` +
      `${describe([...w.padBefore.slice(3 - rank), ...w.padAfter.slice(3 - rank)])} and dilation ${describe(w.dilation.slice(3 - rank))} are too large for a ${size.slice(3 - rank).join("x")} input`,
  );
}

/**
 * Max-pooling: each output is its window's maximum (the first one wins ties, a NaN wins over
 * numbers, padding never wins); `indices` (strided like `dst`) gets its flat position
 * `(z * H + y) * W + x` in its own input volume. Throws for a window of padding only.
 */
export function maxPoolVolumes(fn: string, src: Volumes, dst: Volumes, indices: TensorData, w: PoolWindow): void {
  const [D, H, W] = src.size;
  const [oD, oH, oW] = w.outSize;
  const [kd, kh, kw] = w.kernel;
  const [sn, sc, sz, sy, sx] = src.strides;
  const [dn, dc, dz, dy, dx] = dst.strides;
  for (let n = 0; n < src.batch; n++) {
    for (let c = 0; c < src.channels; c++) {
      const sBase = n * sn + c * sc;
      const dBase = n * dn + c * dc;
      for (let oz = 0; oz < oD; oz++) {
        for (let oy = 0; oy < oH; oy++) {
          for (let ox = 0; ox < oW; ox++) {
            let best = -Infinity;
            let bestIndex = -1;
            for (let tz = 0; tz < kd; tz++) {
              const z = oz * w.stride[0] - w.padBefore[0] + tz * w.dilation[0];
              if (z < 0 || z >= D) continue;
              for (let ty = 0; ty < kh; ty++) {
                const y = oy * w.stride[1] - w.padBefore[1] + ty * w.dilation[1];
                if (y < 0 || y >= H) continue;
                for (let tx = 0; tx < kw; tx++) {
                  const x = ox * w.stride[2] - w.padBefore[2] + tx * w.dilation[2];
                  if (x < 0 || x >= W) continue;
                  const v = src.data[sBase + z * sz + y * sy + x * sx];
                  if (bestIndex < 0 || v > best || Number.isNaN(v)) {
                    best = v;
                    bestIndex = (z * H + y) * W + x;
                  }
                }
              }
            }
            if (bestIndex < 0) throw onlyPadding(fn, [oz, oy, ox].slice(3 - src.rank), w, src.size, src.rank);
            const at = dBase + oz * dz + oy * dy + ox * dx;
            dst.data[at] = best;
            indices[at] = bestIndex;
          }
        }
      }
    }
  }
}

/**
 * Average pooling: each output is its window's sum over the input divided by the window's
 * size counting the padding (`countIncludePad`; a window is clipped at the end of the padding,
 * as PyTorch and onnxruntime do in ceil mode) or by the number of input elements it covers.
 */
export function avgPoolVolumes(fn: string, src: Volumes, dst: Volumes, w: PoolWindow, countIncludePad: boolean): void {
  const [oD, oH, oW] = w.outSize;
  const [sn, sc, sz, sy, sx] = src.strides;
  const [dn, dc, dz, dy, dx] = dst.strides;
  // per axis and output position: the first and end input position inside the input, and the window length with padding
  const axes = [0, 1, 2].map((a) => {
    const first = new Int32Array(w.outSize[a]);
    const end = new Int32Array(w.outSize[a]);
    const padded = new Int32Array(w.outSize[a]);
    for (let o = 0; o < w.outSize[a]; o++) {
      const start = o * w.stride[a] - w.padBefore[a];
      const stop = Math.min(start + w.dilation[a] * (w.kernel[a] - 1) + 1, src.size[a] + w.padAfter[a]);
      padded[o] = Math.ceil((stop - start) / w.dilation[a]);
      // first tap at or after 0, taps `dilation` apart, before min(stop, size)
      first[o] = start >= 0 ? start : start + Math.ceil(-start / w.dilation[a]) * w.dilation[a];
      end[o] = Math.min(stop, src.size[a]);
    }
    return { first, end, padded };
  });
  const [az, ay, ax] = axes;
  const [ddz, ddy, ddx] = w.dilation;
  for (let n = 0; n < src.batch; n++) {
    for (let c = 0; c < src.channels; c++) {
      const sBase = n * sn + c * sc;
      const dBase = n * dn + c * dc;
      for (let oz = 0; oz < oD; oz++) {
        for (let oy = 0; oy < oH; oy++) {
          for (let ox = 0; ox < oW; ox++) {
            let sum = 0;
            let count = 0;
            for (let z = az.first[oz]; z < az.end[oz]; z += ddz) {
              for (let y = ay.first[oy]; y < ay.end[oy]; y += ddy) {
                for (let x = ax.first[ox]; x < ax.end[ox]; x += ddx) {
                  sum += src.data[sBase + z * sz + y * sy + x * sx];
                  count++;
                }
              }
            }
            if (count === 0) throw onlyPadding(fn, [oz, oy, ox].slice(3 - src.rank), w, src.size, src.rank);
            const divisor = countIncludePad ? az.padded[oz] * ay.padded[oy] * ax.padded[ox] : count;
            dst.data[dBase + oz * dz + oy * dy + ox * dx] = sum / divisor;
          }
        }
      }
    }
  }
}

/**
 * Rewrites `indices` (strided like `dst`, holding positions flat in their own input volume, as
 * `maxPoolVolumes` writes them) into `convention`, in place; `src` gives the sizes they refer to.
 */
export function encodeVolumeIndices(indices: TensorData, dst: Volumes, src: Volumes, convention: PoolIndexConvention): void {
  if (convention === "pytorch") return;
  const [oD, oH, oW] = dst.size;
  const [dn, dc, dz, dy, dx] = dst.strides;
  for (let n = 0; n < dst.batch; n++) {
    for (let c = 0; c < dst.channels; c++) {
      for (let oz = 0; oz < oD; oz++) {
        for (let oy = 0; oy < oH; oy++) {
          for (let ox = 0; ox < oW; ox++) {
            const at = n * dn + c * dc + oz * dz + oy * dy + ox * dx;
            indices[at] = encodePoolIndex(convention, src, n, c, indices[at]);
          }
        }
      }
    }
  }
}
