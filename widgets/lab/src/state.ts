/**
 * Heatmap model state on the frontend: turning the binary `values` buffer into a
 * Float32Array and checking the synced state before anything is drawn. A kernel (or a
 * saved notebook) can send anything; every check here produces a message that names the
 * key, the value given and what was expected, so the view can show it instead of throwing.
 */
import {
  colorScaleByName,
  DEFAULT_HIGHLIGHT_COLOR,
  DEFAULT_VALUE_FORMAT,
  describe,
  isValueFormat,
  parseCssColor,
  type ColorScaleName,
  type HeatmapHighlight,
} from "upsampling-lab/heatmap-layout";
import type { HeatmapState } from "../../shared/protocol";

export { DEFAULT_HIGHLIGHT_COLOR, DEFAULT_VALUE_FORMAT };

/** A `values` buffer that could not be read as float32; kept so the view can explain why. */
export interface MalformedValues {
  readonly malformed: string;
}

/** Largest number of cells a heatmap accepts (64 channels of 2048x2048). */
export const MAX_HEATMAP_CELLS = 64 * 2048 * 2048;

/**
 * Copies the bytes of a binary `values` buffer into a fresh Float32Array (the buffer
 * belongs to the comm message and its offset need not be 4-aligned). Throws when the
 * input is not a buffer view or its length is not a whole number of float32 values.
 */
export function float32FromBuffer(buffer: unknown): Float32Array {
  let bytes: Uint8Array;
  if (buffer instanceof DataView || ArrayBuffer.isView(buffer)) {
    bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } else if (buffer instanceof ArrayBuffer) {
    bytes = new Uint8Array(buffer);
  } else {
    throw new TypeError(`values: expected a binary float32 buffer (DataView), got ${describe(buffer)}`);
  }
  if (bytes.byteLength % Float32Array.BYTES_PER_ELEMENT !== 0) {
    throw new RangeError(`values: buffer of ${bytes.byteLength} bytes is not a whole number of float32 values (4 bytes each)`);
  }
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

/**
 * Deserialiser of the `values` key: a Float32Array copy, or a `MalformedValues` record
 * (never an exception, which would stop the whole model from being created).
 */
export function deserializeValues(buffer: unknown): Float32Array | MalformedValues {
  if (buffer === null || buffer === undefined) return new Float32Array(0);
  try {
    return float32FromBuffer(buffer);
  } catch (error) {
    return { malformed: error instanceof Error ? error.message : String(error) };
  }
}

/** Serialiser of the `values` key: a DataView on the float32 bytes (binary on the wire). */
export function serializeValues(values: unknown): DataView | null {
  if (values instanceof Float32Array) {
    return new DataView(values.buffer, values.byteOffset, values.byteLength);
  }
  if (values instanceof DataView) return values;
  return null;
}

/** Checked heatmap state, ready to be turned into a figure. */
export interface Heatmap {
  values: Float32Array;
  channels: number;
  height: number;
  width: number;
  /** True when the state had shape `[c, h, w]` (a grid of channels, even for c = 1). */
  multiChannel: boolean;
  title: string;
  channelTitles: string[];
  showValues: boolean;
  colorscale: ColorScaleName;
  zmin: number | null;
  zmax: number | null;
  xLabel: string;
  yLabel: string;
  /** Checked highlights (row, col, height, width, style and color filled in). */
  highlights: HeatmapHighlight[];
  cellSize: number;
  valueFormat: string;
}

/** Result of checking the state: the heatmap, or every problem found. */
export type HeatmapCheck = { ok: true; heatmap: Heatmap } | { ok: false; errors: string[] };

/**
 * Checks raw model attributes (after deserialisation) against the heatmap schema in
 * `widgets/shared/protocol.ts`: shape `[h, w]` or `[c, h, w]` of non-negative integers,
 * a float32 `values` buffer with exactly `c*h*w` entries, and typed optional keys.
 */
export function checkHeatmapState(raw: Partial<Record<keyof HeatmapState, unknown>>): HeatmapCheck {
  const errors: string[] = [];
  const shape = raw.shape;
  let channels = 1;
  let height = 0;
  let width = 0;
  let multiChannel = false;
  if (
    !Array.isArray(shape) ||
    (shape.length !== 2 && shape.length !== 3) ||
    !shape.every((n) => Number.isInteger(n) && (n as number) >= 0)
  ) {
    errors.push(`shape: expected [height, width] or [channels, height, width] of non-negative integers, got ${describe(shape)}`);
  } else {
    const dims = shape as number[];
    multiChannel = dims.length === 3;
    [channels, height, width] = multiChannel ? dims : [1, dims[0], dims[1]];
    if (channels * height * width > MAX_HEATMAP_CELLS) {
      errors.push(
        `shape: ${JSON.stringify(dims)} has ${channels * height * width} cells, more than the ${MAX_HEATMAP_CELLS} a heatmap can hold`,
      );
    }
  }

  let values: Float32Array = new Float32Array(0);
  const rawValues = raw.values;
  if (rawValues instanceof Float32Array) {
    values = rawValues;
  } else if (isMalformed(rawValues)) {
    errors.push(rawValues.malformed);
  } else {
    errors.push(`values: expected a binary float32 buffer, got ${describe(rawValues)}`);
  }
  if (rawValues instanceof Float32Array && errors.length === 0 && values.length !== channels * height * width) {
    errors.push(
      `values: ${values.length} float32 values do not fill shape ${JSON.stringify(shape)} (${channels * height * width} expected)`,
    );
  }

  const title = optionalString(raw.title, "title", errors);
  const colorscaleName = optionalString(raw.colorscale, "colorscale", errors) || "Viridis";
  let colorscale: ColorScaleName = "viridis";
  try {
    colorscale = colorScaleByName("colorscale", colorscaleName);
  } catch (error) {
    errors.push((error as Error).message);
  }
  const xLabel = optionalString(raw.x_label, "x_label", errors);
  const yLabel = optionalString(raw.y_label, "y_label", errors);
  const valueFormat = optionalString(raw.value_format, "value_format", errors) || DEFAULT_VALUE_FORMAT;
  if (!isValueFormat(valueFormat)) {
    errors.push(`value_format: expected a d3-format specifier such as ".3~g" or ".2f", got ${describe(valueFormat)}`);
  }
  const showValues = raw.show_values === undefined ? true : raw.show_values;
  if (typeof showValues !== "boolean") {
    errors.push(`show_values: expected true or false, got ${describe(showValues)}`);
  }
  const zmin = optionalFiniteOrNull(raw.zmin, "zmin", errors);
  const zmax = optionalFiniteOrNull(raw.zmax, "zmax", errors);
  if (zmin !== null && zmax !== null && zmin > zmax) {
    errors.push(`zmin: ${zmin} is greater than zmax ${zmax}`);
  }
  const cellSize = raw.cell_size === undefined ? 0 : raw.cell_size;
  if (typeof cellSize !== "number" || !Number.isFinite(cellSize) || cellSize < 0 || cellSize > 200) {
    errors.push(`cell_size: expected a number of CSS pixels in [0, 200] (0: fit), got ${describe(cellSize)}`);
  }
  let channelTitles: string[] = [];
  if (raw.channel_titles !== undefined) {
    if (Array.isArray(raw.channel_titles) && raw.channel_titles.every((t) => typeof t === "string")) {
      channelTitles = raw.channel_titles as string[];
    } else {
      errors.push(`channel_titles: expected a list of strings, got ${describe(raw.channel_titles)}`);
    }
  }
  const highlights: HeatmapHighlight[] = [];
  if (raw.highlights !== undefined) {
    if (!Array.isArray(raw.highlights)) {
      errors.push(`highlights: expected a list, got ${describe(raw.highlights)}`);
    } else {
      raw.highlights.forEach((h, i) => {
        const checked = checkHighlight(h, i, channels, errors);
        if (checked) highlights.push(checked);
      });
    }
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    heatmap: {
      values,
      channels,
      height,
      width,
      multiChannel,
      title,
      channelTitles,
      showValues: showValues as boolean,
      colorscale,
      zmin,
      zmax,
      xLabel,
      yLabel,
      highlights,
      cellSize: cellSize as number,
      valueFormat,
    },
  };
}

function checkHighlight(raw: unknown, index: number, channels: number, errors: string[]): HeatmapHighlight | null {
  const where = `highlights[${index}]`;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    errors.push(`${where}: expected an object {row, col, ...}, got ${describe(raw)}`);
    return null;
  }
  const h = raw as Partial<Record<keyof HeatmapHighlight, unknown>>;
  const before = errors.length;
  const integer = (value: unknown, key: string, fallback: number, min: number): number => {
    if (value === undefined && !Number.isNaN(fallback)) return fallback;
    if (!Number.isInteger(value) || (value as number) < min) {
      errors.push(`${where}.${key}: expected an integer >= ${min}, got ${describe(value)}`);
      return fallback;
    }
    return value as number;
  };
  const row = integer(h.row, "row", Number.NaN, 0);
  const col = integer(h.col, "col", Number.NaN, 0);
  const height = integer(h.height, "height", 1, 1);
  const width = integer(h.width, "width", 1, 1);
  const style = h.style === undefined ? "outline" : h.style;
  if (style !== "outline" && style !== "shade") {
    errors.push(`${where}.style: expected "outline" or "shade", got ${describe(style)}`);
  }
  const color = h.color === undefined || h.color === "" ? DEFAULT_HIGHLIGHT_COLOR : h.color;
  if (typeof color !== "string") {
    errors.push(`${where}.color: expected a CSS colour string, got ${describe(color)}`);
  } else {
    try {
      parseCssColor(`${where}.color`, color);
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  const label = h.label === undefined ? "" : h.label;
  if (typeof label !== "string") errors.push(`${where}.label: expected a string, got ${describe(label)}`);
  let channel: number | undefined;
  if (h.channel !== undefined && h.channel !== null) {
    if (!Number.isInteger(h.channel) || (h.channel as number) < 0 || (h.channel as number) >= channels) {
      errors.push(`${where}.channel: expected an integer in [0, ${channels - 1}], got ${describe(h.channel)}`);
    } else {
      channel = h.channel as number;
    }
  }
  if (errors.length > before) return null;
  const checked: HeatmapHighlight = {
    row,
    col,
    height,
    width,
    style: style as "outline" | "shade",
    color: color as string,
    label: label as string,
  };
  if (channel !== undefined) checked.channel = channel;
  return checked;
}

function isMalformed(value: unknown): value is MalformedValues {
  return typeof value === "object" && value !== null && typeof (value as MalformedValues).malformed === "string";
}

function optionalString(value: unknown, key: string, errors: string[]): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") {
    errors.push(`${key}: expected a string, got ${describe(value)}`);
    return "";
  }
  return value;
}

function optionalFiniteOrNull(value: unknown, key: string, errors: string[]): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    errors.push(`${key}: expected a finite number or null (automatic), got ${describe(value)}`);
    return null;
  }
  return value;
}
