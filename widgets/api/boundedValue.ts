/**
 * The rule ipywidgets' bounded widgets (sliders, progress bars, Play) keep:
 * `min <= max`, and `value` stays within `min..max`.
 */

/** Reads `min` and `max` from a widget's state; throws a RangeError naming both when `min > max`. */
export function checkBounds(what: string, state: Record<string, unknown>): [number, number] {
  const min = state.min as number;
  const max = state.max as number;
  if (min > max) throw new RangeError(`${what}: min must not exceed max, got min ${min} and max ${max}`);
  return [min, max];
}

/** The state with its numeric `value` clamped into `min..max` (after `checkBounds`). */
export function clampValueToBounds(what: string, state: Record<string, unknown>): Record<string, unknown> {
  const [min, max] = checkBounds(what, state);
  return { ...state, value: Math.min(max, Math.max(min, state.value as number)) };
}
