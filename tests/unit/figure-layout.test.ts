/**
 * The shared heatmap layout (src/figure/heatmapLayout.ts), on the details seen in JupyterLab:
 * printed digits, one font per cell size, highlight labels clear of the numbers, shades that
 * keep the cell's colour readable.
 */
import { describe, expect, it } from "vitest";
import { heatmapLayout, type HeatmapLayoutInput } from "../../src/figure/heatmapLayout";
import type { HeatmapHighlight } from "../../src/figure/highlight";
import { autoValueLabel, textWidthEm } from "../../src/figure/valueFormat";
import { upsampleBilinear } from "../../src/resample";
import { tensor, type Tensor } from "../../src/tensor";

function layoutOf(t: Tensor, options: Partial<HeatmapLayoutInput> = {}): ReturnType<typeof heatmapLayout> {
  const [h, w] = t.shape.slice(-2);
  return heatmapLayout({
    maps: { channels: 1, height: h, width: w, values: t.data },
    grid: false,
    title: "",
    xLabel: "",
    yLabel: "",
    channelTitles: [],
    colorscale: "viridis",
    zmin: null,
    zmax: null,
    showValues: true,
    valueFormat: "",
    showIndices: true,
    showColorbar: true,
    highlights: [],
    cellSize: 0,
    availableWidth: 800,
    ...options,
  });
}

/** Notebook 2's input and its three bilinear maps (NHWC, x2). */
const x = tensor([
  [
    [[0], [1], [2], [3]],
    [[4], [5], [6], [7]],
    [[8], [9], [10], [11]],
  ],
]);
const plane = (t: Tensor): Tensor => t.reshape([t.shape[1], t.shape[2]]);
const maps = (["half-pixel", "align-corners", "asymmetric"] as const).map((coordinates) =>
  plane(upsampleBilinear(x, { scale: 2, layout: "NHWC", coordinates })),
);

describe("printed values", () => {
  it("print exactly when a few decimals hold them, else 3 significant digits", () => {
    expect(autoValueLabel(Math.fround(10.25))).toBe("10.25");
    expect(autoValueLabel(Math.fround(10.75))).toBe("10.75");
    expect(autoValueLabel(9.25)).toBe("9.25");
    expect(autoValueLabel(Math.fround(0.1))).toBe("0.1");
    expect(autoValueLabel(0.0625)).toBe("0.0625");
    expect(autoValueLabel(-2)).toBe("−2");
    expect(autoValueLabel(1 / 3)).toBe("0.333");
    expect(autoValueLabel(Math.fround(5 / 3))).toBe("1.67");
    expect(autoValueLabel(12345)).toBe("12345");
    expect(autoValueLabel(1.5e-7)).toBe("1.5e-7");
  });

  it("show notebook 2's Keras values 10.25 and 10.75 as the text quotes them", () => {
    const texts = layoutOf(maps[0], { cellSize: 21 }).panels[0].texts;
    expect(texts).toContain("10.25");
    expect(texts).toContain("10.75");
    expect(texts).toContain("9.25");
  });

  it("print at one size in maps of one cell size, fewer digits where a label would not fit", () => {
    const layouts = maps.map((m) => layoutOf(m, { cellSize: 21 }));
    expect(layouts.map((l) => l.valuesShown)).toEqual([true, true, true]);
    expect(new Set(layouts.map((l) => l.valueFontPx)).size).toBe(1);
    for (const l of layouts) {
      for (const t of l.panels[0].texts) expect(textWidthEm(t) * l.valueFontPx).toBeLessThanOrEqual(21 * 0.94);
    }
    // align-corners has thirds and elevenths: 3 significant digits where they fit, 2 where not.
    expect(layouts[1].panels[0].texts.slice(0, 3)).toEqual(["0", "0.43", "0.86"]);
  });

  it("fit a row of three in the width a 1400 px window leaves with the file browser open", () => {
    // Notebook 2's row: cell size 21 (its side() helper); 1400 - 33 (tab bar) - 250 (file browser)
    // - 120 (notebook margins and prompts) leaves about 1000 px for the three maps.
    const widths = maps.map((m) => layoutOf(m, { cellSize: 21, title: "half-pixel (Keras, PyTorch default)" }).width);
    expect(widths.reduce((a, b) => a + b, 0) + 2 * 8).toBeLessThanOrEqual(1000);
  });
});

describe("highlights", () => {
  const square = tensor([
    [0, 1, 2],
    [3, 4, 5],
    [6, 7, 8],
  ]);
  const labelled: HeatmapHighlight[] = [
    { row: 1, col: 1, label: "x[1,1]" },
    { row: 0, col: 0, width: 2, label: "3·k", style: "shade" },
  ];

  it("put labels between the cell's top edge and its number, over no other cell's number", () => {
    for (const cellSize of [21, 30, 48]) {
      const l = layoutOf(square, { cellSize, highlights: labelled });
      const half = l.valueFontPx / 2;
      for (const h of l.highlights) {
        const top = h.labelY - h.labelFontPx / 2 - 1;
        const bottom = h.labelY + h.labelFontPx / 2 + 1;
        const left = h.labelX - 2;
        const right = h.labelX + textWidthEm(h.label) * h.labelFontPx + 2;
        const panel = l.panels[h.channel];
        for (let r = 0; r < 3; r++) {
          for (let c = 0; c < 3; c++) {
            const cx = panel.left + (c + 0.5) * cellSize;
            const cy = panel.top + (r + 0.5) * cellSize;
            const textHalfWidth = (textWidthEm(panel.texts[r * 3 + c]) * l.valueFontPx) / 2;
            const overlaps = left < cx + textHalfWidth && right > cx - textHalfWidth && top < cy + half && bottom > cy - half;
            expect(overlaps, `${h.label} over the number of cell (${r}, ${c}) at cell size ${cellSize}`).toBe(false);
          }
        }
      }
    }
  });

  it("shade only bands along the border: the middle of each cell keeps its colour", () => {
    const l = layoutOf(square, { cellSize: 40, highlights: [{ row: 1, col: 1, style: "shade" }] });
    const [h] = l.highlights;
    const area = h.bands.reduce((a, b) => a + b.width * b.height, 0);
    expect(area / (40 * 40)).toBeLessThan(0.7);
    const cx = h.x + 20;
    const cy = h.y + 20;
    expect(h.bands.some((b) => cx >= b.x && cx <= b.x + b.width && cy >= b.y && cy <= b.y + b.height)).toBe(false);
    expect(layoutOf(square, { highlights: [{ row: 0, col: 0 }] }).highlights[0].bands).toEqual([]);
  });
});
