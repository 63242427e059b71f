/**
 * A tensor's Jupyter rich display: plain text, an HTML table, and for feature-map shapes a
 * static heatmap as `image/svg+xml` and `image/png` (for export). Attached to `Tensor` here, on
 * the figure side, so the tensor module does not depend on the figures.
 */
import { formatNumber, MAX_PRINTED_ELEMENTS, Tensor } from "../tensor";
import { tensorFigures } from "./tensorFigure";

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function tensorHtml(t: Tensor): string {
  const caption = `<caption style="caption-side:top;text-align:left">shape [${t.shape.join(", ")}], ${t.dtype}</caption>`;
  if (t.rank < 1 || t.size > MAX_PRINTED_ELEMENTS) {
    return `<pre>${escapeHtml(t.toString())}</pre>`;
  }
  const w = t.shape[t.rank - 1];
  const h = t.rank >= 2 ? t.shape[t.rank - 2] : 1;
  const planes = t.size / Math.max(1, w * h);
  const tables: string[] = [];
  for (let p = 0; p < planes; p++) {
    const rows: string[] = [];
    for (let y = 0; y < h; y++) {
      const cells: string[] = [];
      for (let x = 0; x < w; x++) cells.push(`<td style="text-align:right">${formatNumber(t.data[p * w * h + y * w + x])}</td>`);
      rows.push(`<tr>${cells.join("")}</tr>`);
    }
    tables.push(`<table style="display:inline-table;margin-right:1em">${p === 0 ? caption : ""}${rows.join("")}</table>`);
  }
  return tables.join("");
}

/** The mime bundle a kernel shows for `t`. */
export function tensorDisplay(t: Tensor): Record<string, string> {
  const bundle: Record<string, string> = { "text/plain": t.toString(), "text/html": tensorHtml(t) };
  const figure = tensorFigures(t);
  if (figure) {
    bundle["image/svg+xml"] = figure.svg;
    bundle["image/png"] = figure.pngBase64;
  }
  return bundle;
}

// Kernels look for this method (kernel/src/rich-output.ts, widgets/api/display.ts).
Object.defineProperty(Tensor.prototype, Symbol.for("Jupyter.display"), {
  value(this: Tensor): Record<string, string> {
    return tensorDisplay(this);
  },
  writable: true,
  configurable: true,
});
