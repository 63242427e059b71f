/**
 * Perceptual colour scales for heatmaps: viridis (the default, lightness rises
 * monotonically with the value), RdBu (diverging, for signed data: blue below
 * zero, white at zero, red above) and greys. Pure functions of a position in [0, 1].
 */

/** An sRGB colour, each channel 0..255. */
export type Rgb = readonly [number, number, number];

/** Names of the colour scales a figure can use (Plotly's names, matched case-insensitively). */
export type ColorScaleName = "viridis" | "rdbu" | "greys";

/** Every colour scale name accepted by `colorScaleByName`. */
export const COLOR_SCALE_NAMES: readonly ColorScaleName[] = ["viridis", "rdbu", "greys"];

// matplotlib's viridis sampled at 0, 1/9, ..., 1.
const VIRIDIS: readonly string[] = [
  "#440154",
  "#482878",
  "#3e4989",
  "#31688e",
  "#26828e",
  "#1f9e89",
  "#35b779",
  "#6ece58",
  "#b5de2b",
  "#fde725",
];

// ColorBrewer RdBu (11 classes), ordered from the low end (blue) to the high end (red), as Plotly draws it.
const RDBU: readonly string[] = [
  "#053061",
  "#2166ac",
  "#4393c3",
  "#92c5de",
  "#d1e5f0",
  "#f7f7f7",
  "#fddbc7",
  "#f4a582",
  "#d6604d",
  "#b2182b",
  "#67001f",
];

// Low values black, high white: a greyscale image reads as itself (Plotly's Greys runs the same way).
const GREYS: readonly string[] = ["#000000", "#ffffff"];

function parseHex(hex: string): Rgb {
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}

const STOPS: Record<ColorScaleName, readonly Rgb[]> = {
  viridis: VIRIDIS.map(parseHex),
  rdbu: RDBU.map(parseHex),
  greys: GREYS.map(parseHex),
};

/** The scale's stops as `[position, "#rrggbb"]` pairs (a colour scale plotly draws exactly as `colorAt` does). */
export function colorScaleStops(scale: ColorScaleName): [number, string][] {
  const stops = STOPS[scale];
  return stops.map((c, i) => [i / (stops.length - 1), rgbHex(c)]);
}

/** True for colour scales centred on zero (their automatic range is symmetric about 0). */
export function isDiverging(scale: ColorScaleName): boolean {
  return scale === "rdbu";
}

/**
 * The colour scale called `name` (`"Viridis"`, `"RdBu"`, `"Greys"`, any case).
 * Throws a RangeError naming the allowed names otherwise.
 */
export function colorScaleByName(fn: string, name: unknown): ColorScaleName {
  if (typeof name === "string") {
    const key = name.toLowerCase();
    if ((COLOR_SCALE_NAMES as readonly string[]).includes(key)) return key as ColorScaleName;
  }
  throw new RangeError(
    `${fn}: colorscale must be one of 'Viridis', 'RdBu', 'Greys', got ${typeof name === "string" ? `'${name}'` : String(name)}`,
  );
}

/** The colour at position `t` in [0, 1] of the scale (clamped; linear between stops). */
export function colorAt(scale: ColorScaleName, t: number): Rgb {
  const stops = STOPS[scale];
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** `#rrggbb` of a colour. */
export function rgbHex(c: Rgb): string {
  return `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

/** WCAG relative luminance of an sRGB colour, 0 (black) .. 1 (white). */
export function relativeLuminance(c: Rgb): number {
  const lin = (v: number): number => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
}

/** Black or white, whichever reads better on `background` (higher WCAG contrast). */
export function textColorOn(background: Rgb): Rgb {
  const l = relativeLuminance(background);
  const contrastWithBlack = (l + 0.05) / 0.05;
  const contrastWithWhite = 1.05 / (l + 0.05);
  return contrastWithBlack >= contrastWithWhite ? [17, 17, 17] : [255, 255, 255];
}
