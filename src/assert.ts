/**
 * Assertions for notebooks: every number a notebook shows is checked with these,
 * so executing the notebook is a test. A failed check throws an `AssertionFailed`
 * whose message says what was expected, what came out, and where they differ.
 */
import { formatNumber, NestedArray, sameShape, Tensor, tensor } from "./tensor";
import { describe } from "./args";

/** The error thrown by a failed notebook assertion. */
export class AssertionFailed extends Error {
  override name = "AssertionFailed";
}

/** Tolerances and a label for `assertClose`. */
export interface CloseOptions {
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Absolute tolerance (default 1e-6). */
  atol?: number;
  /** What is being checked, shown first in the failure message. */
  label?: string;
}

const MAX_REPORTED = 5;

function asTensor(value: Tensor | NestedArray, what: string, label: string): Tensor {
  if (value instanceof Tensor) return value;
  try {
    return tensor(value, { dtype: "float64" });
  } catch (e) {
    throw new AssertionFailed(`${label}${what} is not a tensor or nested number array: ${(e as Error).message}`);
  }
}

function indexOf(flat: number, shape: readonly number[]): string {
  const index: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    index.unshift(flat % shape[d]);
    flat = Math.floor(flat / shape[d]);
  }
  return `[${index.join(", ")}]`;
}

/**
 * Checks that `actual` equals `expected` within `atol + rtol * |expected|` element-wise
 * (tensors, nested arrays or single numbers). Returns `actual`, so a cell can check and show in one line.
 */
export function assertClose<T extends Tensor | NestedArray>(
  actual: T,
  expected: Tensor | NestedArray,
  options: CloseOptions = {},
): T {
  const label = options.label ? `${options.label}: ` : "";
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-6;
  const a = asTensor(actual, "the actual value", label);
  const e = asTensor(expected, "the expected value", label);
  if (!sameShape(a.shape, e.shape)) {
    throw new AssertionFailed(`${label}expected shape [${e.shape.join(", ")}], got shape [${a.shape.join(", ")}]`);
  }
  const bad: string[] = [];
  let count = 0;
  for (let i = 0; i < a.size; i++) {
    const x = a.data[i];
    const y = e.data[i];
    const ok = (Number.isNaN(x) && Number.isNaN(y)) || x === y || Math.abs(x - y) <= atol + rtol * Math.abs(y);
    if (!ok) {
      count++;
      if (bad.length < MAX_REPORTED) {
        bad.push(`at ${indexOf(i, a.shape)} expected ${formatNumber(y)}, got ${formatNumber(x)}`);
      }
    }
  }
  if (count > 0) {
    const more = count > bad.length ? ` (and ${count - bad.length} more)` : "";
    throw new AssertionFailed(`${label}${count} of ${a.size} values differ: ${bad.join("; ")}${more}`);
  }
  return actual;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (a instanceof Tensor && b instanceof Tensor) return a.equals(b);
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return false;
}

function show(value: unknown): string {
  if (value instanceof Tensor) return value.toString();
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return JSON.stringify(value);
  return describe(value);
}

/**
 * Checks that `actual` deep-equals `expected` (numbers, strings, arrays, plain objects, tensors exactly).
 * Returns `actual`.
 */
export function assertEqual<T>(actual: T, expected: unknown, label?: string): T {
  if (!deepEqual(actual, expected)) {
    throw new AssertionFailed(`${label ? `${label}: ` : ""}expected ${show(expected)}, got ${show(actual)}`);
  }
  return actual;
}

/** Checks that tensor `t` has exactly `shape`. Returns `t`. */
export function assertShape(t: Tensor, shape: readonly number[], label?: string): Tensor {
  if (!(t instanceof Tensor)) throw new AssertionFailed(`${label ? `${label}: ` : ""}expected a Tensor, got ${describe(t)}`);
  if (!sameShape(t.shape, shape)) {
    throw new AssertionFailed(`${label ? `${label}: ` : ""}expected shape [${shape.join(", ")}], got [${t.shape.join(", ")}]`);
  }
  return t;
}

/** Checks that `condition` holds; `message` says what should have been true. */
export function assertTrue(condition: boolean, message: string): void {
  if (condition !== true) throw new AssertionFailed(message);
}
