/**
 * Float32 resampling of contiguous planes (NCHW or 2-D) on the WebAssembly SIMD kernels
 * (`assembly/resample.ts`), with the tap tables the TypeScript ops computed, so both paths read
 * the same taps and give the same bits. Resizes that shrink a plane are left to TypeScript.
 *
 * Memory: the output is produced in chunks of about `chunkBytes` (whole planes when a plane is
 * smaller, else bands of rows): a chunk's input planes are copied into the kernel's arena, the
 * kernel writes the chunk's output rows, and they are copied out right away, while they are still
 * in the L2 cache. So the arena holds only the tables, one chunk of input planes and one chunk of
 * output (not a second copy of the whole output), and nothing is zero-filled.
 */
import type { BilinearTables } from "../resample/bilinearPlanes";
import type { ImageBatch } from "../resample/layout";
import { releaseLargeArena, reserveArena, wasmKernels, type WasmKernelExports } from "./kernels";

/**
 * Output bytes per chunk: 128 KiB keeps a chunk and its input well inside a 512 KiB L2 (64-256 KiB
 * measured alike, the whole output as one chunk slower: ./DESIGN.md).
 */
export const RESAMPLE_CHUNK_BYTES = 128 * 1024;

/** True when the batch's planes are consecutive float32 rows without gaps (NCHW or 2-D, contiguous). */
function consecutivePlanes(b: ImageBatch): boolean {
  return (
    b.data instanceof Float32Array &&
    b.strides.column === 1 &&
    b.strides.row === b.width &&
    b.strides.channel === b.height * b.width &&
    b.strides.image === b.channels * b.strides.channel
  );
}

/**
 * Whether the kernels take this resize: float32 consecutive planes, a non-empty output, and
 * output planes at least as large as input planes. The arena then holds at most one chunk of
 * output plus input planes no larger than the output (the "working buffer <= output" rule);
 * shrinking resizes stay in TypeScript, whose working buffer is two rows.
 */
function accepts(src: ImageBatch, dst: ImageBatch): boolean {
  return (
    consecutivePlanes(src) && consecutivePlanes(dst) && dst.data.length > 0 && src.height * src.width <= dst.height * dst.width
  );
}

const align16 = (bytes: number): number => (bytes + 15) & ~15;

/** The kernel call for one chunk: planes starting at `srcPtr`, output rows y0..y1 written at `dstPtr`. */
type ChunkKernel = (k: WasmKernelExports, srcPtr: number, dstPtr: number, planes: number, y0: number, y1: number) => void;

/**
 * Runs `kernel` over the whole batch in chunks (see the module comment). `tableBytes` are reserved
 * first and filled by `writeTables(buffer, at)`. False (nothing written) when the kernels are not
 * available or the arena cannot hold a chunk.
 */
function runInChunks(
  src: ImageBatch,
  dst: ImageBatch,
  tableBytes: number,
  writeTables: (buffer: ArrayBuffer, at: number) => void,
  kernel: ChunkKernel,
  chunkBytes: number,
): boolean {
  const k = wasmKernels();
  if (k === null) return false;
  const planes = src.batch * src.channels;
  const inPlane = src.height * src.width;
  const outW = dst.width;
  const outH = dst.height;
  const outPlane = outH * outW;
  const rowBytes = outW * 4;
  const planesPer = outPlane * 4 <= chunkBytes ? Math.max(1, Math.floor(chunkBytes / (outPlane * 4))) : 1;
  const rowsPer = planesPer > 1 || outPlane * 4 <= chunkBytes ? outH : Math.max(1, Math.floor(chunkBytes / rowBytes));
  const base = align16(k.heapBase());
  const inPtr = align16(base + tableBytes);
  const outPtr = align16(inPtr + Math.min(planesPer, planes) * inPlane * 4);
  const end = outPtr + Math.min(planesPer, planes) * rowsPer * rowBytes;
  if (!reserveArena(k, end - k.heapBase())) return false;
  writeTables(k.memory.buffer, base);
  const mem = new Float32Array(k.memory.buffer);
  const sData = src.data as Float32Array;
  const dData = dst.data as Float32Array;
  for (let p0 = 0; p0 < planes; p0 += planesPer) {
    const np = Math.min(planesPer, planes - p0);
    mem.set(sData.subarray(p0 * inPlane, (p0 + np) * inPlane), inPtr >> 2);
    for (let y0 = 0; y0 < outH; y0 += rowsPer) {
      const y1 = Math.min(outH, y0 + rowsPer);
      kernel(k, inPtr, outPtr, np, y0, y1);
      const count = np * (y1 - y0) * outW;
      dData.set(mem.subarray(outPtr >> 2, (outPtr >> 2) + count), p0 * outPlane + y0 * outW);
    }
  }
  releaseLargeArena(k);
  return true;
}

/**
 * Bilinear resampling of `src` into `dst` (same batch and channels; `dst` spatial size = the
 * tables' lengths) on the SIMD kernel. Returns false, writing nothing, unless both are float32
 * with consecutive planes, the output planes are at least as large as the input planes and the
 * kernels are available; the caller then runs its TypeScript path.
 */
export function bilinearPlanesWasm(
  src: ImageBatch,
  dst: ImageBatch,
  tables: BilinearTables,
  chunkBytes = RESAMPLE_CHUNK_BYTES,
): boolean {
  if (!accepts(src, dst)) return false;
  const outH = tables.rowLo.length;
  const outW = tables.colLo.length;
  // rowLo, rowHi (i32), rowT (f64), colLo, colHi (i32), colT (f64), across (2 outW f64 + 2 i32)
  const rowLo = 0;
  const rowHi = rowLo + align16(outH * 4);
  const rowT = rowHi + align16(outH * 4);
  const colLo = rowT + align16(outH * 8);
  const colHi = colLo + align16(outW * 4);
  const colT = colHi + align16(outW * 4);
  const across = colT + align16(outW * 8);
  const tableBytes = across + align16(outW * 16 + 8);
  let paired = tables.pairedCols ? 2 : 0; // 2: x2 pattern with the same two weights for every pair
  for (let c = 3; paired === 2 && c + 1 < outW - 1; c += 2) {
    if (tables.colT[c] !== tables.colT[1] || tables.colT[c + 1] !== tables.colT[2]) paired = 1;
  }
  let at = 0;
  return runInChunks(
    src,
    dst,
    tableBytes,
    (buffer, base) => {
      at = base;
      new Int32Array(buffer, base + rowLo, outH).set(tables.rowLo);
      new Int32Array(buffer, base + rowHi, outH).set(tables.rowHi);
      new Float64Array(buffer, base + rowT, outH).set(tables.rowT);
      new Int32Array(buffer, base + colLo, outW).set(tables.colLo);
      new Int32Array(buffer, base + colHi, outW).set(tables.colHi);
      new Float64Array(buffer, base + colT, outW).set(tables.colT);
    },
    (k, s, d, planes, y0, y1) =>
      k.bilinearRows(
        s,
        d,
        planes,
        src.height,
        src.width,
        outW,
        y0,
        y1,
        at + rowLo,
        at + rowHi,
        at + rowT,
        at + colLo,
        at + colHi,
        at + colT,
        at + across,
        paired,
      ),
    chunkBytes,
  );
}

/**
 * Nearest-neighbour resampling of `src` into `dst` on the SIMD kernel: output pixel (y, c) takes
 * input (rowSource[y], colSource[c]); `repeat` = k > 0 when colSource[c] = floor(c / k) for every
 * column (k = 2 uses SIMD shuffles). Values are copied as bits. False, writing nothing, as for
 * {@link bilinearPlanesWasm}.
 */
export function nearestPlanesWasm(
  src: ImageBatch,
  dst: ImageBatch,
  rowSource: Int32Array,
  colSource: Int32Array,
  repeat: number,
  chunkBytes = RESAMPLE_CHUNK_BYTES,
): boolean {
  if (!accepts(src, dst)) return false;
  const outH = rowSource.length;
  const outW = colSource.length;
  const colOffset = align16(outH * 4);
  let at = 0;
  return runInChunks(
    src,
    dst,
    colOffset + align16(outW * 4),
    (buffer, base) => {
      at = base;
      new Int32Array(buffer, base, outH).set(rowSource);
      new Int32Array(buffer, base + colOffset, outW).set(colSource);
    },
    (k, s, d, planes, y0, y1) => k.nearestRows(s, d, planes, src.height, src.width, outW, y0, y1, at, at + colOffset, repeat),
    chunkBytes,
  );
}

/** One axis's taps as `tapPlanesWasm` reads them: `width` taps per output index. */
export interface TapTable {
  width: number;
  index: Int32Array;
  weight: Float64Array;
}

/**
 * Separable resampling of `src` into `dst` with any tap tables (`resize`'s cubic, lanczos and
 * area modes) on the SIMD kernel, in float32 arithmetic. False, writing nothing, as for
 * {@link bilinearPlanesWasm}.
 */
export function tapPlanesWasm(
  src: ImageBatch,
  dst: ImageBatch,
  rows: TapTable,
  cols: TapTable,
  chunkBytes = RESAMPLE_CHUNK_BYTES,
): boolean {
  if (!accepts(src, dst)) return false;
  const rowIdx = 0;
  const rowW = rowIdx + align16(rows.index.length * 4);
  const colIdx = rowW + align16(rows.index.length * 4);
  const colW = colIdx + align16(cols.index.length * 4);
  const tmp = colW + align16(cols.index.length * 4);
  const tableBytes = tmp + align16(src.width * 4 + 16);
  let at = 0;
  return runInChunks(
    src,
    dst,
    tableBytes,
    (buffer, base) => {
      at = base;
      new Int32Array(buffer, base + rowIdx, rows.index.length).set(rows.index);
      new Float32Array(buffer, base + rowW, rows.weight.length).set(rows.weight);
      new Int32Array(buffer, base + colIdx, cols.index.length).set(cols.index);
      new Float32Array(buffer, base + colW, cols.weight.length).set(cols.weight);
    },
    (k, s, d, planes, y0, y1) =>
      k.tapRows(
        s,
        d,
        planes,
        src.height,
        src.width,
        dst.width,
        y0,
        y1,
        at + rowIdx,
        at + rowW,
        rows.width,
        at + colIdx,
        at + colW,
        cols.width,
        at + tmp,
      ),
    chunkBytes,
  );
}
