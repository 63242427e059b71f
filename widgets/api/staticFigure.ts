/**
 * The static fallback of a displayed widget: the scene of what it shows (heatmaps,
 * and the captions and control values around them) as one SVG and one PNG, so
 * exported HTML and PDF show what the widget showed when it was displayed.
 */
import { base64Encode, encodePng, rasterizeScene, sceneToSvg, stackScenes, textScene, type Scene } from "../../src/figure";
import { findKernelBridge } from "../bridge";

/**
 * Widest row of a static figure, in CSS pixels: about the width of a notebook exported to HTML
 * (and of a printed page) once the prompt column is taken off. Wider rows of side-by-side parts
 * wrap, because nbconvert embeds the SVG as an `<img>` its stylesheet does not shrink, so a wider
 * figure is cut off.
 */
export const STATIC_FIGURE_MAX_WIDTH = 760;

/**
 * `image/svg+xml` and base64 `image/png` of a scene that draws at least one map, or (with
 * `withoutMaps`, for boxes such as `interact` whose controls and text are what they show) of any
 * non-empty scene; undefined otherwise, and under a runtime that shows no saved figures (a live page).
 */
export function staticFigures(
  scene: Scene | undefined,
  options: { withoutMaps?: boolean } = {},
): { svg: string; pngBase64: string } | undefined {
  if (scene === undefined || findKernelBridge()?.staticFigures === false) return undefined;
  const hasMaps = (scene.mapCount ?? 0) > 0;
  if (!hasMaps && !(options.withoutMaps && scene.primitives.length > 0)) return undefined;
  return { svg: sceneToSvg(scene), pngBase64: base64Encode(encodePng(rasterizeScene(scene, 2))) };
}

/**
 * `scenes` side by side, wrapped into several rows (each left to right, the rows top to bottom)
 * so that no row is wider than `maxWidth` (a single wider part gets a row of its own).
 */
export function wrappedRow(scenes: readonly Scene[], maxWidth: number = STATIC_FIGURE_MAX_WIDTH, gap = 16): Scene {
  const rows: Scene[][] = [];
  let width = 0;
  for (const scene of scenes) {
    const row = rows.at(-1);
    if (row !== undefined && width + gap + scene.width <= maxWidth) {
      row.push(scene);
      width += gap + scene.width;
    } else {
      rows.push([scene]);
      width = scene.width;
    }
  }
  return stackScenes(
    rows.map((row) => stackScenes(row, "row", gap)),
    "column",
    gap,
  );
}

/** A control's static form: one line `description = value`. */
export function controlCaption(description: string, value: string): Scene {
  return textScene([`${description || "value"} = ${value}`], { size: 12, role: "control" });
}

/** The plain text of an HTML fragment (tags dropped, `<br>` and block ends as line breaks, common entities decoded). */
export function htmlToLines(html: string): string[] {
  const text = html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|pre|h[1-6])>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
  return text
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "");
}

/** The static form of a text widget: its lines, or undefined when empty. */
export function textCaption(lines: readonly string[]): Scene | undefined {
  return lines.length === 0 ? undefined : textScene(lines, { size: 12, role: "caption" });
}
