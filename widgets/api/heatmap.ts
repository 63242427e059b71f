/**
 * `Heatmap`: a feature map drawn by the frontend's `HeatmapView` (plotly), synced as
 * `HeatmapModel` state with the values as a float32 buffer (buffer path `["values"]`).
 * Setters update the drawn map in place; `onClick` receives the cells the user clicks.
 * Its display also carries the static SVG/PNG figure and text for export.
 */
import { shapeSize, Tensor } from "../../src/tensor";
import { checkOptionNames, describe } from "../../src/args";
import { featureMapsOf, heatmapScene, parseCssColor, type HeatmapFigureOptions, type Scene } from "../../src/figure";
import {
  HEATMAP_MODEL_NAME,
  HEATMAP_VIEW_NAME,
  WIDGETS_MODULE_NAME,
  WIDGETS_MODULE_RANGE,
  type HeatmapClickMessage,
  type HeatmapHighlight,
  type HeatmapState,
} from "../shared/protocol";
import { Layout } from "./layout";
import { domWidgetSpec, modelHeader, type DOMWidgetOptions } from "./modelSpec";
import { arrayOf, bool, float, int, nullable, oneOf, str, type Trait } from "./traits";
import { warn } from "./warnings";
import { widgetWithState } from "./stateProperties";

/** Options of a heatmap (the same names as the static figure's options). */
export interface HeatmapOptions extends DOMWidgetOptions {
  /** Title above the map. */
  title?: string;
  /** `Viridis` (default), `RdBu` (diverging, for signed data) or `Greys`. */
  colorscale?: "Viridis" | "RdBu" | "Greys";
  /** Fixed colour range (null: automatic). */
  zmin?: number | null;
  zmax?: number | null;
  /** Print the value in each cell (default true; hidden automatically when cells are too small). */
  showValues?: boolean;
  /** Rectangles drawn over cells. */
  highlights?: HeatmapHighlight[];
  /** Cell size in CSS pixels (0: fit the output area). */
  cellSize?: number;
  /** Titles of the channels of a `(C, H, W)` grid. */
  channelTitles?: string[];
  /** Axis titles. */
  xLabel?: string;
  yLabel?: string;
  /**
   * d3-format of the printed values, e.g. `.2f`; "" (default) is automatic: exact when a value is a
   * few decimals (10.25), else 3 significant digits, fewer when the cell is narrow.
   */
  valueFormat?: string;
}

/** Every option `Heatmap` accepts. */
export const HEATMAP_OPTION_NAMES = [
  "title",
  "colorscale",
  "zmin",
  "zmax",
  "showValues",
  "highlights",
  "cellSize",
  "channelTitles",
  "xLabel",
  "yLabel",
  "valueFormat",
  "layout",
  "_dom_classes",
  "tabbable",
  "tooltip",
] as const;

const OPTION_TO_STATE: Record<string, string> = {
  showValues: "show_values",
  cellSize: "cell_size",
  channelTitles: "channel_titles",
  xLabel: "x_label",
  yLabel: "y_label",
  valueFormat: "value_format",
};

/** Largest number of values a heatmap sends (64 channels of 2048 x 2048, as the frontend accepts). */
export const MAX_HEATMAP_VALUES = 64 * 2048 * 2048;

const HIGHLIGHT_KEYS = ["row", "col", "height", "width", "style", "color", "label", "channel"];

function highlightTrait(): Trait {
  return (name, v) => {
    if (v === null || typeof v !== "object" || Array.isArray(v))
      throw new TypeError(`${name} must be an object {row, col, ...}, got ${describe(v)}`);
    const o = v as Record<string, unknown>;
    checkOptionNames(name, o, HIGHLIGHT_KEYS);
    const out: Record<string, unknown> = { row: int()(`${name}.row`, o.row), col: int()(`${name}.col`, o.col) };
    if (o.height !== undefined) out.height = int(1)(`${name}.height`, o.height);
    if (o.width !== undefined) out.width = int(1)(`${name}.width`, o.width);
    if (o.style !== undefined) out.style = oneOf(["outline", "shade"])(`${name}.style`, o.style);
    if (o.color !== undefined) {
      parseCssColor(`${name}.color`, o.color);
      out.color = o.color;
    }
    if (o.label !== undefined) out.label = str()(`${name}.label`, o.label);
    if (o.channel !== undefined && o.channel !== null) out.channel = int(0)(`${name}.channel`, o.channel);
    return out;
  };
}

/** Float32 values: a Float32Array, or a binary buffer from the frontend (copied; whole float32s only). */
function valuesTrait(): Trait {
  return (name, v) => {
    if (v instanceof Float32Array) return v;
    if (ArrayBuffer.isView(v) && v.byteLength % 4 === 0) {
      const bytes = new Uint8Array(v.byteLength);
      bytes.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      return new Float32Array(bytes.buffer);
    }
    throw new TypeError(`${name} must be float32 values (a binary buffer of whole 4-byte numbers), got ${describe(v)}`);
  };
}

/**
 * The state form of a tensor: `values` as a fresh Float32Array, `shape` `[c, h, w]` for a grid
 * (several channels, or always for a TensorView) and `[h, w]` for one map (`[1, 1, h, w]` included).
 */
function tensorState(what: string, t: unknown, grid = false): { values: Float32Array; shape: number[] } {
  if (!(t instanceof Tensor))
    throw new TypeError(`${what}: values must be a Tensor of shape [h, w] or [c, h, w], got ${describe(t)}`);
  const maps = featureMapsOf(what, t);
  if (t.size > MAX_HEATMAP_VALUES) {
    throw new RangeError(
      `${what}: a heatmap holds at most ${MAX_HEATMAP_VALUES} values, got ${t.size} (shape [${t.shape.join(", ")}]); slice or pool the tensor first`,
    );
  }
  const values = new Float32Array(t.size);
  values.set(t.data);
  const shape = grid || maps.channels > 1 ? [maps.channels, maps.height, maps.width] : [maps.height, maps.width];
  return { values, shape };
}

/** Validates heatmap options and turns them into state attributes. */
function optionsToState(what: string, options: object | undefined): Record<string, unknown> {
  checkOptionNames(what, options, HEATMAP_OPTION_NAMES);
  const state: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options ?? {})) {
    if (v !== undefined) state[OPTION_TO_STATE[k] ?? k] = v;
  }
  return state;
}

/**
 * Highlights clipped to the map (a block landing partly in the cropped padding keeps its
 * visible part; one entirely outside is dropped), since the views draw only cells of the map.
 */
function clipHighlights(highlights: readonly HeatmapHighlight[], shape: readonly number[]): HeatmapHighlight[] {
  const [h, w] = shape.length === 3 ? [shape[1], shape[2]] : [shape[0], shape[1]];
  const out: HeatmapHighlight[] = [];
  for (const hl of highlights) {
    const top = Math.max(0, hl.row);
    const left = Math.max(0, hl.col);
    const bottom = Math.min(h, hl.row + (hl.height ?? 1));
    const right = Math.min(w, hl.col + (hl.width ?? 1));
    if (bottom <= top || right <= left) continue;
    const clipped: HeatmapHighlight = { ...hl, row: top, col: left };
    if (hl.height !== undefined || bottom - top !== 1) clipped.height = bottom - top;
    if (hl.width !== undefined || right - left !== 1) clipped.width = right - left;
    out.push(clipped);
  }
  return out;
}

/** Called with each cell the user clicks: channel, row, col and the value drawn there. */
export type HeatmapClickCallback = (click: HeatmapClickMessage) => void | Promise<void>;

/** The synced state of a heatmap, as a widget state type. */
export type HeatmapWidgetState = Pick<HeatmapState, keyof HeatmapState>;

/**
 * A heatmap widget of a feature map: `const h = new Heatmap(y, {title: "output"})`; `h.values = y2`
 * redraws in place; `title`, `colorscale`, `zmin`, `zmax` are properties over the state too.
 */
export class Heatmap extends widgetWithState<HeatmapWidgetState>()(["title", "colorscale", "zmin", "zmax"]) {
  /** Opens a HeatmapModel showing `values` (`[h, w]`, or `[c, h, w]` as a grid of channels). */
  constructor(values: Tensor, options?: HeatmapOptions) {
    const what = new.target.name;
    const state = { ...optionsToState(what, options), ...tensorState(what, values, new.target === TensorView) };
    const { spec, options: opts } = domWidgetSpec(
      what,
      state,
      modelHeader(HEATMAP_MODEL_NAME, HEATMAP_VIEW_NAME, WIDGETS_MODULE_NAME, WIDGETS_MODULE_RANGE),
      {
        values: new Float32Array(0),
        shape: [0, 0],
        title: "",
        channel_titles: [],
        show_values: true,
        colorscale: "Viridis",
        zmin: null,
        zmax: null,
        x_label: "",
        y_label: "",
        highlights: [],
        cell_size: 0,
        value_format: "",
      },
      {
        values: valuesTrait(),
        shape: arrayOf(int(1)),
        title: str(),
        channel_titles: arrayOf(str()),
        show_values: bool(),
        colorscale: oneOf(["Viridis", "RdBu", "Greys"]),
        zmin: nullable(float()),
        zmax: nullable(float()),
        x_label: str(),
        y_label: str(),
        highlights: arrayOf(highlightTrait()),
        cell_size: float(0, 200),
        value_format: str(),
      },
      (a) => new Layout(a),
    );
    super(spec, opts, what);
  }

  /** The values drawn, as a tensor of the heatmap's shape. */
  get values(): Tensor {
    return new Tensor(new Float32Array(this.get("values") as Float32Array), this.get("shape") as number[]);
  }
  /** Redraws with new values (the shape may change); one update message carries values and shape. */
  set values(t: Tensor) {
    this.set(tensorState(this.constructor.name, t, this instanceof TensorView));
  }

  /** `[h, w]` or `[c, h, w]`. */
  get shape(): number[] {
    return [...(this.get("shape") as number[])];
  }

  /** The overlays. */
  get highlights(): HeatmapHighlight[] {
    return structuredClone(this.get("highlights"));
  }
  set highlights(v: HeatmapHighlight[]) {
    this.set({ highlights: v });
  }

  /**
   * Changes several things in one update message, e.g. `h.update({values: y, highlights: [...]})`.
   * Takes the constructor's option names plus `values`.
   */
  update(changes: HeatmapOptions & { values?: Tensor }): void {
    const what = this.modelName.replace(/Model$/, "");
    const { values, ...options } = changes ?? {};
    const state = optionsToState(what, options);
    if (values !== undefined) Object.assign(state, tensorState(what, values, this instanceof TensorView));
    this.set(state);
  }

  /** Calls `callback` with each clicked cell (the frontend's `click` message). Returns a remover. */
  onClick(callback: HeatmapClickCallback): () => void {
    if (typeof callback !== "function") throw new TypeError(`onClick: callback must be a function, got ${describe(callback)}`);
    return this.onCustom((content) => {
      const click = this.checkClick(content);
      if (click) return callback(click);
    });
  }

  /** The options of the static figure matching the current state. */
  figureOptions(): HeatmapFigureOptions {
    const s = this.fullState();
    return {
      title: s.title as string,
      colorscale: s.colorscale as string,
      zmin: s.zmin as number | null,
      zmax: s.zmax as number | null,
      showValues: s.show_values as boolean,
      highlights: s.highlights as HeatmapHighlight[],
      channelTitles: s.channel_titles as string[],
      xLabel: s.x_label as string,
      yLabel: s.y_label as string,
      cellSize: (s.cell_size as number) >= 2 ? (s.cell_size as number) : 0,
      valueFormat: s.value_format as string,
    };
  }

  /** The static figure of the current state. */
  override figureScene(): Scene {
    return heatmapScene(this.modelName, this.values, this.figureOptions());
  }

  /** A one-line description. */
  override toString(): string {
    const title = this.title ? `, title '${this.title}'` : "";
    return `${this.modelName.replace(/Model$/, "").replace("Heatmap", this.constructor.name)}(shape [${this.shape.join(", ")}]${title})`;
  }

  protected override normalize(state: Record<string, unknown>, what: string): Record<string, unknown> {
    const shape = state.shape as number[];
    const values = state.values as Float32Array;
    if (shape.length < 2 || shape.length > 3)
      throw new RangeError(`${what}: shape must be [h, w] or [c, h, w], got ${describe(shape)}`);
    const n = shapeSize(shape);
    if (values.length !== n)
      throw new RangeError(`${what}: ${values.length} values do not fill shape ${describe(shape)} (${n} cells)`);
    const zmin = state.zmin as number | null;
    const zmax = state.zmax as number | null;
    if (zmin !== null && zmax !== null && !(zmin < zmax))
      throw new RangeError(`${what}: zmin must be less than zmax, got zmin ${zmin} and zmax ${zmax}`);
    const channels = shape.length === 3 ? shape[0] : 1;
    (state.highlights as HeatmapHighlight[]).forEach((h, i) => {
      if (h.channel !== undefined && h.channel >= channels) {
        throw new RangeError(`${what}: highlights[${i}].channel must be in 0..${channels - 1}, got ${h.channel}`);
      }
    });
    return { ...state, highlights: clipHighlights(state.highlights as HeatmapHighlight[], shape) };
  }

  private checkClick(content: unknown): HeatmapClickMessage | undefined {
    const c = content as Record<string, unknown> | null;
    const shape = this.shape;
    const [channels, h, w] = shape.length === 3 ? shape : [1, shape[0], shape[1]];
    const inRange = (v: unknown, n: number): boolean => typeof v === "number" && Number.isInteger(v) && v >= 0 && v < n;
    if (c === null || typeof c !== "object" || c.event !== "click") {
      warn(`ignored a custom message for ${this.modelName} ${this.modelId} that is not a click: ${describe(content)}`);
      return undefined;
    }
    if (!inRange(c.channel, channels) || !inRange(c.row, h) || !inRange(c.col, w)) {
      warn(`ignored a click outside the map [${shape.join(", ")}] for ${this.modelName} ${this.modelId}: ${describe(content)}`);
      return undefined;
    }
    const index = ((c.channel as number) * h + (c.row as number)) * w + (c.col as number);
    return {
      event: "click",
      channel: c.channel as number,
      row: c.row as number,
      col: c.col as number,
      value: (this.get("values") as Float32Array)[index],
    };
  }
}

/** A `(C, H, W)` tensor as a grid of heatmaps (one per channel) with one colour scale. */
export class TensorView extends Heatmap {
  /** Opens a multi-channel heatmap of `values` (`[c, h, w]` or `[1, c, h, w]`). */
  constructor(values: Tensor, options?: HeatmapOptions) {
    if (!(values instanceof Tensor) || !(values.rank === 3 || (values.rank === 4 && values.shape[0] === 1))) {
      throw new RangeError(
        `TensorView: values must be a tensor of shape [c, h, w] (or [1, c, h, w]), got ${values instanceof Tensor ? `shape [${values.shape.join(", ")}]` : describe(values)}`,
      );
    }
    super(values.rank === 4 ? values.reshape(values.shape.slice(1)) : values, options);
  }
}
