/** 2-D max-unpooling: put each pooled value back where its maximum was, zeros elsewhere. */
import { Tensor, sameShape } from "../tensor";
import { checkAllocatable, checkOptionNames, describe } from "../args";
import { type ImageBatch, type Layout, batchShape, checkLayout, prepareOutput, readImageBatch } from "../resample/layout";
import { type PoolWindowOptions } from "./poolGeometry";
import { parsePoolWindow } from "./poolWindowNd";
import {
  decodePoolIndex,
  parseIndexConvention,
  poolIndexLimit,
  type IndexSpace,
  type PoolIndexConvention,
} from "./indexConvention";

/** Options of {@link maxUnpool2d}: the geometry of the pooling being undone. */
export interface MaxUnpool2dOptions extends Omit<PoolWindowOptions, "padding"> {
  /** The pooling's padding: `p`, `[ph, pw]` or `[top, left, bottom, right]`; default 0. */
  padding?: number | readonly number[];
  /** The convention the indices are in (as `maxPool2d` returned them); default `'pytorch'`. */
  indexConvention?: PoolIndexConvention;
  /**
   * Size `[h, w]` of the image before pooling. Needed when pooling dropped rows or
   * columns (odd sizes): the default `(i - 1) * stride - 2 * padding + kernelSize`
   * cannot know them. Allowed: default - stride + 1 .. default + stride - 1 per axis.
   */
  outputSize?: readonly [number, number];
  /** Layout of 4-D inputs: `'NCHW'` (default, PyTorch) or `'NHWC'` (Keras/TF). */
  layout?: Layout;
  /** Preallocated output (shape and dtype checked). */
  out?: Tensor;
}

const OPTION_NAMES = ["kernelSize", "stride", "padding", "outputSize", "layout", "out", "indexConvention"] as const;

function checkOutputSize(fn: string, value: unknown, defaults: [number, number], stride: [number, number]): [number, number] {
  if (value === undefined) return defaults;
  const ranges = [0, 1].map((a) => [Math.max(1, defaults[a] - stride[a] + 1), defaults[a] + stride[a] - 1]);
  const allowed = `[h, w] with ${ranges[0][0]} <= h <= ${ranges[0][1]} and ${ranges[1][0]} <= w <= ${ranges[1][1]}`;
  if (!Array.isArray(value) || value.length !== 2) {
    throw new TypeError(`${fn}: outputSize must be ${allowed}, got ${describe(value)}`);
  }
  const ok = value.every((v, a) => typeof v === "number" && Number.isInteger(v) && v >= ranges[a][0] && v <= ranges[a][1]);
  if (!ok) throw new RangeError(`${fn}: outputSize must be ${allowed}, got ${describe(value)}`);
  return [value[0], value[1]];
}

/** Throws unless every index is an integer inside an `oh x ow` plane (checked before any write). */
function checkIndices(
  fn: string,
  indices: Tensor,
  planeSize: number,
  oh: number,
  ow: number,
  convention: PoolIndexConvention = "pytorch",
): void {
  const data = indices.data;
  for (let i = 0; i < data.length; i++) {
    const index = data[i];
    if (!Number.isInteger(index) || index < 0 || index >= planeSize) {
      const position: number[] = [];
      let rest = i;
      for (let d = indices.rank - 1; d >= 0; d--) {
        position.unshift(rest % indices.shape[d]);
        rest = Math.floor(rest / indices.shape[d]);
      }
      throw new RangeError(
        `${fn}: indices must be integers in 0..${planeSize - 1} (${convention === "pytorch" ? "flat positions" : `'${convention}' indices`} ` +
          `in the ${oh}x${ow} output ${convention === "pytorch" ? "plane" : "planes"}), ` +
          `got ${describe(index)} at [${position.join(", ")}]`,
      );
    }
  }
}

/**
 * Max-unpooling (PyTorch `max_unpool2d`): writes each value of `values` at the flat
 * per-plane position `indices` gives (as returned by {@link maxPool2d}) in an output of
 * zeros. `values` and `indices` must have the same shape (2-D `[H, W]` or 4-D); every
 * index must be an integer in `0 .. h*w - 1` of the output plane.
 *
 * @example maxUnpool2d(tensor([[5, 9], [7, 4]]), tensor([[0, 6], [9, 15]]), { kernelSize: 2 })
 *   // [[5,0,0,0],[0,0,9,0],[0,7,0,0],[0,0,0,4]]
 */
export function maxUnpool2d(values: Tensor, indices: Tensor, options: MaxUnpool2dOptions): Tensor {
  const fn = "maxUnpool2d";
  checkOptionNames(fn, options, OPTION_NAMES);
  const opts = options ?? ({} as Partial<MaxUnpool2dOptions>);
  if (typeof opts.padding === "string") {
    throw new TypeError(`${fn}: padding must be numbers (the pooling's resolved padding), got ${describe(opts.padding)}`);
  }
  // the window is checked as the pooling's; the kernel need not fit the pooled size, so check it on a large input
  const { kernel, stride, padBefore, padAfter } = parsePoolWindow(fn, { ...opts, dilation: undefined, ceilMode: undefined }, [
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER,
  ]);
  const convention = parseIndexConvention(fn, opts.indexConvention);
  const layout = checkLayout(fn, opts.layout);
  const src = readImageBatch(fn, values, layout, "values");
  const idx = readImageBatch(fn, indices, layout, "indices");
  if (!sameShape(values.shape, indices.shape)) {
    throw new RangeError(
      `${fn}: indices must have the shape of values [${values.shape.join(", ")}], got [${indices.shape.join(", ")}]`,
    );
  }
  const defaults: [number, number] = [
    (src.height - 1) * stride[0] - padBefore[0] - padAfter[0] + kernel[0],
    (src.width - 1) * stride[1] - padBefore[1] - padAfter[1] + kernel[1],
  ];
  const [oh, ow] = checkOutputSize(fn, opts.outputSize, defaults, [stride[0], stride[1]]);
  const planeSize = oh * ow;
  checkAllocatable(fn, batchShape(src, oh, ow), values.dtype);
  if (convention !== "pytorch") {
    const space: IndexSpace = { batch: src.batch, channels: src.channels, size: [1, oh, ow] };
    checkIndices(fn, indices, poolIndexLimit(convention, space), oh, ow, convention);
    const { tensor: out, view: dst } = prepareOutput(fn, opts.out, src, oh, ow, values.dtype);
    unpoolDecoded(src, idx, dst, space, convention);
    return out;
  }
  // Contiguous planes into a fresh output: the indices are checked during the scatter, one pass
  // instead of two, and a bad one throws before anyone sees the output. A caller's `out` is only
  // written after every index passed.
  const fused = src.strides.column === 1 && opts.out === undefined;
  if (!fused) checkIndices(fn, indices, planeSize, oh, ow);
  const { tensor: out, view: dst } = prepareOutput(fn, opts.out, src, oh, ow, values.dtype);
  if (src.strides.column === 1) {
    if (!scatterPlanes(src, idx, dst, planeSize)) checkIndices(fn, indices, planeSize, oh, ow); // throws
    return out;
  }
  for (let n = 0; n < src.batch; n++) {
    for (let ch = 0; ch < src.channels; ch++) {
      const sBase = n * src.strides.image + ch * src.strides.channel;
      const dBase = n * dst.strides.image + ch * dst.strides.channel;
      for (let y = 0; y < src.height; y++) {
        for (let c = 0; c < src.width; c++) {
          const at = sBase + y * src.strides.row + c * src.strides.column;
          const index = idx.data[at];
          const ty = Math.floor(index / ow);
          const tx = index - ty * ow;
          dst.data[dBase + ty * dst.strides.row + tx * dst.strides.column] = src.data[at];
        }
      }
    }
  }
  return out;
}

/**
 * The contiguous case (NCHW or 2-D): a plane's values and indices are `h * w` consecutive
 * elements and an output plane's flat position `index` is at `index` from its start,
 * so the scatter is one flat loop per plane (the output is already zero-filled), in the
 * generic loop's order (a repeated index keeps the last value). Stops and returns false at the
 * first index that is not an integer in `0 .. planeSize - 1`.
 */
function scatterPlanes(src: ImageBatch, idx: ImageBatch, dst: ImageBatch, planeSize: number): boolean {
  const values = src.data;
  const indices = idx.data;
  const out = dst.data;
  const count = src.height * src.width;
  for (let n = 0; n < src.batch; n++) {
    for (let ch = 0; ch < src.channels; ch++) {
      const sBase = n * src.strides.image + ch * src.strides.channel;
      const dBase = n * dst.strides.image + ch * dst.strides.channel;
      for (let i = sBase; i < sBase + count; i++) {
        const index = indices[i];
        const at = index | 0; // equal to index only for integers in the int32 range (-0 -> 0)
        if (at !== index || at < 0 || at >= planeSize) return false;
        out[dBase + at] = values[i];
      }
    }
  }
  return true;
}

/**
 * Unpooling with indices in a convention that may point to another image or channel (ONNX's
 * whole-tensor indices, TF's channels-last ones): each value goes where its index decodes to.
 * The indices were checked before the output was cleared.
 */
function unpoolDecoded(
  src: ImageBatch,
  idx: ImageBatch,
  dst: ImageBatch,
  space: IndexSpace,
  convention: PoolIndexConvention,
): void {
  const ow = dst.width;
  for (let n = 0; n < src.batch; n++) {
    for (let ch = 0; ch < src.channels; ch++) {
      for (let y = 0; y < src.height; y++) {
        for (let c = 0; c < src.width; c++) {
          const at = n * src.strides.image + ch * src.strides.channel + y * src.strides.row + c * src.strides.column;
          const [tn, tc, p] = decodePoolIndex(convention, space, n, ch, idx.data[at]);
          const ty = Math.floor(p / ow);
          const tx = p - ty * ow;
          dst.data[tn * dst.strides.image + tc * dst.strides.channel + ty * dst.strides.row + tx * dst.strides.column] =
            src.data[at];
        }
      }
    }
  }
}
