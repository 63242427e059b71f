// AssemblyScript (compiled to WebAssembly with SIMD by `npm run build:wasm`; not part of the
// TypeScript program: tsc and eslint skip this folder).
//
// Separable float32 resampling of contiguous planes with any tap tables (resize's cubic, lanczos
// and area modes): each output row first combines its input rows (f32x4 across the row into
// `tmp`), then each output column combines its taps of `tmp`. The tables come from the
// TypeScript op (`axisTaps`): `k` taps per output index, i32 indices and f32 weights.
// Arithmetic is float32 (as onnxruntime's), so results differ from the TypeScript path's float64
// in the last bits.

/**
 * Output rows y0..y1 of `planes` consecutive float32 planes of `h x w` at `src`, written
 * consecutively at `dst` (each plane's rows y0..y1, `outW` wide). rowIdx/rowW: `rowK` taps per
 * output row; colIdx/colW: `colK` taps per output column; `tmp`: scratch for `w` floats.
 */
export function tapRows(
  src: usize, dst: usize, planes: i32, h: i32, w: i32, outW: i32, y0: i32, y1: i32,
  rowIdx: usize, rowW: usize, rowK: i32, colIdx: usize, colW: usize, colK: i32, tmp: usize,
): void {
  let d = dst;
  for (let p = 0; p < planes; p++) {
    const plane = src + (<usize>(p * h * w) << 2);
    for (let y = y0; y < y1; y++) {
      const tb = <usize>(y * rowK);
      // vertical: tmp = sum over k of rowW[k] * input row rowIdx[k]
      const w0 = load<f32>(rowW + (tb << 2));
      const r0 = plane + (<usize>(load<i32>(rowIdx + (tb << 2)) * w) << 2);
      const v0 = f32x4.splat(w0);
      let c = 0;
      for (; c + 4 <= w; c += 4) v128.store(tmp + (<usize>c << 2), f32x4.mul(v128.load(r0 + (<usize>c << 2)), v0));
      for (; c < w; c++) store<f32>(tmp + (<usize>c << 2), load<f32>(r0 + (<usize>c << 2)) * w0);
      for (let k = 1; k < rowK; k++) {
        const wk = load<f32>(rowW + ((tb + <usize>k) << 2));
        if (wk == 0) continue;
        const rk = plane + (<usize>(load<i32>(rowIdx + ((tb + <usize>k) << 2)) * w) << 2);
        const vk = f32x4.splat(wk);
        c = 0;
        for (; c + 4 <= w; c += 4) {
          const t = tmp + (<usize>c << 2);
          v128.store(t, f32x4.add(v128.load(t), f32x4.mul(v128.load(rk + (<usize>c << 2)), vk)));
        }
        for (; c < w; c++) {
          const t = tmp + (<usize>c << 2);
          store<f32>(t, load<f32>(t) + load<f32>(rk + (<usize>c << 2)) * wk);
        }
      }
      // horizontal: out[x] = sum over k of colW[k] * tmp[colIdx[k]]
      if (colK == 4) {
        for (let x = 0; x < outW; x++) {
          const cb = <usize>(x << 2);
          const i0 = load<i32>(colIdx + (cb << 2));
          const wv = v128.load(colW + (cb << 2));
          let v: v128;
          if (load<i32>(colIdx + ((cb + 3) << 2)) == i0 + 3) {
            v = v128.load(tmp + (<usize>i0 << 2));
          } else {
            v = f32x4.splat(load<f32>(tmp + (<usize>i0 << 2)));
            v = f32x4.replace_lane(v, 1, load<f32>(tmp + (<usize>load<i32>(colIdx + ((cb + 1) << 2)) << 2)));
            v = f32x4.replace_lane(v, 2, load<f32>(tmp + (<usize>load<i32>(colIdx + ((cb + 2) << 2)) << 2)));
            v = f32x4.replace_lane(v, 3, load<f32>(tmp + (<usize>load<i32>(colIdx + ((cb + 3) << 2)) << 2)));
          }
          const m = f32x4.mul(v, wv);
          const s = f32x4.add(m, v128.shuffle<f32>(m, m, 2, 3, 0, 1));
          store<f32>(d + (<usize>x << 2), f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1));
        }
      } else {
        for (let x = 0; x < outW; x++) {
          const cb = <usize>(x * colK);
          let acc: f32 = 0;
          for (let k = 0; k < colK; k++) {
            const wk = load<f32>(colW + ((cb + <usize>k) << 2));
            acc += wk * load<f32>(tmp + (<usize>load<i32>(colIdx + ((cb + <usize>k) << 2)) << 2));
          }
          store<f32>(d + (<usize>x << 2), acc);
        }
      }
      d += <usize>outW << 2;
    }
  }
}
