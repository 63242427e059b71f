/** Builders of heatmap states for the frontend tests. */
import { checkHeatmapState, type Heatmap } from "../src/state";

/** A checked heatmap from rows of numbers (or channels of rows), with optional state overrides. */
export function heatmapOf(data: number[][] | number[][][], overrides: Record<string, unknown> = {}): Heatmap {
  const multi = Array.isArray(data[0]?.[0]);
  const channels = (multi ? data : [data]) as number[][][];
  const height = channels[0]?.length ?? 0;
  const width = channels[0]?.[0]?.length ?? 0;
  const values = Float32Array.from(channels.flat(2));
  const shape = multi ? [channels.length, height, width] : [height, width];
  const check = checkHeatmapState({ values, shape, ...overrides });
  if (!check.ok) throw new Error(check.errors.join("; "));
  return check.heatmap;
}

/** A checked heatmap of the given shape filled by `fill(index)`. */
export function heatmapOfShape(shape: number[], fill: (i: number) => number, overrides: Record<string, unknown> = {}): Heatmap {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = Float32Array.from({ length: size }, (_, i) => fill(i));
  const check = checkHeatmapState({ values, shape, ...overrides });
  if (!check.ok) throw new Error(check.errors.join("; "));
  return check.heatmap;
}
