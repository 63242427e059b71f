/**
 * Writes a figure scene as a standalone SVG document (no scripts, no external
 * resources), as carried by `image/svg+xml` outputs.
 */
import { rgbHex } from "./colorScale";
import { expandTabs } from "./compose";
import { estimatedTextWidth, type HatchPrimitive, type NonFiniteKind, type Scene } from "./scene";

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * `text` with every space that SVG would collapse made non-breaking: the spaces of a run of two or
 * more, and those at either end. SVG (like HTML) collapses white space in `<text>`, which breaks
 * text laid out in columns (a chain of shapes aligned under each other); a no-break space keeps
 * its width in a monospace font. Single spaces between words stay ordinary spaces. Tabs become
 * spaces to the next multiple of 8 columns first.
 */
export function preserveSpaces(text: string): string {
  return expandTabs(text).replace(/ {2,}|^ | $/g, (run) => "\u00a0".repeat(run.length));
}

function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function patternDef(h: HatchPrimitive): string {
  return (
    `<pattern id="hatch-${h.pattern}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" fill="${rgbHex(h.background)}"/>` +
    `<line x1="0" y1="0" x2="0" y2="6" stroke="${rgbHex(h.line)}" stroke-width="2"/></pattern>`
  );
}

/** The SVG document of `scene`. */
export function sceneToSvg(scene: Scene): string {
  const patterns = new Map<NonFiniteKind, string>();
  const body: string[] = [];
  for (const p of scene.primitives) {
    if (p.kind === "rect") {
      const fill = p.fill ? rgbHex(p.fill) : "none";
      const opacity = p.fill && p.fillOpacity !== undefined && p.fillOpacity < 1 ? ` fill-opacity="${p.fillOpacity}"` : "";
      const stroke = p.stroke ? ` stroke="${rgbHex(p.stroke)}" stroke-width="${num(p.strokeWidth ?? 1)}"` : "";
      body.push(
        `<rect class="${p.role}" x="${num(p.x)}" y="${num(p.y)}" width="${num(p.w)}" height="${num(p.h)}" fill="${fill}"${opacity}${stroke}/>`,
      );
    } else if (p.kind === "polyline") {
      const points = p.points.map(([px, py]) => `${num(p.x + px)},${num(p.y + py)}`).join(" ");
      body.push(
        `<polyline class="${p.role}" points="${points}" fill="none" stroke="${rgbHex(p.stroke)}" stroke-width="${num(p.strokeWidth)}" stroke-linejoin="round" stroke-linecap="round"/>`,
      );
    } else if (p.kind === "hatch") {
      if (!patterns.has(p.pattern)) patterns.set(p.pattern, patternDef(p));
      body.push(
        `<rect class="${p.role} ${p.pattern}" x="${num(p.x)}" y="${num(p.y)}" width="${num(p.w)}" height="${num(p.h)}" fill="url(#hatch-${p.pattern})"/>`,
      );
    } else {
      const anchor = p.anchor === "start" ? "" : ` text-anchor="${p.anchor}"`;
      const weight = p.bold ? ` font-weight="bold"` : "";
      // xml:space="preserve" as well, for SVG readers that honour it but not no-break spaces.
      const space = /\s\s|^\s|\s$/.test(p.text) ? ` xml:space="preserve"` : "";
      const transform = p.vertical ? ` transform="rotate(-90 ${num(p.x)} ${num(p.y)})"` : "";
      // The figure's monospace font is wider than the proportional one labels are fitted with: squeeze to fit.
      const squeeze =
        p.maxWidth !== undefined && estimatedTextWidth(p.text, p.size) > p.maxWidth
          ? ` textLength="${num(p.maxWidth)}" lengthAdjust="spacingAndGlyphs"`
          : "";
      body.push(
        `<text class="${p.role}" x="${num(p.x)}" y="${num(p.y)}" font-size="${num(p.size)}" fill="${rgbHex(p.color)}"${anchor}${weight}${transform}${squeeze} dominant-baseline="central"${space}>${escapeXml(preserveSpaces(p.text))}</text>`,
      );
    }
  }
  const defs = patterns.size > 0 ? `<defs>${[...patterns.values()].join("")}</defs>` : "";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}" ` +
    `font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" role="img">` +
    `<title>${escapeXml(scene.description)}</title>${defs}` +
    `<rect class="background" width="${scene.width}" height="${scene.height}" fill="${rgbHex(scene.background)}"/>` +
    body.join("") +
    `</svg>`
  );
}
