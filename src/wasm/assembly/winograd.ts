// AssemblyScript (compiled with the other kernels by `npm run build:wasm`).
//
// Float32 transposed convolution whose every stride phase has a 2x2 sub-kernel (kernel = 2 x
// stride in both axes, no dilation: k4 s2, the classic upsampling layer, and k2 s1), by Winograd's
// minimal filtering F(2x2, 2x2): each phase is a stride-1 correlation of the input with a 2x2
// kernel, and 2x2 outputs of it cost 9 multiplies instead of 16. Per phase and group:
//   U = G g G^T      per (output channel, input channel): 3x3 from the 2x2 sub-kernel g
//   V = B^T d B      per (input channel, tile): 3x3 from the tile's 3x3 input window d
//   M[xi] = U[xi] V[xi]   for each of the 9 points xi: a (Cout x Cin) x (Cin x tiles) GEMM
//   Y = A^T M A      per (output channel, tile): the 2x2 outputs
// with G = [[1,0],[1,1],[0,1]], B^T = [[1,-1,0],[0,1,0],[0,-1,1]], A^T = [[1,1,0],[0,1,1]]
// (points 0, 1 and infinity: every transform is additions only, so the rounding stays that of
// a few extra adds). 16/9 = 1.78x fewer multiply-adds than the direct phase kernel, whose GEMM
// micro-kernel (4 output channels x 8 tiles, fused multiply-adds) this one shares.
//
// Layouts (float offsets; the host places the buffers in the arena):
//   x  NCHW image of the group's input channels (plane `planeStride` floats apart)
//   u  [9][cinG][coutPad]              (coutPad: coutG rounded up to 4, padded with zeros)
//   v  [9][cinG][t8]                   (t8: tiles rounded up to 8, padded with zeros)
//   m  [9][coutPad][t8]
import { madd } from "./madd";

/**
 * U for one phase: `g[a][b] = w[ci][co][ky(a)][kx(b)]` with taps ky(0) = `ky0`, ky(1) = `ky1`
 * (and kx likewise) of the (Cin, Cout/groups, kh, kw) weight `w`, for input channels
 * `ciBase`..`ciBase + cinG` and all `coutG` output channels of the group. Reads the weight and
 * writes U in memory order (U is [9][cinG][coutPad], channels past `coutG` zero): with the block
 * of 4 output channels outermost, as the GEMM reads U, the weight was read 8 KB apart.
 */
export function winogradWeights(
  w: usize, u: usize, ciBase: i32, cinG: i32, coutG: i32, kh: i32, kw: i32,
  ky0: i32, ky1: i32, kx0: i32, kx1: i32,
): void {
  const taps = kh * kw;
  const coutPad = (coutG + 3) & ~3;
  const pointStride = <usize>(cinG * coutPad) << 2; // bytes between the 9 points
  const t00 = <usize>(ky0 * kw + kx0) << 2, t01 = <usize>(ky0 * kw + kx1) << 2;
  const t10 = <usize>(ky1 * kw + kx0) << 2, t11 = <usize>(ky1 * kw + kx1) << 2;
  const coStep = <usize>taps << 2; // bytes between two output channels' kernels
  for (let ci = 0; ci < cinG; ci++) {
    let p = w + ((<usize>((ciBase + ci) * coutG * taps)) << 2);
    let q = u + ((<usize>(ci * coutPad)) << 2);
    let co = 0;
    // 4 output channels at a time: their taps gathered into lanes, the sums done on vectors
    for (; co + 4 <= coutG; co += 4, q += 16, p += 4 * coStep) {
      const g00 = gather4(p + t00, coStep), g01 = gather4(p + t01, coStep);
      const g10 = gather4(p + t10, coStep), g11 = gather4(p + t11, coStep);
      // rows of G g: [g0; g0 + g1; g1]; then the same on columns
      const r10 = f32x4.add(g00, g10), r11 = f32x4.add(g01, g11);
      v128.store(q, g00);
      v128.store(q + pointStride, f32x4.add(g00, g01));
      v128.store(q + 2 * pointStride, g01);
      v128.store(q + 3 * pointStride, r10);
      v128.store(q + 4 * pointStride, f32x4.add(r10, r11));
      v128.store(q + 5 * pointStride, r11);
      v128.store(q + 6 * pointStride, g10);
      v128.store(q + 7 * pointStride, f32x4.add(g10, g11));
      v128.store(q + 8 * pointStride, g11);
    }
    for (; co < coutPad; co++, q += 4, p += coStep) {
      if (co >= coutG) {
        for (let xi = 0; xi < 9; xi++) store<f32>(q + (<usize>xi) * pointStride, 0);
        continue;
      }
      const g00 = load<f32>(p + t00), g01 = load<f32>(p + t01), g10 = load<f32>(p + t10), g11 = load<f32>(p + t11);
      const r10 = g00 + g10, r11 = g01 + g11;
      store<f32>(q, g00);
      store<f32>(q + pointStride, g00 + g01);
      store<f32>(q + 2 * pointStride, g01);
      store<f32>(q + 3 * pointStride, r10);
      store<f32>(q + 4 * pointStride, r10 + r11);
      store<f32>(q + 5 * pointStride, r11);
      store<f32>(q + 6 * pointStride, g10);
      store<f32>(q + 7 * pointStride, g10 + g11);
      store<f32>(q + 8 * pointStride, g11);
    }
  }
}

/** The floats at `p`, `p + step`, `p + 2 step`, `p + 3 step` as one vector. */
@inline function gather4(p: usize, step: usize): v128 {
  let v = v128.load32_zero(p);
  v = v128.load32_lane(p + step, v, 1);
  v = v128.load32_lane(p + 2 * step, v, 2);
  return v128.load32_lane(p + 3 * step, v, 3);
}

/**
 * V for one phase: for each of the `cinG` input planes of `x` (`planeStride` floats apart, `h` x
 * `wd` each) and each tile (ty, tx) of `th` x `tw`, the 3x3 window at rows `r0 + 2ty ..`, columns
 * `c0 + 2tx ..` (zero outside the plane) transformed by B^T d B; tiles `th*tw`..`t8` are zero.
 */
export function winogradInput(
  x: usize, v: usize, cinG: i32, planeStride: i32, h: i32, wd: i32,
  r0: i32, c0: i32, th: i32, tw: i32, t8: i32,
): void {
  const pointStride = <usize>(cinG * t8) << 2;
  const tiles = th * tw;
  const rs = <usize>wd << 2;
  // tiles whose 3 window columns start inside the row: tx >= firstIn
  const firstIn = min(tw, max(0, (1 - c0) >> 1));
  for (let ci = 0; ci < cinG; ci++) {
    const plane = x + ((<usize>(ci * planeStride)) << 2);
    const vc = v + ((<usize>(ci * t8)) << 2);
    for (let ty = 0; ty < th; ty++) {
      const y = r0 + 2 * ty;
      let tx = 0;
      if (y >= 0 && y + 2 < h) {
        for (; tx < firstIn; tx++) inputTile(plane, vc, pointStride, h, wd, y, c0 + 2 * tx, ty * tw + tx);
        // 4 tiles at a time while their 9 columns are inside the row: each window row is two
        // vector loads and one float, split into its even, odd and shifted even columns
        for (; tx + 4 <= tw && c0 + 2 * tx + 8 < wd; tx += 4) {
          const p = plane + ((<usize>(y * wd + c0 + 2 * tx)) << 2);
          const a0 = column0(p), a1 = column1(p), a2 = column2(p);
          const b0 = column0(p + rs), b1 = column1(p + rs), b2 = column2(p + rs);
          const e0 = column0(p + 2 * rs), e1 = column1(p + 2 * rs), e2 = column2(p + 2 * rs);
          // B^T d, then (B^T d) B, as in inputTile
          const u0 = f32x4.sub(a0, b0), u1 = f32x4.sub(a1, b1), u2 = f32x4.sub(a2, b2);
          const w0 = f32x4.sub(e0, b0), w1 = f32x4.sub(e1, b1), w2 = f32x4.sub(e2, b2);
          let q = vc + ((<usize>(ty * tw + tx)) << 2);
          v128.store(q, f32x4.sub(u0, u1)); q += pointStride;
          v128.store(q, u1); q += pointStride;
          v128.store(q, f32x4.sub(u2, u1)); q += pointStride;
          v128.store(q, f32x4.sub(b0, b1)); q += pointStride;
          v128.store(q, b1); q += pointStride;
          v128.store(q, f32x4.sub(b2, b1)); q += pointStride;
          v128.store(q, f32x4.sub(w0, w1)); q += pointStride;
          v128.store(q, w1); q += pointStride;
          v128.store(q, f32x4.sub(w2, w1));
        }
      }
      for (; tx < tw; tx++) inputTile(plane, vc, pointStride, h, wd, y, c0 + 2 * tx, ty * tw + tx);
    }
    for (let t = tiles; t < t8; t++) {
      for (let xi = 0; xi < 9; xi++) store<f32>(vc + (<usize>xi) * pointStride + ((<usize>t) << 2), 0);
    }
  }
}

/** V of the tile whose window starts at row `y`, column `xc` (zero outside the plane), into slot `t`. */
@inline function inputTile(plane: usize, vc: usize, pointStride: usize, h: i32, wd: i32, y: i32, xc: i32, t: i32): void {
  let d00: f32 = 0, d01: f32 = 0, d02: f32 = 0, d10: f32 = 0, d11: f32 = 0, d12: f32 = 0;
  let d20: f32 = 0, d21: f32 = 0, d22: f32 = 0;
  if (y >= 0 && y + 2 < h && xc >= 0 && xc + 2 < wd) {
    const p = plane + ((<usize>(y * wd + xc)) << 2);
    const rs = <usize>wd << 2;
    d00 = load<f32>(p); d01 = load<f32>(p, 4); d02 = load<f32>(p, 8);
    d10 = load<f32>(p + rs); d11 = load<f32>(p + rs, 4); d12 = load<f32>(p + rs, 8);
    d20 = load<f32>(p + 2 * rs); d21 = load<f32>(p + 2 * rs, 4); d22 = load<f32>(p + 2 * rs, 8);
  } else {
    d00 = at(plane, h, wd, y, xc); d01 = at(plane, h, wd, y, xc + 1); d02 = at(plane, h, wd, y, xc + 2);
    d10 = at(plane, h, wd, y + 1, xc); d11 = at(plane, h, wd, y + 1, xc + 1); d12 = at(plane, h, wd, y + 1, xc + 2);
    d20 = at(plane, h, wd, y + 2, xc); d21 = at(plane, h, wd, y + 2, xc + 1); d22 = at(plane, h, wd, y + 2, xc + 2);
  }
  // B^T d: rows [d0 - d1; d1; d2 - d1]
  const a0 = d00 - d10, a1 = d01 - d11, a2 = d02 - d12;
  const c0 = d20 - d10, c1 = d21 - d11, c2 = d22 - d12;
  // (B^T d) B: columns [e0 - e1, e1, e2 - e1] of each row
  let q = vc + ((<usize>t) << 2);
  store<f32>(q, a0 - a1); q += pointStride;
  store<f32>(q, a1); q += pointStride;
  store<f32>(q, a2 - a1); q += pointStride;
  store<f32>(q, d10 - d11); q += pointStride;
  store<f32>(q, d11); q += pointStride;
  store<f32>(q, d12 - d11); q += pointStride;
  store<f32>(q, c0 - c1); q += pointStride;
  store<f32>(q, c1); q += pointStride;
  store<f32>(q, c2 - c1);
}

/** Columns 0, 2, 4, 6 of the 9 floats at `p` (the first window column of 4 tiles). */
@inline function column0(p: usize): v128 {
  return v128.shuffle<f32>(v128.load(p), v128.load(p, 16), 0, 2, 4, 6);
}

/** Columns 1, 3, 5, 7 of the 9 floats at `p`. */
@inline function column1(p: usize): v128 {
  return v128.shuffle<f32>(v128.load(p), v128.load(p, 16), 1, 3, 5, 7);
}

/** Columns 2, 4, 6, 8 of the 9 floats at `p`. */
@inline function column2(p: usize): v128 {
  return f32x4.replace_lane(v128.shuffle<f32>(v128.load(p), v128.load(p, 16), 2, 4, 6, 6), 3, load<f32>(p, 32));
}

@inline function at(plane: usize, h: i32, wd: i32, y: i32, x: i32): f32 {
  return y >= 0 && y < h && x >= 0 && x < wd ? load<f32>(plane + ((<usize>(y * wd + x)) << 2)) : 0;
}

/** M[xi] = U[xi] V[xi] for the 9 points: 4 output channels x 8 tiles per micro-kernel step. */
export function winogradGemm(u: usize, v: usize, m: usize, cinG: i32, coutG: i32, t8: i32): void {
  const blocks = (coutG + 3) >> 2;
  const rowBytes = <usize>t8 << 2;
  const uRowBytes = <usize>(blocks * 4) << 2;
  for (let xi = 0; xi < 9; xi++) {
    const uPoint = u + ((<usize>(xi * cinG * blocks * 4)) << 2);
    const vPoint = v + ((<usize>(xi * cinG * t8)) << 2);
    const mPoint = m + ((<usize>(xi * blocks * 4 * t8)) << 2);
    for (let cb = 0; cb < blocks; cb++) {
      const uBlock = uPoint + ((<usize>(cb * 4)) << 2);
      const uEnd = uBlock + (<usize>cinG) * uRowBytes;
      const mRow = mPoint + (<usize>(cb * 4)) * rowBytes;
      for (let t = 0; t < t8; t += 8) {
        let a0 = f32x4.splat(0), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, e0 = a0, e1 = a0;
        let vp = vPoint + ((<usize>t) << 2);
        for (let up = uBlock; up < uEnd; up += uRowBytes) {
          const x0 = v128.load(vp);
          const x1 = v128.load(vp, 16);
          let s = v128.load32_splat(up);
          a0 = madd(x0, s, a0);
          a1 = madd(x1, s, a1);
          s = v128.load32_splat(up, 4);
          b0 = madd(x0, s, b0);
          b1 = madd(x1, s, b1);
          s = v128.load32_splat(up, 8);
          c0 = madd(x0, s, c0);
          c1 = madd(x1, s, c1);
          s = v128.load32_splat(up, 12);
          e0 = madd(x0, s, e0);
          e1 = madd(x1, s, e1);
          vp += rowBytes;
        }
        const o = mRow + ((<usize>t) << 2);
        v128.store(o, a0); v128.store(o, a1, 16);
        v128.store(o + rowBytes, b0); v128.store(o + rowBytes, b1, 16);
        v128.store(o + 2 * rowBytes, c0); v128.store(o + 2 * rowBytes, c1, 16);
        v128.store(o + 3 * rowBytes, e0); v128.store(o + 3 * rowBytes, e1, 16);
      }
    }
  }
}

/**
 * Y = A^T M A for `coutG` output channels and `th` x `tw` tiles, plus the channel's bias when
 * `hasBias`, written to the output planes at `out` (`outPlane` floats apart, rows of `outW`): phase
 * pixel (oy', ox') lands at (oy' * sh + ry, ox' * sw + rx), for oy' < `hp` and ox' < `wp`.
 */
export function winogradOutput(
  m: usize, out: usize, bias: usize, hasBias: i32, coutG: i32, th: i32, tw: i32, t8: i32,
  outPlane: i32, outW: i32, sh: i32, sw: i32, ry: i32, rx: i32, hp: i32, wp: i32,
): void {
  const blocks = (coutG + 3) >> 2;
  const pointStride = <usize>(blocks * 4 * t8) << 2;
  for (let co = 0; co < coutG; co++) {
    const b: f32 = hasBias ? load<f32>(bias + ((<usize>co) << 2)) : 0;
    const mc = m + ((<usize>(co * t8)) << 2);
    const plane = out + ((<usize>(co * outPlane)) << 2);
    for (let ty = 0; ty < th; ty++) {
      for (let tx = 0; tx < tw; tx++) {
        let q = mc + ((<usize>(ty * tw + tx)) << 2);
        const m00 = load<f32>(q); q += pointStride;
        const m01 = load<f32>(q); q += pointStride;
        const m02 = load<f32>(q); q += pointStride;
        const m10 = load<f32>(q); q += pointStride;
        const m11 = load<f32>(q); q += pointStride;
        const m12 = load<f32>(q); q += pointStride;
        const m20 = load<f32>(q); q += pointStride;
        const m21 = load<f32>(q); q += pointStride;
        const m22 = load<f32>(q);
        // A^T M: rows [m0 + m1; m1 + m2]; then the same on columns
        const r00 = m00 + m10, r01 = m01 + m11, r02 = m02 + m12;
        const r10 = m10 + m20, r11 = m11 + m21, r12 = m12 + m22;
        const oy = 2 * ty, ox = 2 * tx;
        put(plane, outW, sh, sw, ry, rx, hp, wp, oy, ox, r00 + r01 + b);
        put(plane, outW, sh, sw, ry, rx, hp, wp, oy, ox + 1, r01 + r02 + b);
        put(plane, outW, sh, sw, ry, rx, hp, wp, oy + 1, ox, r10 + r11 + b);
        put(plane, outW, sh, sw, ry, rx, hp, wp, oy + 1, ox + 1, r11 + r12 + b);
      }
    }
  }
}

@inline function put(
  plane: usize, outW: i32, sh: i32, sw: i32, ry: i32, rx: i32, hp: i32, wp: i32, oy: i32, ox: i32, value: f32,
): void {
  if (oy < hp && ox < wp) store<f32>(plane + ((<usize>((oy * sh + ry) * outW + ox * sw + rx)) << 2), value);
}
