/**
 * Float32 2x2 stride-2 max-pooling with indices on the WebAssembly SIMD kernel
 * (`assembly/pool.ts`), for contiguous planes (NCHW or 2-D): same values and indices, bit for
 * bit, as the TypeScript op (same tap order and tie/NaN rule).
 *
 * Memory: chunks of about `chunkBytes` of input (whole planes, or bands of row pairs of a larger
 * plane) are copied into the kernel's arena, pooled, and their values and indices copied out
 * right away, while they are in cache; nothing is zero-filled.
 */
import type { ImageBatch } from "../resample/layout";
import { releaseLargeArena, reserveArena, wasmKernels } from "./kernels";

/** Input bytes per chunk (the chunk's values and indices are 1/4 and 1/2 of it). */
export const POOL_CHUNK_BYTES = 128 * 1024;

const align16 = (bytes: number): number => (bytes + 15) & ~15;

function consecutivePlanes(b: ImageBatch): boolean {
  return (
    b.strides.column === 1 &&
    b.strides.row === b.width &&
    b.strides.channel === b.height * b.width &&
    b.strides.image === b.channels * b.strides.channel
  );
}

/**
 * Pools `src` into `values` (float32, `oh x ow` planes) and `indices` (float64, flat `y * W + x`
 * per input plane) with 2x2 windows, stride 2, no padding (`2 oh <= H`, `2 ow <= W`). Returns
 * false, writing nothing, unless the data are float32 in consecutive planes and the kernels are
 * available; the caller then runs its TypeScript path.
 */
export function maxPool2x2Wasm(
  src: ImageBatch,
  values: ImageBatch,
  indices: Float64Array,
  chunkBytes = POOL_CHUNK_BYTES,
): boolean {
  if (!(src.data instanceof Float32Array) || !(values.data instanceof Float32Array)) return false;
  if (!consecutivePlanes(src) || !consecutivePlanes(values) || indices.length !== values.data.length) return false;
  if (values.data.length === 0) return true;
  const k = wasmKernels();
  if (k === null) return false;
  const { height: h, width: w } = src;
  const { height: oh, width: ow } = values;
  const planes = src.batch * src.channels;
  const inPlane = h * w;
  const planesPer = inPlane * 4 <= chunkBytes ? Math.max(1, Math.floor(chunkBytes / (inPlane * 4))) : 1;
  const rowsPer = planesPer > 1 || inPlane * 4 <= chunkBytes ? oh : Math.max(1, Math.floor(chunkBytes / (8 * w)));
  const chunkPlanes = Math.min(planesPer, planes);
  const inPtr = align16(k.heapBase());
  const valuesPtr = align16(inPtr + chunkPlanes * (rowsPer === oh ? inPlane : 2 * rowsPer * w) * 4);
  const indicesPtr = align16(valuesPtr + chunkPlanes * rowsPer * ow * 4);
  const end = indicesPtr + chunkPlanes * rowsPer * ow * 8;
  if (!reserveArena(k, end - k.heapBase())) return false;
  const buffer = k.memory.buffer;
  const mem = new Float32Array(buffer);
  const mem64 = new Float64Array(buffer);
  const sData = src.data;
  const vData = values.data;
  for (let p0 = 0; p0 < planes; p0 += planesPer) {
    const np = Math.min(planesPer, planes - p0);
    for (let oy0 = 0; oy0 < oh; oy0 += rowsPer) {
      const oy1 = Math.min(oh, oy0 + rowsPer);
      const whole = oy0 === 0 && oy1 === oh;
      // whole planes (odd trailing rows included, so planes stay h*w apart), or the band's row pairs
      const from = p0 * inPlane + (whole ? 0 : 2 * oy0 * w);
      const to = whole ? (p0 + np) * inPlane : from + 2 * (oy1 - oy0) * w;
      mem.set(sData.subarray(from, to), inPtr >> 2);
      k.maxPool2x2(inPtr, valuesPtr, indicesPtr, np, whole ? h : 2 * (oy1 - oy0), w, oy1 - oy0, ow, whole ? 0 : 2 * oy0 * w);
      const count = np * (oy1 - oy0) * ow;
      const at = p0 * oh * ow + oy0 * ow;
      vData.set(mem.subarray(valuesPtr >> 2, (valuesPtr >> 2) + count), at);
      indices.set(mem64.subarray(indicesPtr >> 3, (indicesPtr >> 3) + count), at);
    }
  }
  releaseLargeArena(k);
  return true;
}
