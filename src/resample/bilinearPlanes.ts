/**
 * Bilinear resampling of contiguous planes (NCHW or 2-D): the tap tables, and the separable
 * TypeScript kernel (the WebAssembly one, `src/wasm/resampleWasm.ts`, reads the same tables and
 * gives bit-identical results).
 */
import type { ImageBatch } from "./layout";
import type { LinearTap } from "./upsampleBilinear";

/** The taps of every output row and column as flat tables (what both kernels read). */
export interface BilinearTables {
  rowLo: Int32Array;
  rowHi: Int32Array;
  rowT: Float64Array;
  colLo: Int32Array;
  colHi: Int32Array;
  colT: Float64Array;
  /**
   * True when the column table is the x2 pattern (output columns `2j+1, 2j+2` read inputs
   * `j, j+1`; true for x2 half-pixel): the horizontal pass then streams along the input row.
   */
  pairedCols: boolean;
}

/** Flattens the row and column taps into {@link BilinearTables}. */
export function bilinearTables(rows: readonly LinearTap[], cols: readonly LinearTap[], inWidth: number): BilinearTables {
  const outW = cols.length;
  const colLo = Int32Array.from(cols, (k) => k.lo);
  const colHi = Int32Array.from(cols, (k) => k.hi);
  let pairedCols = outW === 2 * inWidth && inWidth >= 2;
  for (let c = 1; pairedCols && c < outW - 1; c++) {
    pairedCols = colLo[c] === (c - 1) >> 1 && colHi[c] === colLo[c] + 1;
  }
  return {
    rowLo: Int32Array.from(rows, (r) => r.lo),
    rowHi: Int32Array.from(rows, (r) => r.hi),
    rowT: Float64Array.from(rows, (r) => r.t),
    colLo,
    colHi,
    colT: Float64Array.from(cols, (k) => k.t),
    pairedCols,
  };
}

/**
 * The contiguous-row case in TypeScript, separable: each needed input row of a plane is
 * interpolated horizontally once into a float64 row kept in a two-slot cache (input row r in
 * slot r & 1; the row taps only move forward), then each output row blends its two cached
 * rows vertically. Output rows reading the same pair (two per pair for x2) are written
 * together from one load of the pair; with `pairedCols` the horizontal pass streams along the
 * input row instead of gathering through the table. Same double-precision operations as the
 * generic loop (`upper + (lower - upper) * t` of `a + (b - a) * t`, weights from the same
 * tables), so the output is bit-identical. The working buffer is two rows of doubles,
 * `16 * outW` bytes (callers use it only when that is at most the output's size). About 3x the
 * generic per-pixel loop (src/wasm/DESIGN.md).
 */
export function bilinearPlanesTs(src: ImageBatch, dst: ImageBatch, tables: BilinearTables): void {
  const { rowLo, rowHi, rowT } = tables;
  const outW = tables.colLo.length;
  const outH = rowLo.length;
  const across = new Float64Array(2 * outW);
  const dData = dst.data;
  const cached = [-1, -1];
  for (let n = 0; n < src.batch; n++) {
    for (let ch = 0; ch < src.channels; ch++) {
      const sBase = n * src.strides.image + ch * src.strides.channel;
      const dBase = n * dst.strides.image + ch * dst.strides.channel;
      cached[0] = -1;
      cached[1] = -1;
      let y = 0;
      while (y < outH) {
        const lo = rowLo[y];
        const hi = rowHi[y];
        const top = (lo & 1) * outW;
        const bottom = (hi & 1) * outW;
        if (cached[lo & 1] !== lo) {
          cached[lo & 1] = lo;
          interpolateRow(src.data, sBase + lo * src.strides.row, src.width, tables, across, top);
        }
        if (cached[hi & 1] !== hi) {
          cached[hi & 1] = hi;
          interpolateRow(src.data, sBase + hi * src.strides.row, src.width, tables, across, bottom);
        }
        const t0 = rowT[y];
        const d0 = dBase + y * dst.strides.row;
        if (y + 1 < outH && rowLo[y + 1] === lo && rowHi[y + 1] === hi) {
          const t1 = rowT[y + 1];
          const d1 = d0 + dst.strides.row;
          for (let c = 0; c < outW; c++) {
            const upper = across[top + c];
            const d = across[bottom + c] - upper;
            dData[d0 + c] = upper + d * t0;
            dData[d1 + c] = upper + d * t1;
          }
          y += 2;
          continue;
        }
        for (let c = 0; c < outW; c++) {
          const upper = across[top + c];
          dData[d0 + c] = upper + (across[bottom + c] - upper) * t0;
        }
        y++;
      }
    }
  }
}

/** Interpolates the input row at `sRow` across into `across[aRow .. aRow + outW)`. */
function interpolateRow(
  sData: ImageBatch["data"],
  sRow: number,
  width: number,
  tables: BilinearTables,
  across: Float64Array,
  aRow: number,
): void {
  const { colLo, colHi, colT } = tables;
  const outW = colLo.length;
  if (tables.pairedCols) {
    for (let edge = 0; edge < 2; edge++) {
      const c = edge * (outW - 1); // the first and the last column
      const a = sData[sRow + colLo[c]];
      across[aRow + c] = a + (sData[sRow + colHi[c]] - a) * colT[c];
    }
    let a = sData[sRow];
    for (let j = 0, c = aRow + 1; j < width - 1; j++, c += 2) {
      const b = sData[sRow + j + 1];
      const d = b - a;
      across[c] = a + d * colT[c - aRow];
      across[c + 1] = a + d * colT[c + 1 - aRow];
      a = b;
    }
    return;
  }
  for (let c = 0; c < outW; c++) {
    const a = sData[sRow + colLo[c]];
    across[aRow + c] = a + (sData[sRow + colHi[c]] - a) * colT[c];
  }
}
