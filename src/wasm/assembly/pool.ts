// AssemblyScript (compiled to WebAssembly with SIMD by `npm run build:wasm`; not part of the
// TypeScript program: tsc and eslint skip this folder).
//
// Float32 max-pooling 2x2, stride 2, no padding, with indices, for contiguous planes (NCHW or
// 2-D). The host (src/wasm/maxPool2dWasm.ts) copies a chunk of input planes in, runs the kernel
// and copies the values and indices out while they are in cache.
//
// Same rule as the TypeScript op, lane by lane: the four taps are visited in the order
// (y, x), (y, x+1), (y+1, x), (y+1, x+1) and a later tap wins when it is greater or NaN, so ties
// keep the first maximum, a NaN wins (the last NaN), and -0 / +0 come out as in TypeScript.
// 4 windows per step: 8 inputs of each row are loaded and split into even / odd columns with
// shuffles; `win` masks select the value and the tap offset without branches.

/**
 * Max-pools `planes` consecutive float32 planes of `h x w` at `src` with 2x2 windows, stride 2:
 * output `oh x ow` per plane (2 oh <= h, 2 ow <= w), values (float32) at `values` and the flat
 * in-plane index `indexOffset + y * w + x` of each maximum (float64) at `indices`, planes
 * consecutive (`indexOffset` is nonzero when `src` is a band of rows of a larger plane).
 */
export function maxPool2x2(
  src: usize, values: usize, indices: usize, planes: i32, h: i32, w: i32, oh: i32, ow: i32, indexOffset: i32,
): void {
  const rowBytes = <usize>w << 2;
  const right = i32x4.splat(1);
  const below = i32x4.splat(w);
  const belowRight = i32x4.splat(w + 1);
  const evenCols = i32x4(0, 2, 4, 6);
  let v = values;
  let ix = indices;
  for (let p = 0; p < planes; p++) {
    const plane = src + (<usize>(p * h * w) << 2);
    for (let oy = 0; oy < oh; oy++) {
      const top = plane + (<usize>(2 * oy) * rowBytes);
      const bottom = top + rowBytes;
      const rowBase = indexOffset + 2 * oy * w;
      let ox = 0;
      for (; ox + 4 <= ow; ox += 4) {
        const at = <usize>(8 * ox);
        const a = v128.load(top + at);
        const b = v128.load(top + at, 16);
        const c = v128.load(bottom + at);
        const d = v128.load(bottom + at, 16);
        let best = v128.shuffle<i32>(a, b, 0, 2, 4, 6);
        let tap = i32x4.splat(0);
        let next = v128.shuffle<i32>(a, b, 1, 3, 5, 7);
        let win = v128.or(f32x4.gt(next, best), f32x4.ne(next, next));
        best = v128.bitselect(next, best, win);
        tap = v128.bitselect(right, tap, win);
        next = v128.shuffle<i32>(c, d, 0, 2, 4, 6);
        win = v128.or(f32x4.gt(next, best), f32x4.ne(next, next));
        best = v128.bitselect(next, best, win);
        tap = v128.bitselect(below, tap, win);
        next = v128.shuffle<i32>(c, d, 1, 3, 5, 7);
        win = v128.or(f32x4.gt(next, best), f32x4.ne(next, next));
        best = v128.bitselect(next, best, win);
        tap = v128.bitselect(belowRight, tap, win);
        v128.store(v + (<usize>ox << 2), best);
        const index = i32x4.add(i32x4.add(tap, evenCols), i32x4.splat(rowBase + 2 * ox));
        v128.store(ix + (<usize>ox << 3), f64x2.convert_low_i32x4_s(index));
        v128.store(ix + (<usize>ox << 3), f64x2.convert_low_i32x4_s(v128.shuffle<i32>(index, index, 2, 3, 0, 1)), 16);
      }
      for (; ox < ow; ox++) {
        const c = <usize>(8 * ox);
        let best = load<f32>(top + c);
        let tap = 0;
        let next = load<f32>(top + c, 4);
        if (next > best || next != next) { best = next; tap = 1; }
        next = load<f32>(bottom + c);
        if (next > best || next != next) { best = next; tap = w; }
        next = load<f32>(bottom + c, 4);
        if (next > best || next != next) { best = next; tap = w + 1; }
        store<f32>(v + (<usize>ox << 2), best);
        store<f64>(ix + (<usize>ox << 3), <f64>(rowBase + 2 * ox + tap));
      }
      v += <usize>ow << 2;
      ix += <usize>ow << 3;
    }
  }
}
