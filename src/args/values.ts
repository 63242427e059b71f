/**
 * Parsing and validation of plain argument values (names, numbers, shapes, padding).
 *
 * Every check throws an error whose message reads `<fn>: <param> must be <allowed>, got <value>`,
 * so a notebook user sees at once which argument was wrong, what was given and what is accepted.
 * Imports nothing: `Tensor` itself uses these checks.
 */

/** A per-axis pair `[h, w]`. */
export type Pair = [number, number];

/** Padding or crop amounts per side: `[top, left, bottom, right]`. */
export type Padding4 = [number, number, number, number];

/** A per-axis parameter as users write it: one number for both axes, or `[h, w]`. */
export type PairLike = number | readonly [number, number];

/**
 * Padding as users write it: `p` (every side), `[ph, pw]` (top and bottom `ph`,
 * left and right `pw`) or `[top, left, bottom, right]`.
 */
export type PaddingLike = number | readonly [number, number] | readonly [number, number, number, number];

function isInteger(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v);
}

/** Throws a TypeError naming any option not in `allowed` (typos must not pass silently). */
export function checkOptionNames(fn: string, options: object | undefined, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new TypeError(`${fn}: unknown option '${key}'; allowed options are ${allowed.map((k) => `'${k}'`).join(", ")}`);
    }
  }
}

/**
 * A short human description of a value for error messages: strings quoted, arrays item by item,
 * tensors by shape, other objects by class name or as JSON. The one describer of the library and
 * the widgets.
 */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(describe).join(", ")}]`;
  if (typeof value === "string") return `'${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  if (isTensorLike(value)) return `Tensor(shape [${value.shape.join(", ")}])`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of ${value.byteLength} bytes`;
  if (value !== null && typeof value === "object") {
    const className = (value as object).constructor?.name;
    if (className && className !== "Object") return className;
    try {
      const text = JSON.stringify(value);
      return text.length > 60 ? `${text.slice(0, 60)}...` : text;
    } catch {
      return "an object";
    }
  }
  return String(value);
}

/** A tensor recognised by its fields (this module sits below `Tensor` and cannot import it). */
function isTensorLike(value: unknown): value is { shape: readonly number[]; data: ArrayBufferView } {
  if (value === null || typeof value !== "object") return false;
  const v = value as { shape?: unknown; data?: unknown };
  return Array.isArray(v.shape) && ArrayBuffer.isView(v.data);
}

/** Throws unless `shape` is an array of non-negative integers. */
export function checkShape(fn: string, shape: unknown, name = "shape"): readonly number[] {
  if (!Array.isArray(shape)) {
    throw new TypeError(`${fn}: ${name} must be an array of non-negative integers, got ${describe(shape)}`);
  }
  for (const d of shape) {
    if (typeof d !== "number" || !Number.isInteger(d) || d < 0) {
      throw new RangeError(`${fn}: ${name} must contain non-negative integers, got ${describe(shape)}`);
    }
  }
  return shape as number[];
}

/**
 * Reads an integer parameter that must be at least `min`
 * (e.g. `parseInteger("conv2d", "groups", 2, 1)`).
 */
export function parseInteger(fn: string, name: string, value: unknown, min: number): number {
  if (typeof value !== "number") {
    throw new TypeError(`${fn}: ${name} must be an integer >= ${min}, got ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${fn}: ${name} must be an integer >= ${min}, got ${describe(value)}`);
  }
  return value;
}

/**
 * Reads a per-axis parameter written as `n` or `[h, w]` into `[h, w]`, each an
 * integer `>= min` (stride and dilation use `min = 1`, output padding `min = 0`).
 */
export function parsePair(fn: string, name: string, value: unknown, min: number): Pair {
  const allowed = `an integer >= ${min} or a pair [h, w] of them`;
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < min) {
      throw new RangeError(`${fn}: ${name} must be ${allowed}, got ${describe(value)}`);
    }
    return [value, value];
  }
  if (!Array.isArray(value) || value.length !== 2) {
    throw new TypeError(`${fn}: ${name} must be ${allowed}, got ${describe(value)}`);
  }
  if (!value.every((v) => isInteger(v) && v >= min)) {
    throw new RangeError(`${fn}: ${name} must be ${allowed}, got ${describe(value)}`);
  }
  return [value[0] as number, value[1] as number];
}

/**
 * Reads padding written as `p`, `[ph, pw]` or `[top, left, bottom, right]` into
 * `[top, left, bottom, right]`. Amounts are integers `>= 0`, or any integers when
 * `allowNegative` is true (a negative amount then means cropping).
 */
export function parsePadding4(fn: string, name: string, value: unknown, allowNegative = false): Padding4 {
  const kind = allowNegative ? "an integer" : "an integer >= 0";
  const allowed = `${kind}, [ph, pw] or [top, left, bottom, right] of them`;
  const ok = (v: unknown): boolean => isInteger(v) && (allowNegative || v >= 0);
  if (typeof value === "number") {
    if (!ok(value)) throw new RangeError(`${fn}: ${name} must be ${allowed}, got ${describe(value)}`);
    return [value, value, value, value];
  }
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 4)) {
    throw new TypeError(`${fn}: ${name} must be ${allowed}, got ${describe(value)}`);
  }
  if (!value.every(ok)) throw new RangeError(`${fn}: ${name} must be ${allowed}, got ${describe(value)}`);
  const v = value as number[];
  return v.length === 2 ? [v[0], v[1], v[0], v[1]] : [v[0], v[1], v[2], v[3]];
}

/** The most elements one result may hold: 2^30 (4 GiB of float32), well inside every engine's typed-array limit. */
export const MAX_RESULT_ELEMENTS = 2 ** 30;

/**
 * Returns the element count of a result of `shape`, or throws a RangeError naming the op and the
 * computed shape when it is too large to allocate (checked before allocating, so an absurd stride
 * or size fails with this message rather than the engine's "Invalid typed array length").
 */
export function checkAllocatable(fn: string, shape: readonly number[], dtype: "float32" | "float64"): number {
  let size = 1;
  for (const d of shape) size *= d;
  if (!(size <= MAX_RESULT_ELEMENTS)) {
    const bytes = size * (dtype === "float64" ? 8 : 4);
    throw new RangeError(
      `${fn}: the result would have shape [${shape.join(", ")}] (${size.toExponential(2)} elements, ` +
        `${(bytes / 2 ** 30).toExponential(2)} GiB), more than the ${MAX_RESULT_ELEMENTS} elements a result may hold; ` +
        "check the sizes, strides and scales given",
    );
  }
  return size;
}
