/**
 * Between the library's NCHW / PyTorch layouts and tfjs's NHWC ones: tfjs-core only (no Node
 * APIs), so the browser benchmark page uses it too.
 */
import * as tf from "@tensorflow/tfjs-core";

/** NCHW Float32Array -> NHWC tf tensor. */
export function nhwcTensor(data: Float32Array, shape: readonly number[]): tf.Tensor4D {
  const [n, c, h, w] = shape;
  const out = new Float32Array(data.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) out[((b * h + y) * w + x) * c + ch] = data[((b * c + ch) * h + y) * w + x];
  return tf.tensor4d(out, [n, h, w, c]);
}

/** NHWC flat data of shape [n, h, w, c] -> NCHW Float32Array. */
export function nhwcToNchwData(data: ArrayLike<number>, n: number, h: number, w: number, c: number): Float32Array {
  const out = new Float32Array(n * c * h * w);
  for (let b = 0; b < n; b++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let ch = 0; ch < c; ch++) out[((b * c + ch) * h + y) * w + x] = data[((b * h + y) * w + x) * c + ch];
  return out;
}

/** PyTorch transposed-conv weight (in, out, kh, kw) -> tf conv2dTranspose filter [kh, kw, out, in]. */
export function tfTransposedFilter(data: Float32Array, shape: readonly number[]): tf.Tensor4D {
  const [ci, co, kh, kw] = shape;
  const out = new Float32Array(data.length);
  for (let i = 0; i < ci; i++)
    for (let o = 0; o < co; o++)
      for (let y = 0; y < kh; y++)
        for (let x = 0; x < kw; x++) out[((y * kw + x) * co + o) * ci + i] = data[((i * co + o) * kh + y) * kw + x];
  return tf.tensor4d(out, [kh, kw, co, ci]);
}

/** PyTorch conv weight (out, in, kh, kw) -> tf conv2d filter [kh, kw, in, out]. */
export function tfConvFilter(data: Float32Array, shape: readonly number[]): tf.Tensor4D {
  const [co, ci, kh, kw] = shape;
  const out = new Float32Array(data.length);
  for (let o = 0; o < co; o++)
    for (let i = 0; i < ci; i++)
      for (let y = 0; y < kh; y++)
        for (let x = 0; x < kw; x++) out[((y * kw + x) * ci + i) * co + o] = data[((o * ci + i) * kh + y) * kw + x];
  return tf.tensor4d(out, [kh, kw, ci, co]);
}
