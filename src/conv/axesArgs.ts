/**
 * Argument parsing shared by the 1-D and 3-D convolutions (and pooling): per-axis integers
 * written as `n` or one per axis, padding written per axis or as begins then ends (ONNX order),
 * and operands given batched (`[N, C, ...spatial]`) or as one single-channel signal/volume.
 */
import { Tensor } from "../tensor";
import { describe, requireTensor } from "../args";

/** A per-axis parameter as users write it: `n`, or one integer per spatial axis. */
export type AxesLike = number | readonly number[];

/** The names of the spatial axes, for messages: `['l']` in 1-D, `['d', 'h', 'w']` in 3-D. */
export function axisNames(rank: number): string[] {
  if (rank === 1) return ["l"];
  if (rank === 2) return ["h", "w"];
  return ["d", "h", "w"];
}

/**
 * Reads `n` or `[a0, ..., a(rank-1)]` into one integer `>= min` per spatial axis
 * (stride and dilation `min = 1`, output padding `min = 0`).
 */
export function parseAxes(fn: string, name: string, value: unknown, rank: number, min: number): number[] {
  const names = axisNames(rank);
  const list = rank === 2 ? "a pair [h, w]" : `[${names.join(", ")}]`;
  const allowed = rank === 1 ? `an integer >= ${min}` : `an integer >= ${min} or ${list} of them`;
  const ok = (v: unknown): boolean => typeof v === "number" && Number.isInteger(v) && v >= min;
  if (typeof value === "number") {
    if (!ok(value)) throw new RangeError(`${fn}: ${name} must be ${allowed}, got ${describe(value)}`);
    return new Array<number>(rank).fill(value);
  }
  if (!Array.isArray(value) || value.length !== rank) {
    throw new TypeError(`${fn}: ${name} must be ${allowed}, got ${describe(value)}`);
  }
  if (!value.every(ok)) throw new RangeError(`${fn}: ${name} must be ${allowed}, got ${describe(value)}`);
  return [...(value as number[])];
}

/** Padding per spatial axis: amounts before (left/top/front) and after (right/bottom/back). */
export interface AxesPadding {
  readonly before: number[];
  readonly after: number[];
}

/**
 * Reads padding written as `p`, one amount per axis (both sides), or begins then ends
 * (ONNX's `pads` order: `[left, right]` in 1-D, `[top, left, bottom, right]` in 2-D,
 * `[front, top, left, back, bottom, right]` in 3-D);
 * amounts are integers >= 0.
 */
export function parseAxesPadding(fn: string, name: string, value: unknown, rank: number): AxesPadding {
  const names = axisNames(rank);
  const begins = ["front", "top", "left"].slice(3 - rank);
  const ends = ["back", "bottom", "right"].slice(3 - rank);
  const forms =
    rank === 1
      ? "an integer >= 0, [p] or [left, right] of them"
      : `an integer >= 0, [${names.join(", ")}] or [${[...begins, ...ends].join(", ")}] of them`;
  const ok = (v: unknown): boolean => typeof v === "number" && Number.isInteger(v) && v >= 0;
  if (typeof value === "number") {
    if (!ok(value)) throw new RangeError(`${fn}: ${name} must be ${forms}, got ${describe(value)}`);
    return { before: new Array<number>(rank).fill(value), after: new Array<number>(rank).fill(value) };
  }
  const lengths = [rank, 2 * rank];
  if (!Array.isArray(value) || !lengths.includes(value.length)) {
    throw new TypeError(`${fn}: ${name} must be ${forms}, got ${describe(value)}`);
  }
  if (!value.every(ok)) throw new RangeError(`${fn}: ${name} must be ${forms}, got ${describe(value)}`);
  const v = value as number[];
  if (v.length === rank) return { before: [...v], after: [...v] };
  return { before: v.slice(0, rank), after: v.slice(rank) };
}

/** A batched view of an operand and whether the caller gave it unbatched. */
export interface BatchedNd {
  /** The tensor with `rank + 2` axes (an unbatched one viewed as `[1, 1, ...]`; data shared). */
  readonly tensor: Tensor;
  /** True when the caller gave only the spatial axes (results go back that way). */
  readonly unbatched: boolean;
}

/**
 * Accepts `[N, C, ...spatial]` (`rank` spatial axes) or only the spatial axes, meaning one
 * single-channel signal (1-D) or volume (3-D); `layout` names the batched axes in the error.
 */
export function toBatchedNd(fn: string, name: string, value: unknown, rank: number, layout: string): BatchedNd {
  const t = requireTensor(fn, name, value);
  if (t.rank === rank + 2) return { tensor: t, unbatched: false };
  if (t.rank === rank) return { tensor: t.reshape([1, 1, ...t.shape]), unbatched: true };
  const spatial = `[${axisNames(rank)
    .map((a) => a.toUpperCase())
    .join(", ")}]`;
  throw new RangeError(
    `${fn}: ${name} must be a ${rank}-D ${spatial} or ${rank + 2}-D ${layout} tensor, got shape [${t.shape.join(", ")}]`,
  );
}

/**
 * PyTorch's rule for output padding: smaller than the stride or the dilation, per axis.
 */
export function checkAxesOutputPadding(fn: string, given: unknown, a: number[], stride: number[], dilation: number[]): void {
  const names = axisNames(a.length);
  for (let axis = 0; axis < a.length; axis++) {
    if (a[axis] >= stride[axis] && a[axis] >= dilation[axis]) {
      const limits = names.map((n, i) => `< ${Math.max(stride[i], dilation[i])} in ${n}`).join(" and ");
      throw new RangeError(
        `${fn}: outputPadding must be smaller than stride or dilation in each axis (here ${limits}), got ${describe(given)}`,
      );
    }
  }
}

/** Checks that `out` (when given) has the caller's shape before it is viewed otherwise. */
export function checkOutShape(fn: string, out: unknown, shape: readonly number[]): Tensor | undefined {
  if (out === undefined) return undefined;
  const t = requireTensor(fn, "out", out);
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new RangeError(`${fn}: out must have shape [${shape.join(", ")}], got [${t.shape.join(", ")}]`);
  }
  return t;
}
