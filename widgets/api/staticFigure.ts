/**
 * The static fallback of a displayed widget: the scene of what it shows (heatmaps,
 * and the captions and control values around them) as one SVG and one PNG, so
 * exported HTML and PDF show what the widget showed when it was displayed.
 */
import { base64Encode, encodePng, rasterizeScene, sceneToSvg, textScene, type Scene } from "../../src/figure";

/** `image/svg+xml` and base64 `image/png` of a scene that draws at least one map; undefined otherwise. */
export function staticFigures(scene: Scene | undefined): { svg: string; pngBase64: string } | undefined {
  if (scene === undefined || !(scene.mapCount && scene.mapCount > 0)) return undefined;
  return { svg: sceneToSvg(scene), pngBase64: base64Encode(encodePng(rasterizeScene(scene, 2))) };
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
  return text.split("\n").map((l) => l.trimEnd()).filter((l) => l.trim() !== "");
}

/** The static form of a text widget: its lines, or undefined when empty. */
export function textCaption(lines: readonly string[]): Scene | undefined {
  return lines.length === 0 ? undefined : textScene(lines, { size: 12, role: "caption" });
}
