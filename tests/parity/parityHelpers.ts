// Shared helpers of the framework parity tests: seeded case generation and comparison.
import { seededRandom, Tensor } from "../../src";
import { OrtModel } from "../../bench/peers/onnxModels";

/** A seeded integer source for one family's cases (same seed, same cases, every run). */
export function caseRandom(seed: number): {
  int: (min: number, max: number) => number;
  bool: () => boolean;
  pick: <T>(xs: readonly T[]) => T;
} {
  const next = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { int, bool: () => next() < 0.5, pick: (xs) => xs[int(0, xs.length - 1)] };
}

/** max |actual - expected| / max(1, max |expected|); lengths must match. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != expected ${expected.length}`);
  let scale = 1;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    const d = Math.abs(actual[i] - expected[i]);
    worst = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(worst, d);
  }
  return worst / scale;
}

/** The float32 data of a tensor (parity tests run in float32, like the frameworks). */
export function f32(t: Tensor): Float32Array {
  if (!(t.data instanceof Float32Array)) throw new Error("expected a float32 tensor");
  return t.data;
}

/** Number of cases per op family (issue 2 asks for at least 100). */
export const CASES = 100;

/**
 * onnxruntime's output Y of a one-operator model (bytes from bench/peers/onnxModels.ts or
 * onnxNdModels.ts) fed float32 `x` as its input X; the session is released before returning.
 */
export async function onnxOutput(modelBytes: Uint8Array, x: Tensor): Promise<Float32Array> {
  const model = await OrtModel.load(modelBytes);
  try {
    return (await model.run({ X: { data: f32(x), dims: x.shape } })).Y as Float32Array;
  } finally {
    await model.release();
  }
}
