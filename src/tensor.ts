/**
 * A small dense tensor: a shape plus a flat, row-major typed array.
 *
 * Float32 by default (what the frameworks use), float64 on request (for exact
 * teaching arithmetic and gradient checks). Tensors are values: operations
 * return new tensors and never mutate their inputs.
 */

import { checkAllocatable, checkOptionNames, checkShape, describe } from "./args/values";

/** Element type of a tensor. */
export type DType = "float32" | "float64";

/** The typed array behind a tensor of the given dtype. */
export type TensorData = Float32Array | Float64Array;

/** Nested number arrays of any depth, as written in notebook cells. */
export type NestedArray = number | NestedArray[];

/** Options accepted by the tensor constructors. */
export interface TensorOptions {
  /** Element type; `"float32"` unless given. */
  dtype?: DType;
}

const TENSOR_OPTION_NAMES = ["dtype"] as const;

function checkDType(fn: string, dtype: unknown): DType {
  if (dtype === undefined) return "float32";
  if (dtype !== "float32" && dtype !== "float64") {
    throw new TypeError(`${fn}: dtype must be 'float32' or 'float64', got ${describe(dtype)}`);
  }
  return dtype;
}

/** The number of elements in a tensor of this shape. */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function allocate(dtype: DType, size: number): TensorData {
  return dtype === "float64" ? new Float64Array(size) : new Float32Array(size);
}

/** A dense, row-major n-dimensional array of numbers. */
export class Tensor {
  /** Size of each dimension, outermost first. */
  readonly shape: readonly number[];
  /** The elements in row-major order. */
  readonly data: TensorData;
  /** `"float32"` or `"float64"`. */
  readonly dtype: DType;

  /**
   * Wraps `data` (not copied) as a tensor of `shape`.
   * Prefer `tensor()`, `zeros()` and friends in notebook code.
   */
  constructor(data: TensorData, shape: readonly number[]) {
    checkShape("Tensor", [...shape]);
    if (!(data instanceof Float32Array) && !(data instanceof Float64Array)) {
      throw new TypeError("Tensor: data must be a Float32Array or Float64Array");
    }
    const size = shapeSize(shape);
    if (data.length !== size) {
      throw new RangeError(`Tensor: data has ${data.length} elements but shape [${shape.join(", ")}] needs ${size}`);
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.dtype = data instanceof Float64Array ? "float64" : "float32";
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** Total number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Row-major strides (in elements) of each dimension. */
  get strides(): number[] {
    const strides = new Array<number>(this.rank);
    let s = 1;
    for (let d = this.rank - 1; d >= 0; d--) {
      strides[d] = s;
      s *= this.shape[d];
    }
    return strides;
  }

  /** The element at the given index, one integer per dimension. */
  get(...index: number[]): number {
    return this.data[this.offsetOf("get", index)];
  }

  private offsetOf(fn: string, index: number[]): number {
    if (index.length !== this.rank) {
      throw new RangeError(
        `${fn}: index needs ${this.rank} coordinates for shape [${this.shape.join(", ")}], got ${index.length}`,
      );
    }
    let offset = 0;
    const strides = this.strides;
    for (let d = 0; d < this.rank; d++) {
      const i = index[d];
      if (!Number.isInteger(i) || i < 0 || i >= this.shape[d]) {
        throw new RangeError(`${fn}: index ${i} in dimension ${d} is out of range 0..${this.shape[d] - 1}`);
      }
      offset += i * strides[d];
    }
    return offset;
  }

  /**
   * The same elements viewed with another shape (data shared, not copied).
   * One dimension may be -1 and is then inferred.
   */
  reshape(shape: readonly number[]): Tensor {
    if (!Array.isArray(shape)) throw new TypeError(`reshape: shape must be an array, got ${describe(shape)}`);
    const inferred = shape.filter((d) => d === -1).length;
    if (inferred > 1) throw new RangeError(`reshape: at most one dimension may be -1, got ${describe(shape)}`);
    const known = shape.filter((d) => d !== -1);
    checkShape("reshape", known);
    const knownSize = shapeSize(known);
    let target = [...shape];
    if (inferred === 1) {
      if (knownSize === 0 || this.size % knownSize !== 0) {
        throw new RangeError(`reshape: cannot infer -1 in ${describe(shape)} for ${this.size} elements`);
      }
      target = shape.map((d) => (d === -1 ? this.size / knownSize : d));
    }
    if (shapeSize(target) !== this.size) {
      throw new RangeError(`reshape: shape [${target.join(", ")}] has ${shapeSize(target)} elements, tensor has ${this.size}`);
    }
    return new Tensor(this.data, target);
  }

  /** A copy with its own data, optionally converted to another dtype. */
  clone(dtype: DType = this.dtype): Tensor {
    const data = allocate(checkDType("clone", dtype), this.size);
    data.set(this.data);
    return new Tensor(data, this.shape);
  }

  /** This tensor converted to `dtype` (returns `this` when it already has it). */
  astype(dtype: DType): Tensor {
    return dtype === this.dtype ? this : this.clone(dtype);
  }

  /** The elements as nested arrays (a scalar for a rank-0 tensor). */
  toArray(): NestedArray {
    const build = (dim: number, offset: number): NestedArray => {
      if (dim === this.rank) return this.data[offset];
      const stride = this.strides[dim];
      const out: NestedArray[] = [];
      for (let i = 0; i < this.shape[dim]; i++) out.push(build(dim + 1, offset + i * stride));
      return out;
    };
    return build(0, 0);
  }

  /** True when `other` has the same shape and exactly the same elements (NaN equals NaN). */
  equals(other: Tensor): boolean {
    if (!sameShape(this.shape, other.shape)) return false;
    for (let i = 0; i < this.size; i++) {
      const a = this.data[i];
      const b = other.data[i];
      if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) return false;
    }
    return true;
  }

  /**
   * True when `other` has the same shape and every element satisfies
   * `|a - b| <= atol + rtol * |b|` (numpy's allclose). Defaults suit float32.
   */
  allClose(other: Tensor, rtol = 1e-5, atol = 1e-6): boolean {
    return maxAbsDiff(this, other, rtol, atol) <= 0;
  }

  /** A readable multi-line rendering, e.g. for notebook `text/plain` output. */
  toString(): string {
    return formatTensor(this);
  }
}

/**
 * How far `a` is from `b` beyond the tolerance `atol + rtol * |b|`:
 * 0 when they are all close, otherwise the largest excess. Throws on a shape mismatch.
 */
export function maxAbsDiff(a: Tensor, b: Tensor, rtol = 0, atol = 0): number {
  if (!sameShape(a.shape, b.shape)) {
    throw new RangeError(`allClose: shapes [${a.shape.join(", ")}] and [${b.shape.join(", ")}] differ`);
  }
  let worst = 0;
  for (let i = 0; i < a.size; i++) {
    const x = a.data[i];
    const y = b.data[i];
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) && Number.isNaN(y)) continue;
      return Infinity;
    }
    if (x === y) continue;
    const excess = Math.abs(x - y) - (atol + rtol * Math.abs(y));
    if (excess > worst) worst = excess;
  }
  return worst;
}

/** True when two shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Formats one number compactly: integers as integers, others with up to 4 significant decimals. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "Inf" : "-Inf";
  if (Object.is(v, -0)) return "0";
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e9)) return v.toExponential(3);
  return String(Number(v.toPrecision(5)));
}

/** Tensors with more elements print their shape only (text and HTML). */
export const MAX_PRINTED_ELEMENTS = 1000;

function formatTensor(t: Tensor): string {
  const header = `Tensor(shape=[${t.shape.join(", ")}], dtype=${t.dtype})`;
  if (t.rank === 0) return `${header}\n${formatNumber(t.data[0])}`;
  if (t.size > MAX_PRINTED_ELEMENTS) return `${header}\n(${t.size} elements; too many to print)`;
  const cells = Array.from(t.data, formatNumber);
  const width = Math.max(...cells.map((c) => c.length), 1);
  const strides = t.strides;
  const render = (dim: number, offset: number, indent: string): string => {
    if (dim === t.rank - 1) {
      const row: string[] = [];
      for (let i = 0; i < t.shape[dim]; i++) row.push(cells[offset + i].padStart(width));
      return `[${row.join(" ")}]`;
    }
    const parts: string[] = [];
    for (let i = 0; i < t.shape[dim]; i++) parts.push(render(dim + 1, offset + i * strides[dim], indent + " "));
    const sep = dim === t.rank - 2 ? `\n${indent} ` : `\n\n${indent} `;
    return `[${parts.join(sep)}]`;
  };
  return `${header}\n${t.size === 0 ? "[]" : render(0, 0, "")}`;
}

/** A tensor from nested arrays: `tensor([[0, 1], [2, 3]])` has shape `[2, 2]`. */
export function tensor(values: NestedArray | ArrayLike<number>, options?: TensorOptions): Tensor {
  checkOptionNames("tensor", options, TENSOR_OPTION_NAMES);
  const dtype = checkDType("tensor", options?.dtype);
  if (ArrayBuffer.isView(values)) {
    const src = values as unknown as ArrayLike<number>;
    const data = allocate(dtype, src.length);
    data.set(Array.from(src));
    return new Tensor(data, [src.length]);
  }
  const shape: number[] = [];
  const flat: number[] = [];
  // Determine the shape from the first element at each depth, then check every branch against it.
  let probe: unknown = values;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const fixedShape = [...shape];
  const walk = (v: unknown, depth: number): void => {
    if (depth === fixedShape.length) {
      if (typeof v !== "number") throw new TypeError(`tensor: expected a number at depth ${depth}, got ${describe(v)}`);
      flat.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== fixedShape[depth]) {
      throw new RangeError(
        `tensor: ragged nested array at depth ${depth}: expected length ${fixedShape[depth]}, got ${describe(v)}`,
      );
    }
    for (const item of v) walk(item, depth + 1);
  };
  walk(values, 0);
  const data = allocate(dtype, flat.length);
  data.set(flat);
  return new Tensor(data, fixedShape);
}

/** A tensor of `shape` filled with `value`. */
export function full(shape: readonly number[], value: number, options?: TensorOptions): Tensor {
  checkOptionNames("full", options, TENSOR_OPTION_NAMES);
  checkShape("full", shape);
  if (typeof value !== "number") throw new TypeError(`full: value must be a number, got ${describe(value)}`);
  const dtype = checkDType("full", options?.dtype);
  const data = allocate(dtype, checkAllocatable("full", shape, dtype));
  data.fill(value);
  return new Tensor(data, shape);
}

/** A tensor of `shape` filled with zeros. */
export function zeros(shape: readonly number[], options?: TensorOptions): Tensor {
  return full(shape, 0, options);
}

/** A tensor of `shape` filled with ones. */
export function ones(shape: readonly number[], options?: TensorOptions): Tensor {
  return full(shape, 1, options);
}

/**
 * A 1-D tensor of evenly spaced values: `arange(5)` is 0..4,
 * `arange(2, 8, 2)` is 2, 4, 6 (stop excluded), like numpy.
 */
export function arange(startOrStop: number, stop?: number, step = 1, options?: TensorOptions): Tensor {
  checkOptionNames("arange", options, TENSOR_OPTION_NAMES);
  const start = stop === undefined ? 0 : startOrStop;
  const end = stop === undefined ? startOrStop : stop;
  for (const [name, v] of [
    ["start", start],
    ["stop", end],
    ["step", step],
  ] as const) {
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new RangeError(`arange: ${name} must be a finite number, got ${describe(v)}`);
  }
  if (step === 0) throw new RangeError("arange: step must be non-zero, got 0");
  const n = Math.max(0, Math.ceil((end - start) / step));
  const dtype = checkDType("arange", options?.dtype);
  const data = allocate(dtype, checkAllocatable("arange", [n], dtype));
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n]);
}

/** Options for the seeded random constructors. */
export interface RandomOptions extends TensorOptions {
  /** Seed of the generator; the same seed gives the same tensor. Default 0. */
  seed?: number;
}

const RANDOM_OPTION_NAMES = ["dtype", "seed"] as const;

/** A seeded pseudo-random generator of floats in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${describe(seed)}`);
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A tensor of uniform random values in [0, 1), reproducible from `seed`. */
export function rand(shape: readonly number[], options?: RandomOptions): Tensor {
  checkOptionNames("rand", options, RANDOM_OPTION_NAMES);
  checkShape("rand", shape);
  const next = seededRandom(options?.seed ?? 0);
  const dtype = checkDType("rand", options?.dtype);
  const data = allocate(dtype, checkAllocatable("rand", shape, dtype));
  for (let i = 0; i < data.length; i++) data[i] = next();
  return new Tensor(data, shape);
}

/** A tensor of standard normal random values (Box-Muller), reproducible from `seed`. */
export function randn(shape: readonly number[], options?: RandomOptions): Tensor {
  checkOptionNames("randn", options, RANDOM_OPTION_NAMES);
  checkShape("randn", shape);
  const next = seededRandom(options?.seed ?? 0);
  const dtype = checkDType("randn", options?.dtype);
  const data = allocate(dtype, checkAllocatable("randn", shape, dtype));
  for (let i = 0; i < data.length; i += 2) {
    const u = 1 - next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    data[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < data.length) data[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return new Tensor(data, shape);
}

/** Reorders the axes of `t`: `permute(t, [0, 2, 3, 1])` turns NCHW into NHWC. */
export function permute(t: Tensor, axes: readonly number[]): Tensor {
  if (!Array.isArray(axes) || axes.length !== t.rank || [...axes].sort((a, b) => a - b).some((a, i) => a !== i)) {
    throw new RangeError(`permute: axes must be a permutation of 0..${t.rank - 1}, got ${describe(axes)}`);
  }
  const outShape = axes.map((a) => t.shape[a]);
  const inStrides = t.strides;
  const out = allocate(t.dtype, t.size);
  const index = new Array<number>(t.rank).fill(0);
  for (let o = 0; o < t.size; o++) {
    let src = 0;
    for (let d = 0; d < t.rank; d++) src += index[d] * inStrides[axes[d]];
    out[o] = t.data[src];
    for (let d = t.rank - 1; d >= 0; d--) {
      if (++index[d] < outShape[d]) break;
      index[d] = 0;
    }
  }
  return new Tensor(out, outShape);
}

function requireRank4(fn: string, t: Tensor): void {
  if (!(t instanceof Tensor)) throw new TypeError(`${fn}: expected a Tensor, got ${describe(t)}`);
  if (t.rank !== 4) throw new RangeError(`${fn}: expected a 4-D tensor, got shape [${t.shape.join(", ")}]`);
}

/** Converts an NCHW tensor (PyTorch layout) to NHWC (Keras/TF layout). */
export function nchwToNhwc(t: Tensor): Tensor {
  requireRank4("nchwToNhwc", t);
  return permute(t, [0, 2, 3, 1]);
}

/** Converts an NHWC tensor (Keras/TF layout) to NCHW (PyTorch layout). */
export function nhwcToNchw(t: Tensor): Tensor {
  requireRank4("nhwcToNchw", t);
  return permute(t, [0, 3, 1, 2]);
}
