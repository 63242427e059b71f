/**
 * Max-unpooling in 1-D and 3-D (PyTorch `max_unpool1d` / `max_unpool3d`, ONNX MaxUnpool): each
 * value goes where its index says, zeros elsewhere; indices in any `PoolIndexConvention`.
 */
import { Tensor } from "../tensor";
import { checkNoAlias, checkOptionNames, describe, outputData } from "../args";
import { axisNames, toBatchedNd, type AxesLike } from "../conv/axesArgs";
import { parsePoolWindow } from "./poolWindowNd";
import {
  decodePoolIndex,
  parseIndexConvention,
  poolIndexLimit,
  type IndexSpace,
  type PoolIndexConvention,
} from "./indexConvention";

/** Options of `maxUnpool1d` and `maxUnpool3d`: the geometry of the pooling being undone. */
export interface MaxUnpoolNdOptions {
  /** The pooling's window size; required. */
  kernelSize: AxesLike;
  /** The pooling's stride; defaults to `kernelSize`. */
  stride?: AxesLike;
  /** The pooling's padding: `p`, one per axis, or begins then ends; default 0. */
  padding?: number | readonly number[];
  /**
   * Spatial size before pooling, one per axis. Default `(i - 1) s - pTotal + k`; allowed within
   * `stride - 1` of it (pooling may have dropped the last positions).
   */
  outputSize?: readonly number[];
  /** The convention the indices are in (as the pooling returned them); default `'pytorch'`. */
  indexConvention?: PoolIndexConvention;
  /** Preallocated output (shape and dtype checked). */
  out?: Tensor;
}

const OPTION_NAMES = ["kernelSize", "stride", "padding", "outputSize", "indexConvention", "out"] as const;
const LAYOUTS: Record<number, string> = { 1: "[N, C, L]", 3: "[N, C, D, H, W]" };

function maxUnpoolNd(fn: string, rank: number, values: Tensor, indices: Tensor, options: MaxUnpoolNdOptions): Tensor {
  checkOptionNames(fn, options, OPTION_NAMES);
  if (typeof options.padding === "string") {
    throw new TypeError(`${fn}: padding must be numbers (the pooling's resolved padding), got ${describe(options.padding)}`);
  }
  const { tensor: v, unbatched } = toBatchedNd(fn, "values", values, rank, LAYOUTS[rank]);
  const { tensor: idx } = toBatchedNd(fn, "indices", indices, rank, LAYOUTS[rank]);
  if (v.shape.length !== idx.shape.length || v.shape.some((d, i) => d !== idx.shape[i])) {
    throw new RangeError(
      `${fn}: indices must have the shape of values [${values.shape.join(", ")}], got [${indices.shape.join(", ")}]`,
    );
  }
  const [batch, channels, ...pooled] = v.shape;
  const { kernel, stride, padBefore, padAfter } = parsePoolWindow(
    fn,
    { kernelSize: options.kernelSize, stride: options.stride, padding: options.padding },
    pooled.map(() => Number.MAX_SAFE_INTEGER),
  );
  const defaults = pooled.map((o, a) => (o - 1) * stride[a] - padBefore[a] - padAfter[a] + kernel[a]);
  const size = outputSize(fn, options.outputSize, defaults, stride);
  const convention = parseIndexConvention(fn, options.indexConvention);
  const shape = unbatched ? size : [batch, channels, ...size];
  const space: IndexSpace = { batch, channels, size: [...new Array<number>(3 - rank).fill(1), ...size] };
  const limit = poolIndexLimit(convention, space);
  for (let i = 0; i < idx.size; i++) {
    const index = idx.data[i];
    if (!Number.isInteger(index) || index < 0 || index >= limit) {
      throw new RangeError(
        `${fn}: indices must be integers in 0..${limit - 1} ('${convention}' indices into the output of size ${size.join("x")}), ` +
          `got ${describe(index)} at flat position ${i}`,
      );
    }
  }
  checkNoAlias(fn, options.out, { values: v, indices: idx });
  const out = outputData(fn, options.out, shape, v.dtype);
  const inVolume = pooled.reduce((a, b) => a * b, 1);
  const outVolume = size.reduce((a, b) => a * b, 1);
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const base = (n * channels + c) * inVolume;
      for (let j = 0; j < inVolume; j++) {
        const [tn, tc, p] = decodePoolIndex(convention, space, n, c, idx.data[base + j]);
        out[(tn * channels + tc) * outVolume + p] = v.data[base + j];
      }
    }
  }
  return options.out ?? new Tensor(out, shape);
}

function outputSize(fn: string, value: unknown, defaults: number[], stride: number[]): number[] {
  if (value === undefined) return defaults;
  const names = axisNames(defaults.length);
  const ranges = defaults.map((d, a) => [Math.max(1, d - stride[a] + 1), d + stride[a] - 1]);
  const allowed = `[${names.join(", ")}] with ${ranges.map((r, a) => `${r[0]} <= ${names[a]} <= ${r[1]}`).join(" and ")}`;
  if (!Array.isArray(value) || value.length !== defaults.length)
    throw new TypeError(`${fn}: outputSize must be ${allowed}, got ${describe(value)}`);
  const ok = value.every((v, a) => typeof v === "number" && Number.isInteger(v) && v >= ranges[a][0] && v <= ranges[a][1]);
  if (!ok) throw new RangeError(`${fn}: outputSize must be ${allowed}, got ${describe(value)}`);
  return [...(value as number[])];
}

/**
 * 1-D max-unpooling (PyTorch `max_unpool1d`): writes each of `values` (`[N, C, L]` or `[L]`) at
 * the position its index gives (as `maxPool1d` returned it) in an output of zeros.
 *
 * @example maxUnpool1d(tensor([5, 4]), tensor([1, 3]), { kernelSize: 2 }) // [0, 5, 0, 4]
 */
export function maxUnpool1d(values: Tensor, indices: Tensor, options: MaxUnpoolNdOptions): Tensor {
  return maxUnpoolNd("maxUnpool1d", 1, values, indices, options);
}

/**
 * 3-D max-unpooling (PyTorch `max_unpool3d`, ONNX MaxUnpool): writes each of `values`
 * (`[N, C, D, H, W]` or `[D, H, W]`) at the position its index gives, zeros elsewhere.
 *
 * @example maxUnpool3d(tensor([[[7]]]), tensor([[[7]]]), { kernelSize: 2 }).get(1, 1, 1) // 7
 */
export function maxUnpool3d(values: Tensor, indices: Tensor, options: MaxUnpoolNdOptions): Tensor {
  return maxUnpoolNd("maxUnpool3d", 3, values, indices, options);
}
