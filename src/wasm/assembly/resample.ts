// AssemblyScript (compiled to WebAssembly with SIMD by `npm run build:wasm`; not part of the
// TypeScript program: tsc and eslint skip this folder).
//
// Float32 resampling kernels for contiguous planes (NCHW or 2-D): bilinear and nearest.
// The host (src/wasm/upsampleBilinearWasm.ts, upsampleNearestWasm.ts) copies a chunk of input
// planes in, runs a kernel over a range of output rows and copies those rows out while they are
// still in cache; the index and weight tables come from the TypeScript op, so both paths read the
// same taps.
//
// Bilinear keeps the TypeScript path's arithmetic exactly: each needed input row is interpolated
// across in float64 (`a + (b - a) * t`), each output row blends two such rows in float64
// (`upper + (lower - upper) * t`) and rounds once to float32. WebAssembly has no fused
// multiply-add in its base SIMD set, so every lane rounds like V8's scalar double code and the
// two paths give bit-identical results. The across rows live in a two-slot cache (input row r in
// slot r & 1): the row taps only move forward, so each input row is interpolated once per call.

// ---------------------------------------------------------------------------------------------
// bilinear

/** The across row of input row `r` in its slot, interpolated from the plane at `plane` if needed. */
@inline function acrossRow(
  r: i32, plane: usize, w: i32, outW: i32, colLo: usize, colHi: usize, colT: usize,
  across: usize, cache: usize, paired: i32,
): usize {
  const slot = r & 1;
  const row = across + (<usize>(slot * outW) << 3);
  if (load<i32>(cache + (<usize>slot << 2)) == r) return row;
  store<i32>(cache + (<usize>slot << 2), r);
  const s = plane + (<usize>(r * w) << 2);
  if (paired) {
    // x2 pattern: columns 2j+1 and 2j+2 read inputs j and j+1; the first and last use the table.
    for (let e = 0; e < 2; e++) {
      const c = e * (outW - 1);
      const a = <f64>load<f32>(s + (<usize>load<i32>(colLo + (<usize>c << 2)) << 2));
      const b = <f64>load<f32>(s + (<usize>load<i32>(colHi + (<usize>c << 2)) << 2));
      store<f64>(row + (<usize>c << 3), a + (b - a) * load<f64>(colT + (<usize>c << 3)));
    }
    let j0 = 0;
    if (paired == 2) {
      // Uniform weights (x2 half-pixel: 0.25, 0.75): columns 2j+1 / 2j+2 weigh t1 / t2 for every
      // j, so 4 inputs give 8 columns at once (same bits).
      const t1 = f64x2.splat(load<f64>(colT, 8));
      const t2 = f64x2.splat(load<f64>(colT, 16));
      for (; j0 + 5 <= w; j0 += 4) {
        const A = v128.load(s + (<usize>j0 << 2));
        const B = v128.load(s + (<usize>j0 << 2), 4);
        const a01 = f64x2.promote_low_f32x4(A);
        const a23 = f64x2.promote_low_f32x4(v128.shuffle<i32>(A, A, 2, 3, 2, 3));
        const d01 = f64x2.sub(f64x2.promote_low_f32x4(B), a01);
        const d23 = f64x2.sub(f64x2.promote_low_f32x4(v128.shuffle<i32>(B, B, 2, 3, 2, 3)), a23);
        const e01 = f64x2.add(a01, f64x2.mul(d01, t1));
        const o01 = f64x2.add(a01, f64x2.mul(d01, t2));
        const e23 = f64x2.add(a23, f64x2.mul(d23, t1));
        const o23 = f64x2.add(a23, f64x2.mul(d23, t2));
        const q = row + (<usize>(2 * j0 + 1) << 3);
        v128.store(q, v128.shuffle<f64>(e01, o01, 0, 2));
        v128.store(q, v128.shuffle<f64>(e01, o01, 1, 3), 16);
        v128.store(q, v128.shuffle<f64>(e23, o23, 0, 2), 32);
        v128.store(q, v128.shuffle<f64>(e23, o23, 1, 3), 48);
      }
    }
    let a = <f64>load<f32>(s + (<usize>j0 << 2));
    for (let j = j0; j < w - 1; j++) {
      const b = <f64>load<f32>(s + (<usize>(j + 1) << 2));
      const c = <usize>(2 * j + 1);
      const t = v128.load(colT + (c << 3));
      const v = f64x2.add(f64x2.splat(a), f64x2.mul(f64x2.splat(b - a), t));
      v128.store(row + (c << 3), v);
      a = b;
    }
  } else {
    for (let c = 0; c < outW; c++) {
      const a = <f64>load<f32>(s + (<usize>load<i32>(colLo + (<usize>c << 2)) << 2));
      const b = <f64>load<f32>(s + (<usize>load<i32>(colHi + (<usize>c << 2)) << 2));
      store<f64>(row + (<usize>c << 3), a + (b - a) * load<f64>(colT + (<usize>c << 3)));
    }
  }
  return row;
}

/** Four float32 results `upper + (lower - upper) * t` of columns c..c+3. */
@inline function blend4(up: usize, lo: usize, t: v128): v128 {
  const u0 = v128.load(up);
  const u1 = v128.load(up, 16);
  const r0 = f64x2.add(u0, f64x2.mul(f64x2.sub(v128.load(lo), u0), t));
  const r1 = f64x2.add(u1, f64x2.mul(f64x2.sub(v128.load(lo, 16), u1), t));
  return v128.shuffle<i32>(f32x4.demote_f64x2_zero(r0), f32x4.demote_f64x2_zero(r1), 0, 1, 4, 5);
}

/**
 * Bilinear resampling of `planes` consecutive float32 planes of `h x w` at `src` into output rows
 * y0..y1 (of `outW` floats each) of every plane, written consecutively at `dst` (plane p's rows at
 * dst + p * (y1 - y0) * outW floats). Tables: rowLo/rowHi (i32) and rowT (f64) per output row,
 * colLo/colHi (i32) and colT (f64) per output column; `paired` = 1 when the column table is the
 * x2 pattern (see acrossRow), 2 when in addition the weights of columns 2j+1 (and of 2j+2) are
 * the same for every j, 0 otherwise. `across` is scratch for 2 * outW doubles plus 2 ints.
 */
export function bilinearRows(
  src: usize, dst: usize, planes: i32, h: i32, w: i32, outW: i32, y0: i32, y1: i32,
  rowLo: usize, rowHi: usize, rowT: usize, colLo: usize, colHi: usize, colT: usize,
  across: usize, paired: i32,
): void {
  const cache = across + (<usize>(2 * outW) << 3);
  const rowBytes = <usize>outW << 2;
  let d = dst;
  for (let p = 0; p < planes; p++) {
    const plane = src + (<usize>(p * h * w) << 2);
    store<i32>(cache, -1);
    store<i32>(cache, -1, 4);
    let y = y0;
    while (y < y1) {
      const lo = load<i32>(rowLo + (<usize>y << 2));
      const hi = load<i32>(rowHi + (<usize>y << 2));
      const up = acrossRow(lo, plane, w, outW, colLo, colHi, colT, across, cache, paired);
      const dn = acrossRow(hi, plane, w, outW, colLo, colHi, colT, across, cache, paired);
      const t0 = load<f64>(rowT + (<usize>y << 3));
      const v0 = f64x2.splat(t0);
      // two output rows reading the same pair of input rows share the loads (x2: always)
      const two = y + 1 < y1 && load<i32>(rowLo + (<usize>(y + 1) << 2)) == lo &&
        load<i32>(rowHi + (<usize>(y + 1) << 2)) == hi;
      let c = 0;
      if (two) {
        const t1 = load<f64>(rowT + (<usize>(y + 1) << 3));
        const v1 = f64x2.splat(t1);
        const d1 = d + rowBytes;
        for (; c + 4 <= outW; c += 4) {
          const u = up + (<usize>c << 3);
          const l = dn + (<usize>c << 3);
          const u0 = v128.load(u);
          const u1 = v128.load(u, 16);
          const e0 = f64x2.sub(v128.load(l), u0);
          const e1 = f64x2.sub(v128.load(l, 16), u1);
          const a0 = f32x4.demote_f64x2_zero(f64x2.add(u0, f64x2.mul(e0, v0)));
          const a1 = f32x4.demote_f64x2_zero(f64x2.add(u1, f64x2.mul(e1, v0)));
          const b0 = f32x4.demote_f64x2_zero(f64x2.add(u0, f64x2.mul(e0, v1)));
          const b1 = f32x4.demote_f64x2_zero(f64x2.add(u1, f64x2.mul(e1, v1)));
          v128.store(d + (<usize>c << 2), v128.shuffle<i32>(a0, a1, 0, 1, 4, 5));
          v128.store(d1 + (<usize>c << 2), v128.shuffle<i32>(b0, b1, 0, 1, 4, 5));
        }
        for (; c < outW; c++) {
          const u = load<f64>(up + (<usize>c << 3));
          const e = load<f64>(dn + (<usize>c << 3)) - u;
          store<f32>(d + (<usize>c << 2), <f32>(u + e * t0));
          store<f32>(d1 + (<usize>c << 2), <f32>(u + e * t1));
        }
        d += rowBytes << 1;
        y += 2;
        continue;
      }
      for (; c + 4 <= outW; c += 4) {
        v128.store(d + (<usize>c << 2), blend4(up + (<usize>c << 3), dn + (<usize>c << 3), v0));
      }
      for (; c < outW; c++) {
        const u = load<f64>(up + (<usize>c << 3));
        store<f32>(d + (<usize>c << 2), <f32>(u + (load<f64>(dn + (<usize>c << 3)) - u) * t0));
      }
      d += rowBytes;
      y++;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// nearest

/**
 * Nearest-neighbour resampling of `planes` consecutive float32 planes of `h x w` at `src` into
 * output rows y0..y1 of every plane (laid out as in bilinearRows). rowSrc (i32 per output row)
 * and colSrc (i32 per output column) are the source indices; `repeat` = k > 0 when every input
 * column repeats k times (colSrc[c] = c / k), which skips the table (k = 2: SIMD shuffles).
 * Values are copied as bits.
 */
export function nearestRows(
  src: usize, dst: usize, planes: i32, h: i32, w: i32, outW: i32, y0: i32, y1: i32,
  rowSrc: usize, colSrc: usize, repeat: i32,
): void {
  const rowBytes = <usize>outW << 2;
  let d = dst;
  for (let p = 0; p < planes; p++) {
    const plane = src + (<usize>(p * h * w) << 2);
    for (let y = y0; y < y1; y++) {
      const r = load<i32>(rowSrc + (<usize>y << 2));
      if (y > y0 && load<i32>(rowSrc + (<usize>(y - 1) << 2)) == r) {
        memory.copy(d, d - rowBytes, rowBytes);
        d += rowBytes;
        continue;
      }
      const s = plane + (<usize>(r * w) << 2);
      if (repeat == 2) {
        let c = 0;
        for (; c + 4 <= w; c += 4) {
          const v = v128.load(s + (<usize>c << 2));
          const o = d + (<usize>c << 3);
          v128.store(o, v128.shuffle<i32>(v, v, 0, 0, 1, 1));
          v128.store(o, v128.shuffle<i32>(v, v, 2, 2, 3, 3), 16);
        }
        for (; c < w; c++) {
          const v = load<i32>(s + (<usize>c << 2));
          store<i32>(d + (<usize>c << 3), v);
          store<i32>(d + (<usize>c << 3), v, 4);
        }
      } else if (repeat > 0) {
        let o = d;
        for (let c = 0; c < w; c++) {
          const v = load<i32>(s + (<usize>c << 2));
          for (let k = 0; k < repeat; k++) {
            store<i32>(o, v);
            o += 4;
          }
        }
      } else {
        for (let c = 0; c < outW; c++) {
          store<i32>(d + (<usize>c << 2), load<i32>(s + (<usize>load<i32>(colSrc + (<usize>c << 2)) << 2)));
        }
      }
      d += rowBytes;
    }
  }
}
