// Brute-force references for convolutions and transposed convolutions in any number of spatial
// axes, written from the definitions (PyTorch conventions), independent of the library's kernels:
// a transposed convolution scatters x[n, ci, i] * w[ci, co, t] to output position i*s + t*d - before;
// a convolution gathers x[n, ci, o*s + t*d - before] * w[co, ci, t] into output position o.
import { Tensor } from "../../src";

/** Geometry of one N-D call; every per-axis array has one entry per spatial axis. */
export interface NdSpec {
  stride: number[];
  dilation: number[];
  before: number[];
  after: number[];
  outputPadding?: number[];
  groups: number;
  bias?: Tensor;
}

/** Every multi-index of `shape`, row-major. */
export function* indices(shape: readonly number[]): Generator<number[]> {
  const size = shape.reduce((a, b) => a * b, 1);
  for (let flat = 0; flat < size; flat++) {
    const index = new Array<number>(shape.length);
    let rest = flat;
    for (let a = shape.length - 1; a >= 0; a--) {
      index[a] = rest % shape[a];
      rest = Math.floor(rest / shape[a]);
    }
    yield index;
  }
}

function flatIndex(shape: readonly number[], index: readonly number[]): number {
  let f = 0;
  for (let a = 0; a < shape.length; a++) f = f * shape[a] + index[a];
  return f;
}

/** Transposed convolution by scattering every input element's product with the kernel. */
export function convTransposeNdReference(x: Tensor, w: Tensor, spec: NdSpec): Tensor {
  const [batch, cin, ...inSize] = x.shape;
  const [, coutG, ...kernel] = w.shape;
  const cinG = cin / spec.groups;
  const cout = coutG * spec.groups;
  const op = spec.outputPadding ?? inSize.map(() => 0);
  const outSize = inSize.map(
    (i, a) => (i - 1) * spec.stride[a] + spec.dilation[a] * (kernel[a] - 1) + 1 - spec.before[a] - spec.after[a] + op[a],
  );
  const shape = [batch, cout, ...outSize];
  const out = new Float64Array(shape.reduce((a, b) => a * b, 1));
  for (const [n, ci, ...i] of indices(x.shape)) {
    const v = x.data[flatIndex(x.shape, [n, ci, ...i])];
    const grp = Math.floor(ci / cinG);
    for (let o = 0; o < coutG; o++) {
      for (const t of indices(kernel)) {
        const pos = i.map((ia, a) => ia * spec.stride[a] + t[a] * spec.dilation[a] - spec.before[a]);
        if (pos.some((p, a) => p < 0 || p >= outSize[a])) continue;
        out[flatIndex(shape, [n, grp * coutG + o, ...pos])] += v * w.data[flatIndex(w.shape, [ci, o, ...t])];
      }
    }
  }
  addBias(out, shape, spec.bias);
  return new Tensor(out, shape);
}

/** Convolution (cross-correlation) by gathering each output element's window. */
export function convNdReference(x: Tensor, w: Tensor, spec: NdSpec): Tensor {
  const [batch, cin, ...inSize] = x.shape;
  const [cout, cinG, ...kernel] = w.shape;
  const coutG = cout / spec.groups;
  const outSize = inSize.map(
    (i, a) => Math.floor((i + spec.before[a] + spec.after[a] - spec.dilation[a] * (kernel[a] - 1) - 1) / spec.stride[a]) + 1,
  );
  const shape = [batch, cout, ...outSize];
  const out = new Float64Array(shape.reduce((a, b) => a * b, 1));
  for (const [n, co, ...o] of indices(shape)) {
    const grp = Math.floor(co / coutG);
    let sum = 0;
    for (let c = 0; c < cinG; c++) {
      for (const t of indices(kernel)) {
        const pos = o.map((oa, a) => oa * spec.stride[a] + t[a] * spec.dilation[a] - spec.before[a]);
        if (pos.some((p, a) => p < 0 || p >= inSize[a])) continue;
        sum += x.data[flatIndex(x.shape, [n, grp * cinG + c, ...pos])] * w.data[flatIndex(w.shape, [co, c, ...t])];
      }
    }
    out[flatIndex(shape, [n, co, ...o])] = sum;
  }
  void cin;
  addBias(out, shape, spec.bias);
  return new Tensor(out, shape);
}

function addBias(out: Float64Array, shape: readonly number[], bias: Tensor | undefined): void {
  if (bias === undefined) return;
  const plane = shape.slice(2).reduce((a, b) => a * b, 1);
  for (let i = 0; i < out.length; i++) out[i] += bias.data[Math.floor(i / plane) % shape[1]];
}

/** Largest |a - b| relative to max(1, max |b|). */
export function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let scale = 1;
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    const d = Math.abs(a[i] - b[i]);
    worst = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(worst, d);
  }
  return worst / scale;
}

/** Sum of a[i] * b[i]. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
