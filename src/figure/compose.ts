/**
 * Composing figure scenes: lines of text as a scene, and scenes stacked side by
 * side or one above the other (how a box of widgets is drawn as one static figure).
 */
import type { Rgb } from "./colorScale";
import type { Primitive, Scene } from "./scene";
import { estimatedTextWidth } from "./scene";

const TEXT: Rgb = [17, 17, 17];

/** `line` broken at spaces into pieces of at most `maxChars` characters (longer words are cut). */
export function wrapLine(line: string, maxChars: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > maxChars) {
    let cut = rest.lastIndexOf(" ", maxChars);
    if (cut <= 0) cut = maxChars;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}

/** `line` with each tab replaced by the spaces up to the next multiple of 8 columns (as a terminal shows it). */
export function expandTabs(line: string): string {
  let out = "";
  for (const ch of line) out += ch === "\t" ? " ".repeat(8 - (out.length % 8)) : ch;
  return out;
}

/** A scene of text lines (e.g. a control's `stride = 2`, or a formula under the maps), wrapped at `maxChars` (default 100). */
export function textScene(
  text: readonly string[],
  options: { size?: number; bold?: boolean; role?: string; maxChars?: number } = {},
): Scene {
  const lines = text.flatMap((l) => wrapLine(expandTabs(l), options.maxChars ?? 100));
  const size = options.size ?? 13;
  const lineH = Math.round(size * 1.5);
  const pad = 6;
  const primitives: Primitive[] = lines.map((text, i) => ({
    kind: "text",
    x: pad,
    y: pad + i * lineH + lineH / 2,
    text,
    size,
    color: TEXT,
    anchor: "start",
    bold: options.bold,
    role: options.role ?? "caption",
  }));
  const width = Math.ceil(Math.max(1, ...lines.map((l) => estimatedTextWidth(l, size))) + 2 * pad);
  return {
    width,
    height: lines.length * lineH + 2 * pad,
    background: [255, 255, 255],
    primitives,
    description: lines.join("\n"),
    mapCount: 0,
  };
}

function shifted(p: Primitive, dx: number, dy: number): Primitive {
  return { ...p, x: p.x + dx, y: p.y + dy };
}

/**
 * `scenes` placed left to right (`row`) or top to bottom (`column`), top/left aligned,
 * `gap` pixels apart (text next to text in a column: no gap, like lines of a caption).
 */
export function stackScenes(scenes: readonly Scene[], direction: "row" | "column", gap = 12): Scene {
  if (scenes.length === 1) return scenes[0];
  let offset = 0;
  const primitives: Primitive[] = [];
  scenes.forEach((s, i) => {
    if (i > 0) {
      const bothText = !(scenes[i - 1].mapCount ?? 0) && !(s.mapCount ?? 0);
      offset += direction === "column" && bothText ? 0 : gap;
    }
    const [dx, dy] = direction === "row" ? [offset, 0] : [0, offset];
    for (const p of s.primitives) primitives.push(shifted(p, dx, dy));
    offset += direction === "row" ? s.width : s.height;
  });
  const along = offset;
  const across = Math.max(0, ...scenes.map((s) => (direction === "row" ? s.height : s.width)));
  return {
    width: direction === "row" ? along : across,
    height: direction === "row" ? across : along,
    background: [255, 255, 255],
    primitives,
    description: scenes.map((s) => s.description).join("; "),
    mapCount: scenes.reduce((n, s) => n + (s.mapCount ?? 0), 0),
  };
}
