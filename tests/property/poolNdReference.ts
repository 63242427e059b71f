// Brute-force pooling references written from the definitions (PyTorch / ONNX), independent of
// the library's loops: the input is first copied into an explicitly padded array (padding marked
// as such), every window is read from it, and the output size is found by trying window starts.
import { Tensor } from "../../src";
import { indices } from "./convNdReference";

/** One pooling in any number of spatial axes; pads are before/after per axis. */
export interface PoolSpec {
  kernel: number[];
  stride: number[];
  dilation: number[];
  before: number[];
  after: number[];
  ceilMode: boolean;
}

/**
 * Output length along one axis: window starts 0, s, 2s, ... in the padded input; floor mode keeps
 * starts whose whole window fits; ceil mode also keeps a last partial window if it starts inside
 * the input or the left padding (PyTorch's rule).
 */
export function referenceOutLength(
  i: number,
  k: number,
  s: number,
  d: number,
  before: number,
  after: number,
  ceil: boolean,
): number {
  const padded = i + before + after;
  const span = d * (k - 1) + 1;
  let count = 0;
  for (let start = 0; ; start += s) {
    const fits = start + span <= padded;
    // ceil mode: one more window running past the end, kept only if it starts inside the input or the left padding
    const partial = ceil && !fits && start < padded - span + s && start < i + before;
    if (!(fits || partial)) return count;
    count++;
  }
}

interface Padded {
  values: Float64Array;
  inside: Uint8Array;
  /** Flat position in the unpadded input volume, or -1 in the padding. */
  position: Int32Array;
  shape: number[];
}

function pad(plane: ArrayLike<number>, size: number[], spec: PoolSpec): Padded {
  // room for ceil-mode windows that run past the end padding
  const shape = size.map((s, a) => s + spec.before[a] + spec.after[a] + spec.dilation[a] * spec.kernel[a] + spec.stride[a]);
  const total = shape.reduce((a, b) => a * b, 1);
  const out: Padded = {
    values: new Float64Array(total),
    inside: new Uint8Array(total),
    position: new Int32Array(total).fill(-1),
    shape,
  };
  const inPad = new Uint8Array(total);
  let flat = 0;
  for (const p of indices(shape)) {
    const q = p.map((v, a) => v - spec.before[a]);
    const inInput = q.every((v, a) => v >= 0 && v < size[a]);
    if (inInput) {
      let pos = 0;
      for (let a = 0; a < size.length; a++) pos = pos * size[a] + q[a];
      out.values[flat] = plane[pos];
      out.inside[flat] = 1;
      out.position[flat] = pos;
    }
    inPad[flat] = p.every((v, a) => v < size[a] + spec.before[a] + spec.after[a]) ? 1 : 0;
    flat++;
  }
  (out as Padded & { inPad: Uint8Array }).inPad = inPad;
  return out;
}

/** Reference max-pooling over [N, C, ...size]: values and per-volume flat indices (first maximum wins). */
export function maxPoolReference(x: Tensor, spec: PoolSpec): { values: Tensor; indices: Tensor; outSize: number[] } {
  const [batch, channels, ...size] = x.shape;
  const outSize = size.map((i, a) =>
    referenceOutLength(i, spec.kernel[a], spec.stride[a], spec.dilation[a], spec.before[a], spec.after[a], spec.ceilMode),
  );
  const shape = [batch, channels, ...outSize];
  const volume = size.reduce((a, b) => a * b, 1);
  const values: number[] = [];
  const idx: number[] = [];
  for (let plane = 0; plane < batch * channels; plane++) {
    const p = pad(x.data.subarray(plane * volume, (plane + 1) * volume), size, spec);
    for (const o of indices(outSize)) {
      let best = -Infinity;
      let at = -1;
      for (const t of indices(spec.kernel)) {
        const q = o.map((v, a) => v * spec.stride[a] + t[a] * spec.dilation[a]);
        let f = 0;
        for (let a = 0; a < q.length; a++) f = f * p.shape[a] + q[a];
        if (!p.inside[f]) continue;
        if (at < 0 || p.values[f] > best) {
          best = p.values[f];
          at = p.position[f];
        }
      }
      values.push(best);
      idx.push(at);
    }
  }
  return { values: new Tensor(Float64Array.from(values), shape), indices: new Tensor(Float64Array.from(idx), shape), outSize };
}

/** Reference average pooling: the sum over input elements divided by the taps inside the padded input, or inside the input. */
export function avgPoolReference(x: Tensor, spec: PoolSpec, countIncludePad: boolean): Tensor {
  const [batch, channels, ...size] = x.shape;
  const outSize = size.map((i, a) =>
    referenceOutLength(i, spec.kernel[a], spec.stride[a], spec.dilation[a], spec.before[a], spec.after[a], spec.ceilMode),
  );
  const volume = size.reduce((a, b) => a * b, 1);
  const values: number[] = [];
  for (let plane = 0; plane < batch * channels; plane++) {
    const p = pad(x.data.subarray(plane * volume, (plane + 1) * volume), size, spec) as Padded & { inPad: Uint8Array };
    for (const o of indices(outSize)) {
      let sum = 0;
      let inside = 0;
      let padded = 0;
      for (const t of indices(spec.kernel)) {
        const q = o.map((v, a) => v * spec.stride[a] + t[a] * spec.dilation[a]);
        let f = 0;
        for (let a = 0; a < q.length; a++) f = f * p.shape[a] + q[a];
        if (p.inPad[f]) padded++;
        if (!p.inside[f]) continue;
        sum += p.values[f];
        inside++;
      }
      values.push(sum / (countIncludePad ? padded : inside));
    }
  }
  return new Tensor(Float64Array.from(values), [batch, channels, ...outSize]);
}
