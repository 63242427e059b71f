/**
 * Parses the CSS colours highlights are given in (`#rgb`, `#rrggbb`, `rgb(r, g, b)`
 * and common names), so both the SVG and the PNG figure can draw them.
 */
import type { Rgb } from "./colorScale";

const NAMED: Record<string, Rgb> = {
  black: [0, 0, 0],
  white: [255, 255, 255],
  red: [255, 0, 0],
  crimson: [220, 20, 60],
  orange: [255, 165, 0],
  gold: [255, 215, 0],
  yellow: [255, 255, 0],
  lime: [0, 255, 0],
  green: [0, 128, 0],
  cyan: [0, 255, 255],
  teal: [0, 128, 128],
  blue: [0, 0, 255],
  navy: [0, 0, 128],
  purple: [128, 0, 128],
  magenta: [255, 0, 255],
  fuchsia: [255, 0, 255],
  pink: [255, 192, 203],
  brown: [165, 42, 42],
  grey: [128, 128, 128],
  gray: [128, 128, 128],
};

/** The sRGB value of a CSS colour; throws a RangeError naming `what` for anything it cannot read. */
export function parseCssColor(what: string, color: unknown): Rgb {
  if (typeof color === "string") {
    const s = color.trim().toLowerCase();
    if (s in NAMED) return NAMED[s];
    let m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
    if (m) return [parseInt(m[1] + m[1], 16), parseInt(m[2] + m[2], 16), parseInt(m[3] + m[3], 16)];
    m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(s);
    if (m) return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
    m = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*[\d.]+\s*)?\)$/.exec(s);
    if (m) {
      const rgb = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (rgb.every((v) => v <= 255)) return rgb as unknown as Rgb;
    }
  }
  throw new RangeError(
    `${what} must be a CSS colour ('#rrggbb', '#rgb', 'rgb(r, g, b)' or a name such as ${Object.keys(NAMED)
      .slice(0, 8)
      .map((n) => `'${n}'`)
      .join(", ")}), got ${typeof color === "string" ? `'${color}'` : String(color)}`,
  );
}
