/** Nearest-neighbour upsampling and resizing. */
import { Tensor } from "../tensor";
import { checkOptionNames } from "../args";
import { type ImageBatch, type Layout, checkLayout, prepareOutput, readImageBatch } from "./layout";
import { type ScaleFactor, targetSize } from "./targetSize";
import { nearestPlanesWasm } from "../wasm/resampleWasm";

/**
 * Output elements from which float32 contiguous planes go to the WebAssembly kernel (where the
 * TypeScript and WebAssembly calls tie, measured: src/wasm/DESIGN.md).
 */
export const NEAREST_WASM_MIN_OUTPUT = 256;

/** Options of {@link upsampleNearest}. */
export interface UpsampleNearestOptions {
  /** Integer factor per axis (`2` or `[2, 3]`): each pixel becomes an `sh x sw` block. */
  scale?: ScaleFactor;
  /** Resize to exactly `[h, w]` instead (any size, also smaller). Give `scale` or `size`, not both. */
  size?: readonly [number, number];
  /** Layout of a 4-D input: `'NCHW'` (default, PyTorch) or `'NHWC'` (Keras/TF). */
  layout?: Layout;
  /** Preallocated output of the right shape and dtype; filled and returned. */
  out?: Tensor;
}

const OPTION_NAMES = ["scale", "size", "layout", "out"] as const;

/**
 * The source index of output position `dst` when resizing `inSize -> outSize` the
 * nearest way: `floor(dst * in / out)` computed exactly in integers (PyTorch
 * `mode='nearest'`, ONNX `asymmetric` + `floor`, TF without half-pixel centres).
 */
export function nearestSourceIndex(dst: number, inSize: number, outSize: number): number {
  return Math.min(Math.floor((dst * inSize) / outSize), inSize - 1);
}

/**
 * Nearest-neighbour upsampling of a 2-D `[H, W]` or 4-D image batch.
 *
 * - `scale: s` (or `[sh, sw]`): each input pixel is copied into an `sh x sw` block
 *   (Keras `UpSampling2D(interpolation='nearest')`, PyTorch `Upsample(scale_factor=s)`).
 * - `size: [h, w]`: resize to any size, output pixel `(y, x)` takes input pixel
 *   `(floor(y * H / h), floor(x * W / w))` (PyTorch `mode='nearest'`).
 *
 * Float32 NCHW (or 2-D) batches run on a WebAssembly SIMD kernel when the engine has one.
 *
 * @example upsampleNearest(tensor([[1, 2], [3, 4]]), { scale: 2 }) // 4x4, 2x2 blocks
 */
export function upsampleNearest(x: Tensor, options: UpsampleNearestOptions): Tensor {
  const fn = "upsampleNearest";
  checkOptionNames(fn, options, OPTION_NAMES);
  const opts = options ?? {};
  const src = readImageBatch(fn, x, checkLayout(fn, opts.layout));
  const [outH, outW] = targetSize(fn, opts, src);
  const { tensor: out, view: dst } = prepareOutput(fn, opts.out, src, outH, outW, x.dtype, "out", false);
  const rowSource = Array.from({ length: outH }, (_, y) => nearestSourceIndex(y, src.height, outH));
  const colSource = Array.from({ length: outW }, (_, c) => nearestSourceIndex(c, src.width, outW));
  if (src.strides.column === 1 && dst.strides.column === 1) {
    const rows = Int32Array.from(rowSource);
    const cols = Int32Array.from(colSource);
    const repeat = wholeRepeat(src.width, cols);
    if (dst.data.length >= NEAREST_WASM_MIN_OUTPUT && nearestPlanesWasm(src, dst, rows, cols, repeat)) return out;
    nearestPlanesTs(src, dst, rows, cols, repeat);
    return out;
  }
  for (let n = 0; n < src.batch; n++) {
    for (let ch = 0; ch < src.channels; ch++) {
      const sBase = n * src.strides.image + ch * src.strides.channel;
      const dBase = n * dst.strides.image + ch * dst.strides.channel;
      for (let y = 0; y < outH; y++) {
        const sRow = sBase + rowSource[y] * src.strides.row;
        const dRow = dBase + y * dst.strides.row;
        for (let c = 0; c < outW; c++) {
          dst.data[dRow + c * dst.strides.column] = src.data[sRow + colSource[c] * src.strides.column];
        }
      }
    }
  }
  return out;
}

/**
 * `k` when every input column repeats `k` times in the column table (`cols[c] = floor(c / k)`,
 * a whole-number factor), else 0: the kernels then skip the table.
 */
export function wholeRepeat(inWidth: number, cols: Int32Array): number {
  return inWidth > 0 && cols.length % inWidth === 0 ? cols.length / inWidth : 0;
}

/**
 * The contiguous-row case (NCHW or 2-D) in TypeScript: each distinct output row is gathered once
 * through the column table, and output rows reading the same input row are copies of
 * the row above (`copyWithin`); a whole-number column factor (x2 unrolled) repeats each
 * input value without the table. Same values as the generic loop (pure copies), about 4x faster
 * (src/wasm/DESIGN.md).
 */
export function nearestPlanesTs(
  src: ImageBatch,
  dst: ImageBatch,
  rowSource: Int32Array,
  colSource: Int32Array,
  repeat: number,
): void {
  const sData = src.data;
  const dData = dst.data;
  const outH = rowSource.length;
  const outW = colSource.length;
  for (let n = 0; n < src.batch; n++) {
    for (let ch = 0; ch < src.channels; ch++) {
      const sBase = n * src.strides.image + ch * src.strides.channel;
      const dBase = n * dst.strides.image + ch * dst.strides.channel;
      for (let y = 0; y < outH; y++) {
        const dRow = dBase + y * dst.strides.row;
        if (y > 0 && rowSource[y] === rowSource[y - 1]) {
          dData.copyWithin(dRow, dRow - dst.strides.row, dRow - dst.strides.row + outW);
          continue;
        }
        const sRow = sBase + rowSource[y] * src.strides.row;
        if (repeat === 2) {
          for (let c = 0, d = dRow; c < src.width; c++, d += 2) {
            const v = sData[sRow + c];
            dData[d] = v;
            dData[d + 1] = v;
          }
        } else if (repeat > 0) {
          for (let c = 0, d = dRow; c < src.width; c++) {
            const v = sData[sRow + c];
            for (let k = 0; k < repeat; k++) dData[d++] = v;
          }
        } else {
          for (let c = 0; c < outW; c++) dData[dRow + c] = sData[sRow + colSource[c]];
        }
      }
    }
  }
}
