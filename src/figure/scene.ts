/**
 * The drawing of a heatmap figure as a flat list of primitives (rectangles,
 * hatched rectangles, text), computed once and rendered by both the SVG writer
 * and the PNG rasteriser, so the two static figures always agree.
 */
import type { Rgb } from "./colorScale";

/** A filled and/or outlined rectangle. */
export interface RectPrimitive {
  kind: "rect";
  x: number;
  y: number;
  w: number;
  h: number;
  fill?: Rgb;
  /** Opacity of the fill, 0..1 (default 1). */
  fillOpacity?: number;
  stroke?: Rgb;
  strokeWidth?: number;
  /** What the rectangle shows, e.g. `cell`, `highlight`, `colorbar` (used by tests and SVG classes). */
  role: string;
}

/** A rectangle filled with diagonal hatching: how NaN and infinite cells are drawn. */
export interface HatchPrimitive {
  kind: "hatch";
  x: number;
  y: number;
  w: number;
  h: number;
  background: Rgb;
  line: Rgb;
  /** Pattern name: `nan`, `posinf`, `neginf`. */
  pattern: NonFiniteKind;
  role: string;
}

/** One line of text; `y` is its vertical centre. */
export interface TextPrimitive {
  kind: "text";
  x: number;
  y: number;
  text: string;
  /** Font size in CSS pixels. */
  size: number;
  color: Rgb;
  anchor: "start" | "middle" | "end";
  bold?: boolean;
  /** Drawn rotated by -90 degrees (the y-axis title). */
  vertical?: boolean;
  /** Widest the text may be drawn (value labels inside cells); renderers skip text that cannot fit. */
  maxWidth?: number;
  role: string;
}

/** A line through points (a plotted series); `points` are relative to (`x`, `y`), so moving a scene moves it. */
export interface PolylinePrimitive {
  kind: "polyline";
  x: number;
  y: number;
  points: [number, number][];
  stroke: Rgb;
  strokeWidth: number;
  role: string;
}

/** A primitive of a figure scene. */
export type Primitive = RectPrimitive | HatchPrimitive | TextPrimitive | PolylinePrimitive;

/** The three kinds of non-finite values, each drawn with its own hatching. */
export type NonFiniteKind = "nan" | "posinf" | "neginf";

/** A figure: its size in CSS pixels, a background and the primitives in drawing order. */
export interface Scene {
  width: number;
  height: number;
  background: Rgb;
  primitives: Primitive[];
  /** Accessible description (the SVG `<title>`). */
  description: string;
  /** How many feature maps (or plots) it draws (0 for text only). */
  mapCount?: number;
}

/** Background and hatching colours of non-finite cells. */
export const NON_FINITE_STYLE: Record<NonFiniteKind, { background: Rgb; line: Rgb; legend: string }> = {
  nan: { background: [200, 200, 200], line: [110, 110, 110], legend: "grey hatched" },
  posinf: { background: [255, 214, 214], line: [176, 0, 32], legend: "red hatched" },
  neginf: { background: [206, 216, 246], line: [26, 35, 126], legend: "blue hatched" },
};

/** Width in CSS pixels the SVG/PNG renderers allow per character at font size `size`. */
export function estimatedTextWidth(text: string, size: number): number {
  return text.length * size * 0.62;
}
