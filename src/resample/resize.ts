/** `resize`: every resize of PyTorch, TF/Keras and ONNX, in 1-D, 2-D and 3-D, with each convention named. */
import { Tensor, type TensorData } from "../tensor";
import { checkNoAlias, describe, outputData, requireTensor } from "../args";
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
 * from the float64 TypeScript path). Everything else is computed in float64 from per-axis tap
 * tables, one output row at a time.
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
  g.outSpatial.forEach((v, a) => {
    outShape[g.firstSpatial + a] = v;
  });
  checkNoAlias(fn, options.out, { x });
  const data = outputData(fn, options.out, outShape, x.dtype, false);
  const out = options.out ?? new Tensor(data, outShape);
  const taps = g.spatial.map((inLength, a) => axisTaps(inLength, g.outSpatial[a], g.scales[a], parsed.rule));
  if (axes === 2 && !parsed.channelsLast && planesFastPath(fn, x, out, taps)) return out;
  resizeRows(x.data, x.shape, g.firstSpatial, parsed.channelsLast && x.rank > 2, taps, data);
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
 * Writes the output one row (the last spatial axis, with the channels when they come last) at a
 * time: the input rows its leading-axis taps select are summed with the products of their
 * weights into one float64 row, which the last axis's taps then read. The only working memory is
 * that row, whatever the number of axes or how much each shrinks.
 */
function resizeRows(
  input: TensorData,
  shape: readonly number[],
  firstSpatial: number,
  channelsLast: boolean,
  taps: AxisTaps[],
  result: TensorData,
): void {
  const axes = taps.length;
  const last = taps[axes - 1];
  const lead = taps.slice(0, axes - 1);
  const inner = channelsLast ? shape[shape.length - 1] : 1;
  const outer = shape.slice(0, firstSpatial).reduce((p, d) => p * d, 1);
  const inRow = last.inLength * inner;
  const outRow = last.outLength * inner;
  // strides of the leading axes in rows, and the rows per plane
  const rowStride = lead.map((_, a) => lead.slice(a + 1).reduce((p, t) => p * t.inLength, 1));
  const inRows = lead.reduce((p, t) => p * t.inLength, 1);
  const outRows = lead.reduce((p, t) => p * t.outLength, 1);
  const combos = lead.reduce((p, t) => p * t.width, 1);
  const row = new Float64Array(inRow);
  const at = new Array<number>(lead.length).fill(0); // output index per leading axis
  for (let p = 0; p < outer; p++) {
    for (let r = 0; r < outRows; r++) {
      for (let a = lead.length - 1, rem = r; a >= 0; a--) {
        at[a] = rem % lead[a].outLength;
        rem = Math.floor(rem / lead[a].outLength);
      }
      row.fill(0);
      for (let combo = 0; combo < combos; combo++) {
        let weight = 1;
        let source = 0;
        for (let a = lead.length - 1, rem = combo; a >= 0; a--) {
          const t = lead[a];
          const tap = at[a] * t.width + (rem % t.width);
          rem = Math.floor(rem / t.width);
          weight *= t.weight[tap];
          source += t.index[tap] * rowStride[a];
        }
        if (weight === 0) continue;
        const from = (p * inRows + source) * inRow;
        for (let i = 0; i < inRow; i++) row[i] += weight * input[from + i];
      }
      const to = (p * outRows + r) * outRow;
      const { width, index, weight } = last;
      if (inner === 1) {
        for (let x = 0, t = 0; x < last.outLength; x++) {
          let acc = 0;
          for (let k = 0; k < width; k++, t++) acc += weight[t] * row[index[t]];
          result[to + x] = acc;
        }
      } else {
        for (let x = 0; x < last.outLength; x++) {
          for (let c = 0; c < inner; c++) {
            let acc = 0;
            for (let k = 0, t = x * width; k < width; k++, t++) acc += weight[t] * row[index[t] * inner + c];
            result[to + x * inner + c] = acc;
          }
        }
      }
    }
  }
}
