/**
 * Colours of cells and of their printed values. The view paints cells and values on its own
 * canvases (cell-colors.ts, cell-labels.ts) with plotly's named scales, sampled at the stops
 * plotly defines them by and interpolated in RGB as plotly does, so they match its colour bar.
 */

type Rgb = readonly [number, number, number];

/** plotly.js's Viridis, RdBu and Greys as [position, colour] stops. */
const SCALES: Record<string, readonly [number, Rgb][]> = {
  viridis: [
    [0, [68, 1, 84]], [0.0627, [72, 24, 106]], [0.1255, [71, 45, 123]], [0.1882, [66, 64, 134]],
    [0.251, [59, 82, 139]], [0.3137, [51, 99, 141]], [0.3765, [44, 114, 142]], [0.4392, [38, 130, 142]],
    [0.502, [33, 145, 140]], [0.5647, [31, 160, 136]], [0.6275, [40, 174, 128]], [0.6902, [63, 188, 115]],
    [0.7529, [94, 201, 98]], [0.8157, [132, 212, 75]], [0.8784, [173, 220, 48]], [0.9412, [216, 226, 25]],
    [1, [253, 231, 37]],
  ],
  rdbu: [
    [0, [5, 10, 172]], [0.35, [106, 137, 247]], [0.5, [190, 190, 190]], [0.6, [220, 170, 132]],
    [0.7, [230, 145, 90]], [1, [178, 10, 28]],
  ],
  greys: [
    [0, [0, 0, 0]], [1, [255, 255, 255]],
  ],
};

/** Text colour on light cells, and on dark cells. */
export const DARK_TEXT = "#111111";
export const LIGHT_TEXT = "#ffffff";

/** The colour plotly draws `value` in on scale `name` over `range` (unknown scales: Viridis). */
export function cellColor(name: string, value: number, range: readonly [number, number]): Rgb {
  const stops = SCALES[name.toLowerCase()] ?? SCALES.viridis;
  const span = range[1] - range[0];
  const t = span > 0 ? Math.min(1, Math.max(0, (value - range[0]) / span)) : 0.5;
  let i = 1;
  while (i < stops.length - 1 && stops[i][0] < t) i++;
  const [p0, c0] = stops[i - 1];
  const [p1, c1] = stops[i];
  const f = p1 > p0 ? (t - p0) / (p1 - p0) : 0;
  return [c0[0] + (c1[0] - c0[0]) * f, c0[1] + (c1[1] - c0[1]) * f, c0[2] + (c1[2] - c0[2]) * f];
}

/** Steps of a colour table: cells are coloured from 256 samples of the scale. */
const TABLE_SIZE = 256;
const tables = new Map<string, Uint8ClampedArray>();

/** RGB samples of scale `name` at 256 evenly spaced positions, as RGBA bytes (cached). */
export function colorTable(name: string): Uint8ClampedArray {
  const key = name.toLowerCase();
  let table = tables.get(key);
  if (!table) {
    table = new Uint8ClampedArray(TABLE_SIZE * 4);
    for (let i = 0; i < TABLE_SIZE; i++) {
      const [r, g, b] = cellColor(key, i / (TABLE_SIZE - 1), [0, 1]);
      table.set([Math.round(r), Math.round(g), Math.round(b), 255], 4 * i);
    }
    tables.set(key, table);
  }
  return table;
}

/** Dark or light text, whichever reads better on `rgb` (higher WCAG contrast: dark above relative luminance 0.179). */
export function textColorOn(rgb: Rgb): string {
  const linear = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
  return luminance > 0.179 ? DARK_TEXT : LIGHT_TEXT;
}
