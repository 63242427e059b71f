// A brute-force resize written from the ONNX Resize specification (opset 19, its operator text
// and the procedure of its reference implementation), and from TF's ScaleAndTranslate (lanczos)
// and ResizeArea (area) definitions: every output element is computed on its own by nested 1-D
// interpolations, each 1-D step finding its neighbours by sorting all indices of the edge-padded
// axis by distance. Slow and literal, to check the library's tap tables and kernels against.
import type { Tensor } from "../../src";

export interface ReferenceResize {
  mode: "nearest" | "linear" | "cubic" | "area" | "lanczos3" | "lanczos5";
  coordinates:
    "half-pixel" | "pytorch-half-pixel" | "align-corners" | "asymmetric" | "tf-half-pixel-for-nn" | "half-pixel-symmetric";
  rounding: "floor" | "ceil" | "round-prefer-floor" | "round-prefer-ceil";
  cubicCoefficient: number;
  excludeOutside: boolean;
  antialias: boolean;
  /** Per spatial axis: the scale used in the coordinate transform, and the output length. */
  scales: number[];
  outSizes: number[];
  channelsLast: boolean;
  /** 'area' bins: TF's overlap weights (default) or PyTorch's adaptive average pooling. */
  areaBins?: "overlap" | "adaptive";
}

function originalCoordinate(
  r: ReferenceResize,
  xResized: number,
  scale: number,
  lengthResized: number,
  lengthOriginal: number,
): number {
  switch (r.coordinates) {
    case "half-pixel":
      return (xResized + 0.5) / scale - 0.5;
    case "pytorch-half-pixel":
      return lengthResized > 1 ? (xResized + 0.5) / scale - 0.5 : 0;
    case "align-corners":
      return lengthResized === 1 ? 0 : (xResized * (lengthOriginal - 1)) / (lengthResized - 1);
    case "asymmetric":
      return xResized / scale;
    case "tf-half-pixel-for-nn":
      return (xResized + 0.5) / scale;
    case "half-pixel-symmetric": {
      const adjustment = lengthResized / (scale * lengthOriginal);
      const center = lengthOriginal / 2;
      const offset = center * (1 - adjustment);
      return offset + (xResized + 0.5) / scale - 0.5;
    }
  }
}

function nearestCoeffs(ratio: number, mode: ReferenceResize["rounding"]): number[] {
  if (Number.isInteger(ratio)) return [0, 1];
  if (mode === "round-prefer-floor") return [ratio <= 0.5 ? 1 : 0, ratio > 0.5 ? 1 : 0];
  if (mode === "round-prefer-ceil") return [ratio < 0.5 ? 1 : 0, ratio >= 0.5 ? 1 : 0];
  if (mode === "floor") return [1, 0];
  return [0, 1];
}

function cubicCoeffs(ratio: number, A: number): number[] {
  return [
    ((A * (ratio + 1) - 5 * A) * (ratio + 1) + 8 * A) * (ratio + 1) - 4 * A,
    ((A + 2) * ratio - (A + 3)) * ratio * ratio + 1,
    ((A + 2) * (1 - ratio) - (A + 3)) * (1 - ratio) * (1 - ratio) + 1,
    ((A * (1 - ratio + 1) - 5 * A) * (1 - ratio + 1) + 8 * A) * (1 - ratio + 1) - 4 * A,
  ];
}

function cubicCoeffsAntialias(ratio: number, scale: number, A: number): number[] {
  const s = Math.min(scale, 1);
  const coeff = (v: number): number => {
    const x = Math.abs(v);
    if (x <= 1) return (A + 2) * x ** 3 - (A + 3) * x ** 2 + 1;
    if (x < 2) return A * x ** 3 - 5 * A * x ** 2 + 8 * A * x - 4 * A;
    return 0;
  };
  const iStart = Math.floor(-2 / s) + 1;
  const iEnd = 2 - iStart;
  const c: number[] = [];
  for (let i = iStart; i < iEnd; i++) c.push(coeff(s * (i - ratio)));
  const sum = c.reduce((a, b) => a + b, 0);
  return c.map((v) => v / sum);
}

function linearCoeffsAntialias(ratio: number, scale: number): number[] {
  const s = Math.min(scale, 1);
  const start = Math.floor(-1 / s) + 1;
  const footprint = 2 - 2 * start;
  const c: number[] = [];
  for (let i = start; i < start + footprint; i++) c.push(Math.min(Math.max(1 - Math.abs((i - ratio) * s), 0), 1));
  const sum = c.reduce((a, b) => a + b, 0);
  return c.map((v) => v / sum);
}

/** The n nearest indices to x among [first, first + limit), ties to the smaller, ascending (the spec's `get_neighbor_idxes`). */
function neighborIndexes(x: number, n: number, limit: number, first: number): number[] {
  const all = Array.from({ length: limit }, (_, i) => first + i);
  all.sort((a, b) => Math.abs(x - a) - Math.abs(x - b) || a - b);
  return all.slice(0, n).sort((a, b) => a - b);
}

/** ONNX's 1-D interpolation of `data` (already interpolated along the later axes) at output index x. */
function interpolate1d(r: ReferenceResize, data: number[], scale: number, outLength: number, xResized: number): number {
  const inputWidth = data.length;
  let xOri = originalCoordinate(r, xResized, scale, outLength, inputWidth);
  if (r.mode === "area" && r.areaBins === "adaptive") {
    // PyTorch adaptive_avg_pool: the mean of data[floor(o * in / out) .. ceil((o + 1) * in / out))
    const start = Math.floor((xResized * inputWidth) / outLength);
    const end = Math.ceil(((xResized + 1) * inputWidth) / outLength);
    return data.slice(start, end).reduce((a, b) => a + b, 0) / (end - start);
  }
  if (r.mode === "area") {
    let acc = 0;
    const lo = xResized / scale;
    const hi = (xResized + 1) / scale;
    for (let j = 0; j < inputWidth; j++) acc += Math.max(0, Math.min(j + 1, hi) - Math.max(j, lo)) * scale * data[j];
    return acc;
  }
  if (r.mode === "lanczos3" || r.mode === "lanczos5") {
    const lobes = r.mode === "lanczos3" ? 3 : 5;
    const k = r.antialias ? Math.min(scale, 1) : 1;
    let acc = 0;
    let total = 0;
    for (let j = Math.floor(xOri - lobes / k) - 1; j <= Math.ceil(xOri + lobes / k) + 1; j++) {
      const d = Math.abs(k * (j - xOri));
      const w =
        d >= lobes
          ? 0
          : d === 0
            ? 1
            : (Math.sin(Math.PI * d) / (Math.PI * d)) * (Math.sin((Math.PI * d) / lobes) / ((Math.PI * d) / lobes));
      if ((j < 0 || j >= inputWidth) && r.excludeOutside) continue;
      acc += w * data[Math.min(Math.max(j, 0), inputWidth - 1)];
      total += w;
    }
    return acc / total;
  }
  // exact arithmetic: a coordinate within 1e-9 of a whole or half number is that number (the
  // spec's formulas are rational; float error must not flip floor, ceil or a tie)
  if (r.mode === "nearest" && Math.abs(2 * xOri - Math.round(2 * xOri)) <= 2e-9 * Math.max(1, Math.abs(xOri))) {
    xOri = Math.round(2 * xOri) / 2;
  }
  const xOriInt = Math.floor(xOri);
  const ratio = Number.isInteger(xOri) ? 1 : xOri - xOriInt;
  let coeffs: number[];
  if (r.mode === "nearest") coeffs = nearestCoeffs(ratio, r.rounding);
  else if (r.mode === "linear") coeffs = r.antialias ? linearCoeffsAntialias(ratio, scale) : [1 - ratio, ratio];
  else coeffs = r.antialias ? cubicCoeffsAntialias(ratio, scale, r.cubicCoefficient) : cubicCoeffs(ratio, r.cubicCoefficient);
  const n = coeffs.length;
  const pad = Math.ceil(n / 2);
  const padded = [...Array(pad).fill(data[0]), ...data, ...Array(pad).fill(data[inputWidth - 1])];
  // the spec pads then shifts x by pad; shifting the indices instead keeps x exact (x + pad can round)
  const idxes = neighborIndexes(xOri, n, padded.length, -pad).map((i) => i + pad);
  const points = idxes.map((i) => padded[i]);
  if (r.excludeOutside && r.mode !== "nearest") {
    idxes.forEach((i, k) => {
      if (i - pad < 0 || i - pad >= inputWidth) coeffs[k] = 0;
    });
    const sum = coeffs.reduce((a, b) => a + b, 0);
    coeffs = coeffs.map((c) => c / sum);
  }
  return coeffs.reduce((acc, c, k) => acc + c * points[k], 0);
}

/** The resized tensor's data, element by element (N-D: each output element interpolates every axis in turn). */
export function referenceResize(x: Tensor, r: ReferenceResize): Float64Array {
  const rank = x.rank;
  const axes = rank === 2 ? 2 : rank - 2;
  const first = rank === 2 ? 0 : r.channelsLast ? 1 : 2;
  const inShape = x.shape;
  const outShape = [...inShape];
  r.outSizes.forEach((v, a) => {
    outShape[first + a] = v;
  });
  const strides = inShape.map((_, i) => inShape.slice(i + 1).reduce((p, d) => p * d, 1));
  const total = outShape.reduce((p, d) => p * d, 1);
  const result = new Float64Array(total);
  const outIdx = new Array<number>(rank).fill(0);
  for (let flat = 0; flat < total; flat++) {
    let rem = flat;
    for (let i = rank - 1; i >= 0; i--) {
      outIdx[i] = rem % outShape[i];
      rem = Math.floor(rem / outShape[i]);
    }
    const base = outIdx.map((v, i) => (i >= first && i < first + axes ? 0 : v));
    // value of the input with the spatial axes a..end still to interpolate and the earlier ones fixed
    const value = (a: number, fixed: number[]): number => {
      if (a === axes) {
        let off = 0;
        base.forEach((v, i) => {
          off += (i >= first && i < first + axes ? fixed[i - first] : v) * strides[i];
        });
        return x.data[off];
      }
      const line = Array.from({ length: inShape[first + a] }, (_, j) => value(a + 1, [...fixed, j]));
      return interpolate1d(r, line, r.scales[a], r.outSizes[a], outIdx[first + a]);
    };
    result[flat] = value(0, []);
  }
  return result;
}
