/**
 * In-page check of the figures in an exported HTML: every rendered image or inline SVG is
 * drawn to a canvas and its pixels counted. Passed to page.evaluate as a string (it runs in
 * the browser; the project compiles without the DOM library).
 */

/** What the page reports for one figure. */
export interface FigureReport {
  /** `svg` (inline), `img` (data URL or file). */
  kind: string;
  width: number;
  height: number;
  /** Distinct colours seen (capped at 64). */
  colours: number;
  /** Share of pixels differing from the most common colour (the background). */
  inked: number;
  /** Why it could not be drawn, if so. */
  error?: string;
}

/** Evaluates to a Promise<FigureReport[]> for every figure in `.jp-OutputArea-output`. */
export const FIGURE_REPORT_SCRIPT = `(async () => {
  const figures = Array.from(document.querySelectorAll(
    ".jp-OutputArea-output svg, .jp-OutputArea-output img, .output_svg svg, .output_png img"
  )).filter((el) => !(el.parentElement && el.parentElement.closest("svg")));
  const draw = (src, width, height) => new Promise((resolve) => {
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(width));
      canvas.height = Math.max(1, Math.round(height));
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const counts = new Map();
      for (let i = 0; i < data.length; i += 4) {
        const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
        counts.set(key, (counts.get(key) || 0) + 1);
      }
      const total = data.length / 4;
      const top = Math.max(...counts.values());
      resolve({ colours: Math.min(counts.size, 64), inked: (total - top) / total });
    };
    img.onerror = () => resolve({ colours: 0, inked: 0, error: "the image did not load" });
    img.src = src;
  });
  const reports = [];
  for (const el of figures) {
    const box = el.getBoundingClientRect();
    const kind = el.tagName.toLowerCase();
    const src = kind === "svg"
      ? "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(el))
      : el.currentSrc || el.src;
    const drawn = box.width > 0 && box.height > 0 ? await draw(src, box.width, box.height) : { colours: 0, inked: 0, error: "zero size" };
    reports.push({ kind, width: box.width, height: box.height, ...drawn });
  }
  return reports;
})()`;
