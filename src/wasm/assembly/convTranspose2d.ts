// AssemblyScript (compiled to WebAssembly with SIMD by `npm run build:wasm`; not part of the
// TypeScript program: tsc and eslint skip this folder).
//
// Float32 transposed convolution, PyTorch semantics: weight (Cin, Cout/groups, kh, kw), input in the
// layout its strides describe (the host uses NHCW),
// output (N, Cout, Hout, Wout) where the caller has already applied padding and output padding
// to Hout/Wout (pt/pl are the top/left crops; bottom/right crops and output padding only change
// Hout/Wout, so asymmetric padding needs nothing more here).
//
// Algorithm: stride-phase (sub-pixel) decomposition computed as a direct gather convolution: each
// of the sh*sw phases is a stride-1 correlation with a sub-kernel whose input reads are contiguous
// along the row, so 128-bit SIMD loads are cheap. The micro-kernel keeps 4 output channels x 8
// phase pixels in registers; weights are packed 4 output channels interleaved. The host lays the
// input out as NHCW, pads each row so every tap is inside it, and asks for one band of output rows
// per call. Layers with 2x2 phase sub-kernels and many channels go to winograd.ts instead.
// Why this algorithm and these choices, with the measurements: ../DESIGN.md.

import { madd } from "./madd";

// ---------------------------------------------------------------------------------------------
// small integer helpers

@inline function floorDiv(a: i32, b: i32): i32 {
  const q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

@inline function gcd(a: i32, b: i32): i32 {
  while (b != 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** First tap index k in [0, kSize) with (r + pad - k*d) divisible by s, or kSize when none. */
function firstTap(r: i32, pad: i32, d: i32, s: i32, kSize: i32): i32 {
  const period = s / gcd(s, d);
  for (let k = 0; k < period && k < kSize; k++) {
    const v = r + pad - k * d;
    if (v - floorDiv(v, s) * s == 0) return k;
  }
  return kSize;
}

// ---------------------------------------------------------------------------------------------
// stores of 8 / 4 results of one output channel along a phase row (stride sw apart)

@inline function store8(p: usize, step: usize, a: v128, b: v128): void {
  if (step == 4) {
    v128.store(p, a);
    v128.store(p, b, 16);
  } else {
    store<f32>(p, f32x4.extract_lane(a, 0));
    store<f32>(p + step, f32x4.extract_lane(a, 1));
    store<f32>(p + 2 * step, f32x4.extract_lane(a, 2));
    store<f32>(p + 3 * step, f32x4.extract_lane(a, 3));
    const q = p + 4 * step;
    store<f32>(q, f32x4.extract_lane(b, 0));
    store<f32>(q + step, f32x4.extract_lane(b, 1));
    store<f32>(q + 2 * step, f32x4.extract_lane(b, 2));
    store<f32>(q + 3 * step, f32x4.extract_lane(b, 3));
  }
}

@inline function store4(p: usize, step: usize, a: v128): void {
  if (step == 4) {
    v128.store(p, a);
  } else {
    store<f32>(p, f32x4.extract_lane(a, 0));
    store<f32>(p + step, f32x4.extract_lane(a, 1));
    store<f32>(p + 2 * step, f32x4.extract_lane(a, 2));
    store<f32>(p + 3 * step, f32x4.extract_lane(a, 3));
  }
}

// ---------------------------------------------------------------------------------------------
// the state of one call, kept in globals so the helpers need few arguments

let H: i32 = 0;
let W: i32 = 0;
let CS: i32 = 0; // floats from one input channel to the next (the host picks the layout)
let RS: i32 = 0; // floats from one input row to the next
let Hout: i32 = 0;
let Wout: i32 = 0;
let CinG: i32 = 0;
let CoutG: i32 = 0;
let sh: i32 = 1;
let sw: i32 = 1;
// taps of the current phase: ky = ky0 + jy*Ty reads input row oy' + cy0 - jy*Dy
let nTy: i32 = 0;
let nTx: i32 = 0;
let cy0: i32 = 0;
let cx0: i32 = 0;
let Dy: i32 = 0;
let Dx: i32 = 0;

/**
 * One output channel block (4 channels, packed weights at `wBlock`) times 8 consecutive phase
 * pixels starting at phase column ox' = `oxp`, all x taps in range; y taps jy in [jyLo, jyHi).
 */
@inline function tile8(
  xRow: usize, wBlock: usize, jyLo: i32, jyHi: i32, oxp: i32,
  b0: v128, b1: v128, b2: v128, b3: v128,
  outP: usize, outChanStride: usize, step: usize, nValid: i32,
): void {
  let a0 = b0, a1 = b0, c0 = b1, c1 = b1, d0 = b2, d1 = b2, e0 = b3, e1 = b3;
  const ciStride = <usize>CS << 2;
  const tapW = <usize>CinG << 4;
  for (let jy = jyLo; jy < jyHi; jy++) {
    const rowBase = xRow + ((<usize>((cy0 - jy * Dy) * RS + oxp + cx0)) << 2);
    let wp = wBlock + <usize>(jy * nTx) * tapW;
    for (let jx = 0; jx < nTx; jx++) {
      let xp = rowBase - ((<usize>(jx * Dx)) << 2);
      const wEnd = wp + tapW;
      while (wp < wEnd) {
        const x0 = v128.load(xp);
        const x1 = v128.load(xp, 16);
        let w = v128.load32_splat(wp);
        a0 = madd(x0, w, a0);
        a1 = madd(x1, w, a1);
        w = v128.load32_splat(wp, 4);
        c0 = madd(x0, w, c0);
        c1 = madd(x1, w, c1);
        w = v128.load32_splat(wp, 8);
        d0 = madd(x0, w, d0);
        d1 = madd(x1, w, d1);
        w = v128.load32_splat(wp, 12);
        e0 = madd(x0, w, e0);
        e1 = madd(x1, w, e1);
        xp += ciStride;
        wp += 16;
      }
    }
  }
  store8(outP, step, a0, a1);
  if (nValid > 1) store8(outP + outChanStride, step, c0, c1);
  if (nValid > 2) store8(outP + 2 * outChanStride, step, d0, d1);
  if (nValid > 3) store8(outP + 3 * outChanStride, step, e0, e1);
}

/** As tile8 for 4 phase pixels. */
@inline function tile4(
  xRow: usize, wBlock: usize, jyLo: i32, jyHi: i32, oxp: i32,
  b0: v128, b1: v128, b2: v128, b3: v128,
  outP: usize, outChanStride: usize, step: usize, nValid: i32,
): void {
  let a0 = b0, c0 = b1, d0 = b2, e0 = b3;
  const ciStride = <usize>CS << 2;
  const tapW = <usize>CinG << 4;
  for (let jy = jyLo; jy < jyHi; jy++) {
    const rowBase = xRow + ((<usize>((cy0 - jy * Dy) * RS + oxp + cx0)) << 2);
    let wp = wBlock + <usize>(jy * nTx) * tapW;
    for (let jx = 0; jx < nTx; jx++) {
      let xp = rowBase - ((<usize>(jx * Dx)) << 2);
      for (let ci = 0; ci < CinG; ci++) {
        const x0 = v128.load(xp);
        a0 = madd(x0, v128.load32_splat(wp), a0);
        c0 = madd(x0, v128.load32_splat(wp, 4), c0);
        d0 = madd(x0, v128.load32_splat(wp, 8), d0);
        e0 = madd(x0, v128.load32_splat(wp, 12), e0);
        xp += ciStride;
        wp += 16;
      }
    }
  }
  store4(outP, step, a0);
  if (nValid > 1) store4(outP + outChanStride, step, c0);
  if (nValid > 2) store4(outP + 2 * outChanStride, step, d0);
  if (nValid > 3) store4(outP + 3 * outChanStride, step, e0);
}

/** One phase pixel, any taps (checked against the input borders), 4 output channels at once. */
function pixel(
  xRow: usize, wBlock: usize, jyLo: i32, jyHi: i32, oxp: i32, bias4: v128,
  outP: usize, outChanStride: usize, nValid: i32,
): void {
  let acc = bias4;
  const ciStride = <usize>CS << 2;
  const tapW = <usize>CinG << 4;
  for (let jy = jyLo; jy < jyHi; jy++) {
    const iy = cy0 - jy * Dy; // relative to the row oy' (xRow already points at row oy')
    for (let jx = 0; jx < nTx; jx++) {
      const ix = oxp + cx0 - jx * Dx;
      if (ix < 0 || ix >= W) continue;
      let xp = xRow + ((<usize>(iy * RS + ix)) << 2);
      let wp = wBlock + <usize>(jy * nTx + jx) * tapW;
      for (let ci = 0; ci < CinG; ci++) {
        acc = madd(f32x4.splat(load<f32>(xp)), v128.load(wp), acc);
        xp += ciStride;
        wp += 16;
      }
    }
  }
  store<f32>(outP, f32x4.extract_lane(acc, 0));
  if (nValid > 1) store<f32>(outP + outChanStride, f32x4.extract_lane(acc, 1));
  if (nValid > 2) store<f32>(outP + 2 * outChanStride, f32x4.extract_lane(acc, 2));
  if (nValid > 3) store<f32>(outP + 3 * outChanStride, f32x4.extract_lane(acc, 3));
}

/** Largest stride in x the kernel takes (its per-phase table has this many rows). */
export const MAX_STRIDE_W: i32 = 64;
// per-rx phase table: 8 i32 per rx (see convTranspose2d)
const PHASES: usize = memory.data(64 * 32);

/**
 * Floats of packing buffer the kernel needs at least: the weights of one block of 4 output
 * channels for all phases (every tap belongs to exactly one phase) plus a table of kh*kw offsets.
 * More lets it pack several blocks per pass.
 */
export function packFloatsNeeded(cinPerGroup: i32, kh: i32, kw: i32): i32 {
  return cinPerGroup * kh * kw * 4 + tableFloats(kh, kw);
}

/** Floats at the start of the packing buffer that hold the per-tap offset table (16-byte aligned). */
@inline function tableFloats(kh: i32, kw: i32): i32 {
  return (kh * kw + 3) & ~3;
}

/**
 * out = conv_transpose2d(x, w) (+ bias) for output rows [oyBegin, oyEnd) only: `out` holds that
 * band, laid out (N, Cout, oyEnd - oyBegin, Wout), so a caller can compute a large output band
 * by band and copy each band out while it is still in cache. All pointers are byte offsets into
 * this memory, float32. The input's layout is given by its strides in floats (channel, row,
 * image): NCHW or NHCW. `packCapacity` is the size in floats of the packing buffer at `pack`
 * (at least packFloatsNeeded(cin/groups, kh, kw)).
 */
export function convTranspose2d(
  x: usize, w: usize, bias: usize, hasBias: i32, out: usize, pack: usize, packCapacity: i32,
  n: i32, cin: i32, h: i32, wIn: i32, cout: i32, hOut: i32, wOut: i32,
  kh: i32, kw: i32, strideH: i32, strideW: i32, padTop: i32, padLeft: i32,
  dilH: i32, dilW: i32, groups: i32, xChanStride: i32, xRowStride: i32, xImageStride: i32,
  oyBegin: i32, oyEnd: i32,
): void {
  H = h; W = wIn; CS = xChanStride; RS = xRowStride; Hout = hOut; Wout = wOut;
  CinG = cin / groups; CoutG = cout / groups;
  sh = strideH; sw = strideW;
  const Ty = strideH / gcd(strideH, dilH);
  const Tx = strideW / gcd(strideW, dilW);
  Dy = Ty * dilH / strideH;
  Dx = Tx * dilW / strideW;
  const blocks = (CoutG + 3) >> 2;
  const bandRows = oyEnd - oyBegin;
  if (bandRows <= 0) return;
  const outPlane = <usize>bandRows * <usize>wOut;
  const outChanStride = outPlane << 2;
  const step = (<usize>strideW) << 2;

  // per-rx phase facts; cumTx = taps of the phases before rx
  let sumTx = 0;
  for (let rx = 0; rx < strideW; rx++) {
    const e = PHASES + (<usize>rx << 5);
    const wPh = rx < wOut ? (wOut - rx + strideW - 1) / strideW : 0;
    const kx0 = firstTap(rx, padLeft, dilW, strideW, kw);
    const ntx = kx0 < kw ? (kw - 1 - kx0) / Tx + 1 : 0;
    const cx = floorDiv(rx + padLeft - kx0 * dilW, strideW);
    // interior phase columns: every x tap inside the input
    // ix = ox' + cx - jx*Dx for jx in [0, ntx): min at jx = ntx-1, max at jx = 0
    let oxLo: i32 = 0;
    let oxHi: i32 = wPh;
    if (ntx > 0) {
      oxLo = max(0, -(cx - (ntx - 1) * Dx));
      oxHi = min(wPh, wIn - cx);
    }
    store<i32>(e, wPh);
    store<i32>(e, kx0, 4);
    store<i32>(e, ntx, 8);
    store<i32>(e, cx, 12);
    store<i32>(e, oxLo, 16);
    store<i32>(e, oxHi, 20);
    store<i32>(e, sumTx, 28);
    sumTx += ntx;
  }
  let sumTy = 0;
  for (let ry = 0; ry < strideH; ry++) {
    const ky0 = firstTap(ry, padTop, dilH, strideH, kh);
    sumTy += ky0 < kh ? (kh - 1 - ky0) / Ty + 1 : 0;
  }
  // Pack layout of one chunk of blocks: [phase (ry, rx)][block in chunk][jy][jx][ci][4 channels],
  // all phases at once so that packing reads each (ci, co) row of kh*kw taps once, in order.
  const allFloats = CinG * sumTy * sumTx * 4;
  const table = pack;
  const packData = pack + (<usize>tableFloats(kh, kw) << 2);
  const chunkBlocks = max(1, min(blocks, (packCapacity - tableFloats(kh, kw)) / max(1, allFloats)));

  for (let g = 0; g < groups; g++) {
    for (let cb0 = 0; cb0 < blocks; cb0 += chunkBlocks) {
      const cb1 = min(blocks, cb0 + chunkBlocks);
      const chunk = cb1 - cb0;
      packAllPhases(w, packData, table, g, cb0, cb1, kh, kw, padTop, dilH, Ty, Tx, sumTx);
      for (let b = 0; b < n; b++) {
        const xImage = x + ((<usize>b * <usize>xImageStride + <usize>(g * CinG) * <usize>CS) << 2);
        let cumTy = 0;
        for (let ry = 0; ry < strideH; ry++) {
          const ky0 = firstTap(ry, padTop, dilH, strideH, kh);
          nTy = ky0 < kh ? (kh - 1 - ky0) / Ty + 1 : 0;
          cy0 = floorDiv(ry + padTop - ky0 * dilH, strideH);
          const rowPhaseOff = CinG * 4 * cumTy * sumTx * chunk;
          cumTy += nTy;
          const hPh = ry < hOut ? (hOut - ry + strideH - 1) / strideH : 0;
          // phase rows oy' with oy = oy'*sh + ry inside the band
          const oypBegin = max(0, ceilDivNonNeg(oyBegin - ry, strideH));
          const oypEnd = min(hPh, ceilDivNonNeg(oyEnd - ry, strideH));
          for (let oyp = oypBegin; oyp < oypEnd; oyp++) {
            // y taps in range: 0 <= oy' + cy0 - jy*Dy < H
            let jyLo = 0;
            let jyHi = nTy;
            while (jyLo < jyHi && oyp + cy0 - jyLo * Dy >= h) jyLo++;
            while (jyHi > jyLo && oyp + cy0 - (jyHi - 1) * Dy < 0) jyHi--;
            const xRow = xImage + ((<usize>(oyp * RS)) << 2);
            const oyBand = oyp * strideH + ry - oyBegin;
            for (let cb = cb0; cb < cb1; cb++) {
              const co = cb << 2;
              const nValid = min(4, CoutG - co);
              const coAbs = b * cout + g * CoutG + co;
              let bv0: f32 = 0, bv1: f32 = 0, bv2: f32 = 0, bv3: f32 = 0;
              if (hasBias) {
                const bp = bias + ((<usize>(g * CoutG + co)) << 2);
                bv0 = load<f32>(bp);
                if (nValid > 1) bv1 = load<f32>(bp, 4);
                if (nValid > 2) bv2 = load<f32>(bp, 8);
                if (nValid > 3) bv3 = load<f32>(bp, 12);
              }
              const b0 = f32x4.splat(bv0);
              const b1 = f32x4.splat(bv1);
              const b2 = f32x4.splat(bv2);
              const b3 = f32x4.splat(bv3);
              const bias4 = f32x4.replace_lane(f32x4.replace_lane(f32x4.replace_lane(b0, 1, bv1), 2, bv2), 3, bv3);
              for (let rx = 0; rx < strideW; rx++) {
                const e = PHASES + (<usize>rx << 5);
                const wPh = load<i32>(e);
                if (wPh == 0) continue;
                nTx = load<i32>(e, 8);
                cx0 = load<i32>(e, 12);
                const oxLo = load<i32>(e, 16);
                const oxHi = load<i32>(e, 20);
                const blockFloats = CinG * nTy * nTx * 4;
                const phaseOff = rowPhaseOff + CinG * 4 * nTy * load<i32>(e, 28) * chunk;
                const wBlock = packData + ((<usize>(phaseOff + (cb - cb0) * blockFloats)) << 2);
                const outRow = out + ((<usize>coAbs * outPlane + <usize>(oyBand * wOut + rx)) << 2);
                // left border
                let ox = 0;
                const lo = min(oxLo, wPh);
                for (; ox < lo; ox++) {
                  pixel(xRow, wBlock, jyLo, jyHi, ox, bias4, outRow + <usize>ox * step, outChanStride, nValid);
                }
                const hi = max(oxHi, ox);
                const len = hi - ox;
                if (len >= 8) {
                  for (; ox + 8 <= hi; ox += 8) {
                    tile8(xRow, wBlock, jyLo, jyHi, ox, b0, b1, b2, b3, outRow + <usize>ox * step, outChanStride, step, nValid);
                  }
                  if (ox < hi) {
                    ox = hi - 8; // overlapping last tile: recomputes a few pixels, writes the same values
                    tile8(xRow, wBlock, jyLo, jyHi, ox, b0, b1, b2, b3, outRow + <usize>ox * step, outChanStride, step, nValid);
                    ox = hi;
                  }
                } else if (len >= 4) {
                  tile4(xRow, wBlock, jyLo, jyHi, ox, b0, b1, b2, b3, outRow + <usize>ox * step, outChanStride, step, nValid);
                  ox = hi - 4;
                  tile4(xRow, wBlock, jyLo, jyHi, ox, b0, b1, b2, b3, outRow + <usize>ox * step, outChanStride, step, nValid);
                  ox = hi;
                }
                for (; ox < wPh; ox++) {
                  pixel(xRow, wBlock, jyLo, jyHi, ox, bias4, outRow + <usize>ox * step, outChanStride, nValid);
                }
              }
            }
          }
        }
      }
    }
  }
}

/** ceil(a / b) for b > 0 (a may be negative). */
@inline function ceilDivNonNeg(a: i32, b: i32): i32 {
  return -floorDiv(-a, b);
}

/**
 * Packs the weights of output-channel blocks [cb0, cb1) of group g for every phase, in the
 * layout described in convTranspose2d, zero-filling channels past Cout/groups. It walks the
 * weight in memory order (each (ci, co) row of kh*kw taps once) and sends every tap to its
 * phase through a per-tap offset table (packing phase by phase read one tap per cache line).
 */
function packAllPhases(
  w: usize, packData: usize, table: usize, g: i32, cb0: i32, cb1: i32,
  kh: i32, kw: i32, padTop: i32, dilH: i32, Ty: i32, Tx: i32, sumTx: i32,
): void {
  const khw = kh * kw;
  const chunk = cb1 - cb0;
  const unit = CinG * 4; // floats per (jy, jx) tap of one block
  for (let cb = cb0; cb < cb1; cb++) {
    // table[ky*kw + kx] = float offset of tap (ky, kx) of block cb, channel ci = 0, lane 0
    let cumTy = 0;
    for (let ry = 0; ry < sh; ry++) {
      const ky0 = firstTap(ry, padTop, dilH, sh, kh);
      const nty = ky0 < kh ? (kh - 1 - ky0) / Ty + 1 : 0;
      for (let jy = 0; jy < nty; jy++) {
        const ky = ky0 + jy * Ty;
        for (let rx = 0; rx < sw; rx++) {
          const e = PHASES + (<usize>rx << 5);
          const kx0 = load<i32>(e, 4);
          const ntx = load<i32>(e, 8);
          const phaseOff = unit * (cumTy * sumTx * chunk + nty * load<i32>(e, 28) * chunk);
          const blockOff = phaseOff + (cb - cb0) * unit * nty * ntx;
          for (let jx = 0; jx < ntx; jx++) {
            const kx = kx0 + jx * Tx;
            store<i32>(table + ((<usize>(ky * kw + kx)) << 2), blockOff + unit * (jy * ntx + jx));
          }
        }
      }
      cumTy += nty;
    }
    const full = (cb << 2) + 4 <= CoutG;
    for (let ci = 0; ci < CinG; ci++) {
      const src = w + ((<usize>(((g * CinG + ci) * CoutG + (cb << 2)) * khw)) << 2);
      const dst = packData + ((<usize>(ci << 2)) << 2);
      const rowBytes = <usize>khw << 2;
      if (full) {
        for (let t = 0; t < khw; t++) {
          const s = src + (<usize>t << 2);
          const v = f32x4.replace_lane(f32x4.replace_lane(f32x4.replace_lane(
            f32x4.splat(load<f32>(s)), 1, load<f32>(s + rowBytes)), 2, load<f32>(s + 2 * rowBytes)), 3, load<f32>(s + 3 * rowBytes));
          v128.store(dst + ((<usize>load<i32>(table + (<usize>t << 2))) << 2), v);
        }
      } else {
        const lanes = CoutG - (cb << 2);
        for (let t = 0; t < khw; t++) {
          const d = dst + ((<usize>load<i32>(table + (<usize>t << 2))) << 2);
          for (let l = 0; l < 4; l++) {
            store<f32>(d + (<usize>l << 2), l < lanes ? load<f32>(src + (<usize>(l * khw + t) << 2)) : 0);
          }
        }
      }
    }
  }
}
/** Start of free memory (after static data); the host lays out its buffers from here. */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * Rearranges an NCHW float32 input at `src` into the kernel's NHCW layout at `dst` (regions must
 * not overlap), adding `padL` / `padR` zero columns to every row: row (n, c, y) of width `w` goes
 * to dst + ((n*h + y)*cin + c) * (padL + w + padR) + padL.
 */
export function layoutInput(src: usize, dst: usize, n: i32, cin: i32, h: i32, w: i32, padL: i32, padR: i32): void {
  const rowW = padL + w + padR;
  const rowBytes = <usize>w << 2;
  const leftBytes = <usize>padL << 2;
  const rightBytes = <usize>padR << 2;
  const vecBytes = rowBytes & ~(<usize>15);
  let s = src;
  for (let b = 0; b < n; b++) {
    for (let c = 0; c < cin; c++) {
      for (let y = 0; y < h; y++) {
        const d = dst + ((<usize>(((b * h + y) * cin + c) * rowW)) << 2);
        for (let j: usize = 0; j < leftBytes; j += 4) store<f32>(d + j, 0);
        // copied and padded by SIMD / scalar loops: memory.copy and memory.fill per row cost a call each
        const dd = d + leftBytes;
        let i: usize = 0;
        for (; i < vecBytes; i += 16) v128.store(dd + i, v128.load(s + i));
        for (; i < rowBytes; i += 4) store<f32>(dd + i, load<f32>(s + i));
        for (let j: usize = 0; j < rightBytes; j += 4) store<f32>(dd + rowBytes + j, 0);
        s += rowBytes;
      }
    }
  }
}
