/**
 * The value range a colour scale spans, and "nice" tick values for its colour bar.
 */
import type { FeatureMaps } from "./featureMaps";

/** Counts of the non-finite values in some maps. */
export interface NonFiniteCounts {
  nan: number;
  posInf: number;
  negInf: number;
}

/** Finite minimum and maximum over all maps (undefined when no value is finite), and non-finite counts. */
export function scanValues(maps: FeatureMaps): { min?: number; max?: number; counts: NonFiniteCounts } {
  let min = Infinity;
  let max = -Infinity;
  const counts: NonFiniteCounts = { nan: 0, posInf: 0, negInf: 0 };
  const n = maps.channels * maps.height * maps.width;
  for (let i = 0; i < n; i++) {
    const v = maps.values[i];
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    } else if (Number.isNaN(v)) counts.nan++;
    else if (v > 0) counts.posInf++;
    else counts.negInf++;
  }
  return min <= max ? { min, max, counts } : { counts };
}

/**
 * The colour range `[lo, hi]` (lo < hi): the fixed bounds when given, otherwise
 * the data's finite range (symmetric about 0 when `symmetric`); a constant map gets
 * a unit-wide range around its value so its colour is the scale's middle.
 */
export function colorRange(
  dataMin: number | undefined,
  dataMax: number | undefined,
  zmin: number | null | undefined,
  zmax: number | null | undefined,
  symmetric: boolean,
): [number, number] {
  let lo = zmin ?? dataMin ?? 0;
  let hi = zmax ?? dataMax ?? 1;
  if (symmetric && (zmin === undefined || zmin === null) && (zmax === undefined || zmax === null)) {
    const m = Math.max(Math.abs(lo), Math.abs(hi));
    lo = -m;
    hi = m;
  }
  const fixedLo = zmin !== undefined && zmin !== null;
  const fixedHi = zmax !== undefined && zmax !== null;
  if (!(lo < hi) && fixedLo && !fixedHi) return [lo, lo + (lo === 0 ? 1 : Math.abs(lo))];
  if (!(lo < hi) && fixedHi && !fixedLo) return [hi - (hi === 0 ? 1 : Math.abs(hi)), hi];
  if (!(lo < hi)) {
    const c = lo;
    const half = c === 0 ? 1 : Math.abs(c) * 0.5;
    lo = c - half;
    hi = c + half;
  }
  return [lo, hi];
}

/** About `count` round tick values (1, 2 or 5 times a power of ten apart) inside `[lo, hi]`. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return [lo];
  const raw = span / Math.max(1, count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  const ticks: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  for (let k = first; k * step <= hi + step * 1e-9; k++) {
    // Round away binary noise such as 0.30000000000000004.
    ticks.push(Number((k * step).toPrecision(12)));
  }
  return ticks;
}
