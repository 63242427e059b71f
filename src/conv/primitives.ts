/**
 * The three image primitives behind the article's four-step method (a transposed
 * convolution written as an ordinary stride-1 convolution): stretch the input by
 * inserting zeros, pad (or crop) it, and rotate the kernel by 180 degrees.
 *
 * Each works on the last two axes of a tensor of rank >= 2, so `[H, W]`,
 * `[C, H, W]` and `[N, C, H, W]` all work; the leading axes are kept.
 */
import { Tensor } from "../tensor";
import { describe } from "../args";
import { parsePadding4, parsePair, requireTensor, type PaddingLike, type PairLike } from "../args";

function requireImage(fn: string, name: string, value: unknown): Tensor {
  const t = requireTensor(fn, name, value);
  if (t.rank < 2) {
    throw new RangeError(`${fn}: ${name} must have at least 2 dimensions [..., H, W], got shape [${t.shape.join(", ")}]`);
  }
  return t;
}

function planes(t: Tensor): { count: number; h: number; w: number } {
  const h = t.shape[t.rank - 2];
  const w = t.shape[t.rank - 1];
  return { count: h * w === 0 ? 0 : t.size / (h * w), h, w };
}

/**
 * Inserts `stride - 1` zero rows between input rows and `stride - 1` zero columns
 * between input columns (step 2 of the four-step method): size `i` becomes
 * `(i - 1) * stride + 1`. `stride` is an integer >= 1 or `[sh, sw]`.
 *
 * @example insertZeros(tensor([[1, 2], [3, 4]]), 2) // [[1, 0, 2], [0, 0, 0], [3, 0, 4]]
 */
export function insertZeros(x: Tensor, stride: PairLike): Tensor {
  const fn = "insertZeros";
  const t = requireImage(fn, "x", x);
  const [sh, sw] = parsePair(fn, "stride", stride, 1);
  const { count, h, w } = planes(t);
  const oh = h === 0 ? 0 : (h - 1) * sh + 1;
  const ow = w === 0 ? 0 : (w - 1) * sw + 1;
  const shape = [...t.shape.slice(0, -2), oh, ow];
  const out = new Tensor(t.dtype === "float64" ? new Float64Array(count * oh * ow) : new Float32Array(count * oh * ow), shape);
  const src = t.data;
  const dst = out.data;
  for (let p = 0; p < count; p++) {
    const si = p * h * w;
    const di = p * oh * ow;
    for (let y = 0; y < h; y++) {
      const drow = di + y * sh * ow;
      const srow = si + y * w;
      for (let x0 = 0; x0 < w; x0++) dst[drow + x0 * sw] = src[srow + x0];
    }
  }
  return out;
}

/**
 * Pads the last two axes with `value` (zeros by default): `padding` is `p`,
 * `[ph, pw]` or `[top, left, bottom, right]`. A negative amount crops that many
 * rows or columns from that side instead, so `pad2d(x, -1)` removes a 1-pixel border.
 *
 * @example pad2d(tensor([[1]]), [0, 0, 1, 1]) // [[1, 0], [0, 0]]
 */
export function pad2d(x: Tensor, padding: PaddingLike, value = 0): Tensor {
  const fn = "pad2d";
  const t = requireImage(fn, "x", x);
  const [top, left, bottom, right] = parsePadding4(fn, "padding", padding, true);
  if (typeof value !== "number") throw new TypeError(`${fn}: value must be a number, got ${describe(value)}`);
  const { count, h, w } = planes(t);
  const oh = h + top + bottom;
  const ow = w + left + right;
  if (oh < 0 || ow < 0) {
    throw new RangeError(
      `${fn}: padding must not crop more than the image (${h}x${w}), got ${describe(padding)} giving ${oh}x${ow}`,
    );
  }
  const shape = [...t.shape.slice(0, -2), oh, ow];
  const size = count * oh * ow;
  const dst = t.dtype === "float64" ? new Float64Array(size) : new Float32Array(size);
  if (value !== 0) dst.fill(value);
  // Rows/columns of the source that survive, and where they land.
  const y0 = Math.max(0, -top);
  const y1 = Math.min(h, oh - top);
  const x0 = Math.max(0, -left);
  const x1 = Math.min(w, ow - left);
  const src = t.data;
  for (let p = 0; p < count; p++) {
    for (let y = y0; y < y1; y++) {
      const s = p * h * w + y * w;
      const d = p * oh * ow + (y + top) * ow + left;
      for (let xi = x0; xi < x1; xi++) dst[d + xi] = src[s + xi];
    }
  }
  return new Tensor(dst, shape);
}

/**
 * Rotates the last two axes by 180 degrees (flips rows and columns): the kernel
 * flip that the four-step method needs and the article leaves out.
 *
 * @example rotate180(tensor([[0, 1], [2, 3]])) // [[3, 2], [1, 0]]
 */
export function rotate180(weight: Tensor): Tensor {
  const t = requireImage("rotate180", "weight", weight);
  const { count, h, w } = planes(t);
  const n = h * w;
  const src = t.data;
  const dst = t.dtype === "float64" ? new Float64Array(t.size) : new Float32Array(t.size);
  for (let p = 0; p < count; p++) {
    const base = p * n;
    for (let i = 0; i < n; i++) dst[base + i] = src[base + n - 1 - i];
  }
  return new Tensor(dst, t.shape);
}

/**
 * Turns a transposed-convolution weight `(in, out/groups, kh, kw)` into the
 * weight `(out, in/groups, kh, kw)` of the direct convolution that computes it
 * in the four-step method: swaps the in/out axes within each group and rotates
 * every kernel by 180 degrees.
 */
export function transposedToDirectWeight(weight: Tensor, groups = 1): Tensor {
  const fn = "transposedToDirectWeight";
  const t = requireTensor(fn, "weight", weight);
  if (t.rank !== 4) {
    throw new RangeError(`${fn}: weight must be 4-D (in, out/groups, kh, kw), got shape [${t.shape.join(", ")}]`);
  }
  const [cin, coutG, kh, kw] = t.shape;
  if (typeof groups !== "number" || !Number.isInteger(groups) || groups < 1) {
    throw new RangeError(`${fn}: groups must be an integer >= 1, got ${describe(groups)}`);
  }
  if (cin % groups !== 0) {
    throw new RangeError(`${fn}: weight's in channels (${cin}) must be divisible by groups, got groups ${groups}`);
  }
  const cinG = cin / groups;
  const k = kh * kw;
  const src = t.data;
  const dst = t.dtype === "float64" ? new Float64Array(t.size) : new Float32Array(t.size);
  for (let g = 0; g < groups; g++) {
    for (let i = 0; i < cinG; i++) {
      for (let o = 0; o < coutG; o++) {
        const s = ((g * cinG + i) * coutG + o) * k;
        const d = ((g * coutG + o) * cinG + i) * k;
        for (let j = 0; j < k; j++) dst[d + j] = src[s + k - 1 - j];
      }
    }
  }
  return new Tensor(dst, [groups * coutG, cinG, kh, kw]);
}
