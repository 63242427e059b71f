/** `resize`: every resize of PyTorch, TF/Keras and ONNX, in 1-D, 2-D and 3-D, with each convention named. */
import { Tensor, type TensorData } from "../tensor";
import { describe, outputData, requireTensor } from "../args";
import { type ParsedResize, type ResizeOptions, parseResizeOptions } from "./resizeOptions";
import { type AxisTaps, axisTaps } from "./resizeTaps";
import { readImageBatch } from "./layout";
import { NEAREST_WASM_MIN_OUTPUT, nearestPlanesTs, wholeRepeat } from "./upsampleNearest";
import { WASM_MIN_OUTPUT, type LinearTap } from "./upsampleBilinear";
import { bilinearPlanesTs, bilinearTables } from "./bilinearPlanes";
import { bilinearPlanesWasm, nearestPlanesWasm, tapPlanesWasm } from "../wasm/resampleWasm";

/** Output elements from which float32 planes with wider taps (cubic, lanczos, area) go to the WebAssembly kernel. */
export const TAPS_WASM_MIN_OUTPUT = 256;

/** The shape of an input of `resize` seen as batch, channels and spatial axes. */
interface ResizeGeometry {
  /** Index of the first spatial axis in the tensor's shape. */
  firstSpatial: number;
  spatial: number[];
  outSpatial: number[];
  /** The scale each axis uses in its coordinate transform (given, or out/in). */
  scales: number[];
}

function geometry(fn: string, x: Tensor, parsed: ParsedResize): ResizeGeometry {
  const firstSpatial = x.rank === 2 ? 0 : parsed.channelsLast ? 1 : 2;
  const spatial = x.shape.slice(firstSpatial, firstSpatial + (x.rank === 2 ? 2 : x.rank - 2));
  const outSpatial: number[] = [];
  const scales: number[] = [];
  spatial.forEach((inLength, a) => {
    if (inLength === 0) {
      throw new RangeError(`${fn}: cannot resize an empty axis: x has shape [${x.shape.join(", ")}]`);
    }
    if (parsed.size !== undefined) {
      outSpatial.push(parsed.size[a]);
      scales.push(parsed.size[a] / inLength);
    } else {
      const s = (parsed.scale as number[])[a];
      const out = Math.floor(inLength * s);
      if (out < 1) {
        throw new RangeError(
          `${fn}: scale ${describe(s)} turns spatial axis ${a} of length ${inLength} into floor(${inLength} * ${s}) = ${out} ` +
            "elements; scale must give an output of at least 1",
        );
      }
      outSpatial.push(out);
      scales.push(s);
    }
  });
  return { firstSpatial, spatial, outSpatial, scales };
}

/**
 * Resizes the spatial axes of `x`: `[N, C, L]` (1-D), `[N, C, H, W]` (2-D), `[N, C, D, H, W]`
 * (3-D), channels last with `layout: 'channels-last'`, or one `[H, W]` plane. Computes what ONNX
 * Resize (opset 19) specifies for `mode`, `coordinates`, `rounding`, `cubicCoefficient`,
 * `excludeOutside` and `antialias`, plus TF/Keras's `'area'`, `'lanczos3'` and `'lanczos5'`; a
 * `preset` (`'onnx'` default, `'pytorch'`, `'keras'`, `'tf1'`) fills in what each framework's call
 * uses (see `ResizePreset`). `scale` may be fractional: the output is `floor(in * scale)` and the
 * given scale, not out/in, goes into the coordinate transform, as in ONNX.
 *
 * 2-D channels-first float32 batches whose planes do not shrink run on WebAssembly: nearest and
 * linear on the kernels of `upsampleNearest`/`upsampleBilinear` (same bits as TypeScript), the
 * other modes on a separable tap kernel in float32 arithmetic (as onnxruntime; the last bits differ
 * from the float64 TypeScript path). Everything else is applied one axis at a time in float64 from
 * per-axis tap tables.
 *
 * @example resize(x, { scale: 2, mode: "cubic", preset: "pytorch" }) // F.interpolate(x, scale_factor=2, mode='bicubic')
 */
export function resize(x: Tensor, options: ResizeOptions): Tensor {
  const fn = "resize";
  requireTensor(fn, "x", x);
  if (x.rank < 2 || x.rank > 5) {
    throw new RangeError(
      `${fn}: x must be [H, W], [N, C, L], [N, C, H, W] or [N, C, D, H, W] (or channels last), got shape [${x.shape.join(", ")}]`,
    );
  }
  const axes = x.rank === 2 ? 2 : x.rank - 2;
  const parsed = parseResizeOptions(fn, options, axes, x.rank);
  const g = geometry(fn, x, parsed);
  const outShape = [...x.shape];
  g.outSpatial.forEach((v, a) => { outShape[g.firstSpatial + a] = v; });
  const data = outputData(fn, options.out, outShape, x.dtype, false);
  const out = options.out ?? new Tensor(data, outShape);
  const taps = g.spatial.map((inLength, a) => axisTaps(inLength, g.outSpatial[a], g.scales[a], parsed.rule));
  if (axes === 2 && !parsed.channelsLast && planesFastPath(fn, x, out, taps)) return out;
  resizeSeparable(x.data, x.shape, g.firstSpatial, taps, data);
  return out;
}

/**
 * The 2-D channels-first nearest and two-tap linear cases on the kernels of `upsampleNearest` and
 * `upsampleBilinear` (WebAssembly for float32 outputs that do not shrink a plane). False when
 * the taps are not of that kind.
 */
function planesFastPath(fn: string, x: Tensor, out: Tensor, taps: AxisTaps[]): boolean {
  const [rows, cols] = taps;
  const src = readImageBatch(fn, x, "NCHW");
  const dst = readImageBatch(fn, out, "NCHW");
  if (rows.width !== cols.width || rows.width > 2) {
    return dst.data.length >= TAPS_WASM_MIN_OUTPUT && tapPlanesWasm(src, dst, rows, cols);
  }
  if (rows.width === 1) {
    let repeat = wholeRepeat(src.width, cols.index);
    // the kernels' repeat path assumes cols[c] = floor(c / repeat), true for floor(c * in / out) only
    for (let c = 0; repeat > 0 && c < cols.outLength; c++) if (cols.index[c] !== Math.floor(c / repeat)) repeat = 0;
    if (dst.data.length >= NEAREST_WASM_MIN_OUTPUT && nearestPlanesWasm(src, dst, rows.index, cols.index, repeat)) return true;
    nearestPlanesTs(src, dst, rows.index, cols.index, repeat);
    return true;
  }
  if (16 * cols.outLength > dst.data.byteLength) return false;
  const tables = bilinearTables(twoTapTable(rows), twoTapTable(cols), src.width);
  if (dst.data.length >= WASM_MIN_OUTPUT && bilinearPlanesWasm(src, dst, tables)) return true;
  bilinearPlanesTs(src, dst, tables);
  return true;
}

/** Two-tap taps as `lo + (hi - lo) * t` (the form the bilinear kernels read). */
function twoTapTable(taps: AxisTaps): LinearTap[] {
  return Array.from({ length: taps.outLength }, (_, o) => {
    const lo = taps.index[2 * o];
    const hi = taps.index[2 * o + 1];
    return { source: Number.NaN, lo, hi, t: lo === hi ? 0 : taps.weight[2 * o + 1] };
  });
}

/**
 * Applies the per-axis taps one spatial axis at a time (the axes that shrink most first, so the
 * intermediate results stay small), in float64, writing the last pass into `result`.
 */
function resizeSeparable(
  input: TensorData, shape: readonly number[], firstSpatial: number, taps: AxisTaps[], result: TensorData,
): void {
  const order = taps.map((_, a) => a).sort((a, b) => taps[a].outLength / taps[a].inLength - taps[b].outLength / taps[b].inLength);
  let current: TensorData = input;
  const dims = [...shape];
  order.forEach((a, step) => {
    const axis = firstSpatial + a;
    const outer = dims.slice(0, axis).reduce((p, d) => p * d, 1);
    const inner = dims.slice(axis + 1).reduce((p, d) => p * d, 1);
    const last = step === order.length - 1;
    const next: TensorData = last ? result : new Float64Array(outer * taps[a].outLength * inner);
    resizeAxis(current, next, outer, inner, taps[a]);
    dims[axis] = taps[a].outLength;
    current = next;
  });
}

/** One axis: `dst[p, o, i] = sum_k weight[o, k] * src[p, index[o, k], i]`, summed in float64. */
function resizeAxis(src: TensorData, dst: TensorData, outer: number, inner: number, taps: AxisTaps): void {
  const { inLength, outLength, width, index, weight } = taps;
  if (inner === 1) {
    for (let p = 0; p < outer; p++) {
      const s = p * inLength;
      const d = p * outLength;
      for (let o = 0, t = 0; o < outLength; o++) {
        let acc = 0;
        for (let k = 0; k < width; k++, t++) acc += weight[t] * src[s + index[t]];
        dst[d + o] = acc;
      }
    }
    return;
  }
  const row = new Float64Array(inner);
  for (let p = 0; p < outer; p++) {
    const s = p * inLength * inner;
    for (let o = 0; o < outLength; o++) {
      row.fill(0);
      for (let k = 0; k < width; k++) {
        const w = weight[o * width + k];
        if (w === 0) continue;
        const from = s + index[o * width + k] * inner;
        for (let i = 0; i < inner; i++) row[i] += w * src[from + i];
      }
      dst.set(row, (p * outLength + o) * inner);
    }
  }
}
