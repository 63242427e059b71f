/**
 * Maps a plotly click on a heatmap cell to the custom message the kernel receives
 * (`HeatmapClickMessage` in `widgets/shared/protocol.ts`).
 */
import type { HeatmapClickMessage } from "../../shared/protocol";
import type { TraceInfo } from "./figure";
import type { PlotPoint } from "./plotly-types";
import type { Heatmap } from "./state";

/**
 * The click message for `point`, or null when the point is not a cell of the map.
 * On a downsampled map the row/col are the top-left cell of the clicked block and the
 * value is the block mean. A NaN/Infinity cell reports its value, which JSON carries as null.
 */
export function clickMessage(point: PlotPoint, traces: readonly TraceInfo[], heatmap: Heatmap): HeatmapClickMessage | null {
  const trace = traces[point.curveNumber];
  if (!trace || typeof point.x !== "number" || typeof point.y !== "number") return null;
  const offset = (trace.factor - 1) / 2;
  const row = Math.round(point.y - offset);
  const col = Math.round(point.x - offset);
  if (row < 0 || row >= heatmap.height || col < 0 || col >= heatmap.width) return null;
  let value: number;
  if (trace.factor === 1) {
    value = heatmap.values[(trace.channel * heatmap.height + row) * heatmap.width + col];
  } else if (trace.kind === "nonFinite") {
    value = [Number.NaN, Infinity, -Infinity][point.z ?? 0] ?? Number.NaN;
  } else {
    value = typeof point.z === "number" ? point.z : Number.NaN;
  }
  return { event: "click", channel: trace.channel, row, col, value };
}
