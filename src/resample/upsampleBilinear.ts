/** Bilinear upsampling and resizing, with the three coordinate conventions frameworks use. */
import { Tensor } from "../tensor";
import { checkOptionNames, describe } from "../args";
import { type Layout, checkLayout, prepareOutput, readImageBatch } from "./layout";
import { type ScaleFactor, targetSize } from "./targetSize";
import { bilinearPlanesTs, bilinearTables } from "./bilinearPlanes";
import { bilinearPlanesWasm } from "../wasm/resampleWasm";

/**
 * Output elements from which float32 contiguous planes go to the WebAssembly kernel (where the
 * TypeScript and WebAssembly calls tie, measured: src/wasm/DESIGN.md).
 */
export const WASM_MIN_OUTPUT = 256;

/**
 * How an output pixel index maps to a (fractional) input coordinate:
 * - `'half-pixel'`: `src = (dst + 0.5) * in/out - 0.5`, clamped at 0. Python Keras
 *   `UpSampling2D(interpolation='bilinear')`, TF2 `tf.image.resize`, PyTorch
 *   `align_corners=False`, ONNX `half_pixel`.
 * - `'align-corners'`: `src = dst * (in - 1)/(out - 1)`: the corner pixels of input and
 *   output coincide. PyTorch `align_corners=True`, TF `alignCorners: true`.
 * - `'asymmetric'`: `src = dst * in/out`. TF1 `resize_bilinear`, tfjs-layers `upSampling2d`.
 */
export type CoordinateMode = "half-pixel" | "align-corners" | "asymmetric";

/** Options of {@link upsampleBilinear}. */
export interface UpsampleBilinearOptions {
  /** Integer factor per axis (`2` or `[2, 3]`). Give `scale` or `size`, not both. */
  scale?: ScaleFactor;
  /** Resize to exactly `[h, w]` (any size, also smaller). */
  size?: readonly [number, number];
  /** Pixel-coordinate convention; `'half-pixel'` (Keras, TF2, PyTorch default) unless given. */
  coordinates?: CoordinateMode;
  /** Layout of a 4-D input: `'NCHW'` (default, PyTorch) or `'NHWC'` (Keras/TF). */
  layout?: Layout;
  /** Preallocated output of the right shape and dtype; filled and returned. */
  out?: Tensor;
}

const OPTION_NAMES = ["scale", "size", "coordinates", "layout", "out"] as const;
const MODES: readonly CoordinateMode[] = ["half-pixel", "align-corners", "asymmetric"];

/** One output index's interpolation: `value = (1 - t) * in[lo] + t * in[hi]`. */
export interface LinearTap {
  /** The fractional source coordinate after the convention (and clamping at 0). */
  source: number;
  lo: number;
  hi: number;
  /** Weight of `hi`; `1 - t` is the weight of `lo`. */
  t: number;
}

/**
 * Where output index `dst` reads from when resizing one axis `inSize -> outSize`
 * under `mode`: the two neighbouring input indices and the weight between them.
 */
export function linearTap(dst: number, inSize: number, outSize: number, mode: CoordinateMode): LinearTap {
  let source: number;
  if (mode === "align-corners") {
    source = outSize > 1 ? (dst * (inSize - 1)) / (outSize - 1) : 0;
  } else if (mode === "asymmetric") {
    source = (dst * inSize) / outSize;
  } else {
    source = Math.max(((dst + 0.5) * inSize) / outSize - 0.5, 0);
  }
  const lo = Math.min(Math.floor(source), inSize - 1);
  const hi = Math.min(lo + 1, inSize - 1);
  const t = hi === lo ? 0 : source - lo;
  return { source, lo, hi, t };
}

function checkMode(fn: string, mode: unknown): CoordinateMode {
  if (mode === undefined) return "half-pixel";
  if (!MODES.includes(mode as CoordinateMode)) {
    throw new TypeError(`${fn}: coordinates must be ${MODES.map((m) => `'${m}'`).join(", ")}, got ${describe(mode)}`);
  }
  return mode as CoordinateMode;
}

/**
 * Bilinear upsampling of a 2-D `[H, W]` or 4-D image batch: each output pixel is the
 * weighted average of the 4 nearest input pixels.
 *
 * `coordinates` picks the framework convention (default `'half-pixel'`, which is what
 * Python Keras `UpSampling2D(interpolation='bilinear')`, TF2 and PyTorch
 * `align_corners=False` compute). Beware: tfjs-layers' bilinear `upSampling2d` is
 * `'asymmetric'`, not what Python Keras computes.
 *
 * Float32 NCHW (or 2-D) batches run on a WebAssembly SIMD kernel when the engine has one,
 * with the same bits as the TypeScript path.
 *
 * @example upsampleBilinear(arange(12).reshape([3, 4]), { scale: 2 }) // the 6x8 Keras plane
 */
export function upsampleBilinear(x: Tensor, options: UpsampleBilinearOptions): Tensor {
  const fn = "upsampleBilinear";
  checkOptionNames(fn, options, OPTION_NAMES);
  const opts = options ?? {};
  const mode = checkMode(fn, opts.coordinates);
  const src = readImageBatch(fn, x, checkLayout(fn, opts.layout));
  const [outH, outW] = targetSize(fn, opts, src);
  const { tensor: out, view: dst } = prepareOutput(fn, opts.out, src, outH, outW, x.dtype, "out", false);
  const rows = Array.from({ length: outH }, (_, y) => linearTap(y, src.height, outH, mode));
  const cols = Array.from({ length: outW }, (_, c) => linearTap(c, src.width, outW, mode));
  if (src.strides.column === 1 && dst.strides.column === 1) {
    const tables = bilinearTables(rows, cols, src.width);
    if (dst.data.length >= WASM_MIN_OUTPUT && bilinearPlanesWasm(src, dst, tables)) return out;
    // the TypeScript kernel's two float64 rows must fit the "working buffer <= output" budget
    if (16 * outW <= dst.data.byteLength) {
      bilinearPlanesTs(src, dst, tables);
      return out;
    }
  }
  for (let n = 0; n < src.batch; n++) {
    for (let ch = 0; ch < src.channels; ch++) {
      const sBase = n * src.strides.image + ch * src.strides.channel;
      const dBase = n * dst.strides.image + ch * dst.strides.channel;
      for (let y = 0; y < outH; y++) {
        const r = rows[y];
        const top = sBase + r.lo * src.strides.row;
        const bottom = sBase + r.hi * src.strides.row;
        const dRow = dBase + y * dst.strides.row;
        for (let c = 0; c < outW; c++) {
          const k = cols[c];
          const a = src.data[top + k.lo * src.strides.column];
          const b = src.data[top + k.hi * src.strides.column];
          const cc = src.data[bottom + k.lo * src.strides.column];
          const d = src.data[bottom + k.hi * src.strides.column];
          const upper = a + (b - a) * k.t;
          const lower = cc + (d - cc) * k.t;
          dst.data[dRow + c * dst.strides.column] = upper + (lower - upper) * r.t;
        }
      }
    }
  }
  return out;
}
