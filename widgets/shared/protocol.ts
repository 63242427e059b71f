/**
 * The widget protocol shared by the kernel-side widget API (`widgets/api/`) and the
 * JupyterLab views (`widgets/lab/`): model/view names, the module name and version
 * (taken from the extension's package.json, the one place they live), and the state
 * and message shapes of the custom models. Types and constants only.
 */
import type { HeatmapHighlight } from "upsampling-lab/heatmap-layout";
import labPackage from "../lab/package.json";

/** npm name of the frontend extension; the `_model_module` / `_view_module` of our models. */
export const WIDGETS_MODULE_NAME: string = labPackage.name;

/** Version of the frontend extension. */
export const WIDGETS_MODULE_VERSION: string = labPackage.version;

/** Semver range the kernel sends as `_model_module_version` / `_view_module_version`. */
export const WIDGETS_MODULE_RANGE = `^${labPackage.version}`;

/** Widget protocol version carried in comm_open metadata. */
export const WIDGET_PROTOCOL_VERSION = "2.1.0";

/** A rectangle drawn over heatmap cells: the library's one highlight type. */
export type { HeatmapHighlight };

/**
 * Synced state of `HeatmapModel` beyond the standard `_model_*`/`_view_*` keys.
 * A single map has `shape [h, w]`; a multi-channel view has `shape [c, h, w]` and draws a grid.
 * `values` travels as a float32 binary buffer (buffer path `["values"]`), never as JSON numbers.
 */
export interface HeatmapState {
  /** Row-major float32 values; a `DataView` on the frontend after deserialisation. */
  values: Float32Array | DataView;
  /** `[h, w]` or `[c, h, w]`. */
  shape: number[];
  /** Title above the map (or the grid). */
  title: string;
  /** Titles of each channel in a multi-channel grid (empty: "channel 0", ...). */
  channel_titles: string[];
  /** Print the value in every cell (hidden automatically when cells are too small). */
  show_values: boolean;
  /** Plotly colour scale name, e.g. `Viridis`, `RdBu`, `Greys`. */
  colorscale: string;
  /** Fixed colour range; null means automatic (min/max over all channels). */
  zmin: number | null;
  zmax: number | null;
  /** Axis titles. */
  x_label: string;
  y_label: string;
  /** Overlays. */
  highlights: HeatmapHighlight[];
  /** Size of one cell in CSS pixels (0: fit the output area). */
  cell_size: number;
  /** d3-format of printed values, e.g. `.2f`; "" (the default) is automatic: exact few-decimal values, else 3 significant digits. */
  value_format: string;
}

/** Model name of the heatmap widget (`_model_name`). */
export const HEATMAP_MODEL_NAME = "HeatmapModel";
/** View name of the heatmap widget (`_view_name`). */
export const HEATMAP_VIEW_NAME = "HeatmapView";

/** Custom message the frontend sends when a cell is clicked. */
export interface HeatmapClickMessage {
  event: "click";
  /** Channel index (0 for a single map). */
  channel: number;
  row: number;
  col: number;
  /** The value drawn in that cell. */
  value: number;
}

/** One line of a `LinePlotModel`: its legend name and its points (finite numbers, x and y of one length). */
export interface LinePlotSeries {
  name: string;
  x: number[];
  y: number[];
}

/** Synced state of `LinePlotModel` beyond the standard keys (JSON: plots are small). */
export interface LinePlotState {
  series: LinePlotSeries[];
  title: string;
  x_label: string;
  y_label: string;
  /** Logarithmic axes. */
  log_x: boolean;
  log_y: boolean;
  /** Size of the figure in CSS pixels. */
  width: number;
  height: number;
}

/** Model name of the line plot widget (`_model_name`). */
export const LINE_PLOT_MODEL_NAME = "LinePlotModel";
/** View name of the line plot widget (`_view_name`). */
export const LINE_PLOT_VIEW_NAME = "LinePlotView";
