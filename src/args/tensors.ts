/**
 * Validation of tensor arguments and of the outputs an op allocates.
 */
import { sameShape, Tensor, type DType, type TensorData } from "../tensor";
import { checkAllocatable, describe } from "./values";

/** Throws a TypeError unless `value` is a Tensor; returns it typed. */
export function requireTensor(fn: string, name: string, value: unknown): Tensor {
  if (!(value instanceof Tensor)) {
    throw new TypeError(`${fn}: ${name} must be a Tensor, got ${describe(value)}`);
  }
  return value;
}

/** A 4-D view of an image argument, and whether the caller passed it as 2-D. */
export interface Batched {
  /** The tensor as 4-D (a 2-D `[H, W]` input becomes `[1, 1, H, W]`; data shared). */
  readonly tensor: Tensor;
  /** True when the caller gave a 2-D tensor, so results go back as 2-D. */
  readonly was2d: boolean;
}

/**
 * Accepts a 4-D tensor, or a 2-D `[H, W]` tensor meaning one image with one
 * channel (viewed as `[1, 1, H, W]`); `layout` only names the axes in the error.
 */
export function toBatched(fn: string, name: string, value: unknown, layout = "[N, C, H, W]"): Batched {
  const t = requireTensor(fn, name, value);
  if (t.rank === 4) return { tensor: t, was2d: false };
  if (t.rank === 2) return { tensor: t.reshape([1, 1, t.shape[0], t.shape[1]]), was2d: true };
  throw new RangeError(`${fn}: ${name} must be a 2-D [H, W] or 4-D ${layout} tensor, got shape [${t.shape.join(", ")}]`);
}

/** Throws unless `t` has the dtype of the main input (ops never mix float32 and float64 silently). */
export function requireDtype(fn: string, name: string, t: Tensor, dtype: DType): void {
  if (t.dtype !== dtype) {
    throw new TypeError(`${fn}: ${name} must have dtype '${dtype}' like the input, got '${t.dtype}'`);
  }
}

/**
 * Validates an optional preallocated output against the expected shape and
 * dtype and returns its data zeroed (left as it is when `zeroFill` is false: for
 * kernels that write every element), or allocates fresh (zero) data when `out` is undefined.
 */
export function outputData(fn: string, out: unknown, shape: readonly number[], dtype: DType, zeroFill = true): TensorData {
  if (out === undefined) {
    const size = checkAllocatable(fn, shape, dtype);
    return dtype === "float64" ? new Float64Array(size) : new Float32Array(size);
  }
  const t = requireTensor(fn, "out", out);
  if (!sameShape(t.shape, shape)) {
    throw new RangeError(`${fn}: out must have shape [${shape.join(", ")}], got [${t.shape.join(", ")}]`);
  }
  requireDtype(fn, "out", t, dtype);
  if (zeroFill) t.data.fill(0);
  return t.data;
}

/**
 * Throws when a preallocated `out` shares memory with an input (it is cleared
 * before the inputs are read, so the result would be wrong).
 */
export function checkNoAlias(fn: string, out: unknown, inputs: Record<string, Tensor | undefined>): void {
  if (!(out instanceof Tensor)) return;
  for (const [name, t] of Object.entries(inputs)) {
    if (t !== undefined && t.data.buffer === out.data.buffer) {
      throw new RangeError(`${fn}: out must not share memory with ${name}, got a tensor viewing the same data`);
    }
  }
}

/**
 * Wraps computed data as the result: into `out` when given (returned as is),
 * otherwise a new tensor of `shape`.
 */
export function resultTensor(data: TensorData, shape: readonly number[], out: Tensor | undefined): Tensor {
  return out ?? new Tensor(data, shape);
}
