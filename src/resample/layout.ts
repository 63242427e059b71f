/**
 * The image-batch conventions shared by the upsampling and pooling ops:
 * a 4-D tensor in NCHW (default) or NHWC layout, or a 2-D `[H, W]` tensor
 * meaning one image with one channel (the result then comes back 2-D),
 * and the optional preallocated `out` tensor.
 */
import { Tensor, sameShape, type DType } from "../tensor";
import { checkAllocatable, describe } from "../args";
import { nchwStrides, nhwcStrides, type ImageStrides } from "../imageStrides";

/** Memory layout of a 4-D image batch: PyTorch's NCHW or Keras/TF's NHWC. */
export type Layout = "NCHW" | "NHWC";

/**
 * A batch of image planes seen through its layout: element `(n, c, y, x)` lives at
 * `data[n * strides.image + c * strides.channel + y * strides.row + x * strides.column]`.
 */
export interface ImageBatch {
  readonly batch: number;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  readonly layout: Layout;
  /** True when the tensor was 2-D `[H, W]` (results come back 2-D too). */
  readonly planeOnly: boolean;
  readonly data: Tensor["data"];
  readonly strides: ImageStrides;
}

/** Checks a layout option: `'NCHW'` (default) or `'NHWC'`. */
export function checkLayout(fn: string, layout: unknown): Layout {
  if (layout === undefined) return "NCHW";
  if (layout !== "NCHW" && layout !== "NHWC") {
    throw new TypeError(`${fn}: layout must be 'NCHW' or 'NHWC', got ${describe(layout)}`);
  }
  return layout;
}

/** Views `x` (2-D or 4-D) as an image batch; throws a clear error for any other input. */
export function readImageBatch(fn: string, x: unknown, layout: Layout, name = "x"): ImageBatch {
  if (!(x instanceof Tensor)) {
    throw new TypeError(`${fn}: ${name} must be a Tensor, got ${describe(x)}`);
  }
  if (x.rank === 2) {
    const [height, width] = x.shape;
    return {
      batch: 1,
      channels: 1,
      height,
      width,
      layout,
      planeOnly: true,
      data: x.data,
      strides: nchwStrides(1, height, width),
    };
  }
  if (x.rank !== 4) {
    throw new RangeError(`${fn}: ${name} must be a 2-D [H, W] or 4-D ${layout} tensor, got shape [${x.shape.join(", ")}]`);
  }
  const [batch, channels, height, width] = layout === "NCHW" ? x.shape : [x.shape[0], x.shape[3], x.shape[1], x.shape[2]];
  const strides = layout === "NCHW" ? nchwStrides(channels, height, width) : nhwcStrides(channels, height, width);
  return { batch, channels, height, width, layout, planeOnly: false, data: x.data, strides };
}

/** The tensor shape of a batch like `like` but with spatial size `height x width`. */
export function batchShape(like: ImageBatch, height: number, width: number): number[] {
  if (like.planeOnly) return [height, width];
  return like.layout === "NCHW" ? [like.batch, like.channels, height, width] : [like.batch, height, width, like.channels];
}

/**
 * The output of an op writing a batch shaped like `like` with spatial size
 * `height x width`: `out` when given (checked; zero-filled only when `zeroed`, for ops that
 * leave pixels unwritten), otherwise a new tensor (fresh typed arrays are already zero);
 * returned with its image-batch view. Ops that write every output pixel pass `zeroed = false`:
 * clearing is time spent on values overwritten anyway.
 */
export function prepareOutput(
  fn: string,
  out: unknown,
  like: ImageBatch,
  height: number,
  width: number,
  dtype: DType,
  name = "out",
  zeroed = true,
): { tensor: Tensor; view: ImageBatch } {
  const shape = batchShape(like, height, width);
  let tensor: Tensor;
  if (out === undefined) {
    const size = checkAllocatable(fn, shape, dtype);
    tensor = new Tensor(dtype === "float64" ? new Float64Array(size) : new Float32Array(size), shape);
  } else {
    if (!(out instanceof Tensor)) {
      throw new TypeError(`${fn}: ${name} must be a Tensor, got ${describe(out)}`);
    }
    if (!sameShape(out.shape, shape)) {
      throw new RangeError(`${fn}: ${name} must have shape [${shape.join(", ")}], got [${out.shape.join(", ")}]`);
    }
    if (out.dtype !== dtype) {
      throw new TypeError(`${fn}: ${name} must have dtype '${dtype}', got '${out.dtype}'`);
    }
    if (zeroed) out.data.fill(0);
    tensor = out;
  }
  return { tensor, view: readImageBatch(fn, tensor, like.layout, name) };
}
