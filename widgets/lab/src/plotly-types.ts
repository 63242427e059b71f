/**
 * The subset of plotly.js figure attributes and API this extension uses, typed.
 * plotly.js-cartesian-dist-min ships no types; these follow the plotly.js reference
 * (https://plotly.com/javascript/reference/) for the heatmap trace and cartesian layout.
 */

/** A heatmap trace. `z` is row-major rows; `null` cells are gaps. */
export interface HeatmapTrace {
  type: "heatmap";
  name: string;
  z: (number | null)[][];
  x: number[];
  y: number[];
  xaxis: string;
  yaxis: string;
  coloraxis?: string;
  colorscale?: [number, string][];
  zmin?: number;
  zmax?: number;
  showscale?: boolean;
  text?: string[][];
  texttemplate?: string;
  textfont?: { size: number; family?: string; color?: string };
  customdata?: number[][][];
  hovertemplate: string;
  hoverongaps: boolean;
  xgap?: number;
  ygap?: number;
  /** 0: plotly keeps the trace for hover and clicks, the view paints the cells itself. */
  opacity?: number;
}

/** A cartesian axis. */
export interface AxisLayout {
  domain: [number, number];
  range: [number, number];
  anchor: string;
  scaleanchor?: string;
  scaleratio?: number;
  constrain?: "range" | "domain";
  /** Column indices above the map (where the shared layout leaves room, as the static figure has them). */
  side: "top" | "left";
  tickmode: "linear";
  tick0: number;
  dtick: number;
  showticklabels: boolean;
  ticks: "" | "outside";
  showgrid: boolean;
  zeroline: boolean;
  showline: boolean;
  linecolor: string;
  color: string;
  fixedrange: boolean;
  /** `allow`: plotly does not measure every tick label to hide those past the figure (they never are). */
  ticklabeloverflow: "allow";
  title?: { text: string; standoff?: number };
}

/** A rectangle over cells in data coordinates of one subplot. */
export interface RectShape {
  type: "rect";
  xref: string;
  yref: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  line: { color: string; width: number };
  fillcolor: string;
  opacity: number;
  layer: "above";
}

/** A text annotation (highlight labels, channel titles). */
export interface Annotation {
  text: string;
  x: number;
  y: number;
  xref: string;
  yref: string;
  xanchor: "left" | "center" | "right";
  yanchor: "top" | "middle" | "bottom";
  showarrow: false;
  font: { color: string; size: number; family?: string };
  bgcolor?: string;
  borderpad?: number;
}

/** Layout of the whole figure; axes are added as `xaxis`, `xaxis2`, ... */
export interface FigureLayout {
  width: number;
  height: number;
  margin: { l: number; r: number; t: number; b: number; pad: number };
  title?: {
    text: string;
    x: number;
    y: number;
    xref: "container";
    yref: "container";
    xanchor: "left";
    yanchor: "middle";
    font: { size: number; color: string };
  };
  paper_bgcolor: string;
  plot_bgcolor: string;
  font: { family: string; color: string; size: number };
  coloraxis: {
    colorscale: [number, string][];
    cmin: number;
    cmax: number;
    colorbar: {
      thickness: number;
      outlinewidth: number;
      tickfont: { color: string; size: number };
      tickmode: "array";
      tickvals: number[];
      ticktext: string[];
      x: number;
      xanchor: "left";
      xpad: number;
      y: number;
      yanchor: "top";
      ypad: number;
      len: number;
      lenmode: "fraction";
      ticklabeloverflow: "allow";
    };
  };
  shapes: RectShape[];
  annotations: Annotation[];
  dragmode: false;
  hovermode: "closest";
  showlegend: false;
  [axis: `xaxis${string}` | `yaxis${string}`]: AxisLayout;
}

/** Options of `Plotly.react`. */
export interface PlotConfig {
  displaylogo: boolean;
  displayModeBar: boolean;
  responsive: boolean;
  scrollZoom: boolean;
  showTips: boolean;
  doubleClick: false;
}

/** One clicked point as plotly reports it for a heatmap. */
export interface PlotPoint {
  curveNumber: number;
  x: number;
  y: number;
  z: number | null;
}

/** The graph div after plotly has drawn into it (event emitter methods added by plotly). */
export interface PlotlyGraphDiv extends HTMLElement {
  on(event: "plotly_click", handler: (event: { points: PlotPoint[] }) => void): void;
  removeAllListeners?(event: string): void;
  emit?(event: string, data: unknown): void;
}

/** A line trace of the line plot. */
export interface ScatterTrace {
  type: "scatter";
  mode: "lines" | "lines+markers";
  name: string;
  x: number[];
  y: number[];
  line: { color: string; width: number };
  hovertemplate: string;
}

/** An axis of the line plot. */
export interface LineAxisLayout {
  type: "linear" | "log";
  title: { text: string };
  gridcolor: string;
  linecolor: string;
  zeroline: boolean;
  automargin: boolean;
}

/** Layout of the line plot. */
export interface LinePlotLayout {
  width: number;
  height: number;
  margin: { l: number; r: number; t: number; b: number };
  title: { text: string; x: number; xanchor: "left"; font: { size: number; color: string } };
  paper_bgcolor: string;
  plot_bgcolor: string;
  font: { family: string; color: string; size: number };
  xaxis: LineAxisLayout;
  yaxis: LineAxisLayout;
  showlegend: boolean;
  legend: { orientation: "v" | "h" };
  hovermode: "closest" | "x unified";
}

/** The plotly.js functions used by the views. */
export interface PlotlyApi {
  react(div: HTMLElement, data: HeatmapTrace[], layout: FigureLayout, config: PlotConfig): Promise<PlotlyGraphDiv>;
  react(div: HTMLElement, data: ScatterTrace[], layout: LinePlotLayout, config: PlotConfig): Promise<PlotlyGraphDiv>;
  purge(div: HTMLElement): void;
}
