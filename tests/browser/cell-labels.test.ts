// The heatmap view's printed values (widgets/lab/src/cell-labels.ts) in Chromium: copied from
// tiles rasterised once (label-tiles.ts), they have exactly the pixels of one `fillText` per cell,
// for grids at whole and fractional places, at device pixel ratios 1, 1.5 and 2, on the first draw
// and on later draws of the same canvas with other values; grids whose labels are nearly all new
// (cells a fractional number of pixels wide) are printed with fillText, the same pixels too. Where two labels' pixels
// meet (never in a figure, whose grids of values and of NaN/Infinity marks are disjoint and whose
// labels are squeezed inside their cells) they are composited as the canvas would, to within
// 2 levels of 255 (premultiplied) on the pixels that overlap.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type Browser } from "./browser";
import { bundleForPage } from "./bundle/bundle-for-page";
import { modulePage, openOfflinePage, type OfflinePage } from "./bundle/offline-page";

// The page's side is widgets/lab/test/page/label-checks.ts (compiled with the DOM); its types, as JSON crosses over:
/** One grid of labels (widgets/lab/src/cell-labels.ts `LabelGrid`). */
interface LabelGrid {
  left: number;
  top: number;
  cellWidth: number;
  cellHeight: number;
  rows: number;
  cols: number;
  texts: string[];
  colors: string[];
  fontPx: number;
  fontFamily: string;
}
/** A figure's size and ratio, and the grids of successive draws on one canvas. */
interface LabelCase {
  width: number;
  height: number;
  ratio: number;
  draws: LabelGrid[][];
}
/** A case, and whether its labels are copied from tiles (else printed with fillText: too many new labels). */
interface Expected {
  labelCase: LabelCase;
  copied: boolean;
}
/** Per draw: bytes differing from fillText's, the largest premultiplied difference, pixels printed. */
interface LabelCaseResult {
  printed: number[];
  differingBytes: number[];
  largestDifference: number[];
  inkedPixels: number[];
}

/** A grid whose cell k prints `values[(7k + shift) % values.length]` (where `printed(k)`), dark or light. */
function grid(
  geometry: { left: number; top: number; cellWidth: number; cellHeight: number; rows: number; cols: number; fontPx: number },
  values: string[],
  shift: number,
  printed: (k: number) => boolean = () => true,
): LabelGrid {
  const n = geometry.rows * geometry.cols;
  const texts = Array.from({ length: n }, (_, k) => (printed(k) ? values[(k * 7 + shift) % values.length] : ""));
  return {
    ...geometry,
    texts,
    colors: texts.map((_, k) => ((k + shift) % 3 === 0 ? "#ffffff" : "#111111")),
    fontFamily: "sans-serif",
  };
}

const VALUES = ["0", "0.1", "1.5", "-2.3", "10.25", "", "7", "NaN", "+∞", "0.001"];
const WHOLE = { left: 40, top: 52, cellWidth: 20, cellHeight: 20, rows: 12, cols: 16, fontPx: 7 };
const SHIFTED = { ...WHOLE, left: 37.3, top: 50.6 };
const FRACTIONAL = { left: 37.3, top: 50.6, cellWidth: 23.7, cellHeight: 21.35, rows: 9, cols: 11, fontPx: 8.4 };

const CASES: Record<string, Expected> = {
  "whole-pixel cells, ratio 1": {
    labelCase: { width: 400, height: 320, ratio: 1, draws: [0, 1, 2].map((s) => [grid(WHOLE, VALUES, s)]) },
    copied: true,
  },
  "whole-pixel cells at a fractional place, ratio 1": {
    labelCase: { width: 400, height: 320, ratio: 1, draws: [0, 3].map((s) => [grid(SHIFTED, VALUES, s)]) },
    copied: true,
  },
  "whole-pixel cells, ratio 1.5": {
    labelCase: { width: 400, height: 320, ratio: 1.5, draws: [0, 4].map((s) => [grid(WHOLE, VALUES, s)]) },
    copied: true,
  },
  "two grids (values, and marks in other cells), ratio 2": {
    labelCase: {
      width: 400,
      height: 320,
      ratio: 2,
      draws: [0, 5].map((s) => [
        grid(SHIFTED, VALUES.slice(0, 7), s, (k) => k % 5 !== 0),
        grid(SHIFTED, ["NaN", "−∞"], s, (k) => k % 5 === 0),
      ]),
    },
    copied: true,
  },
  // Every cell at its own sub-pixel offset: every label is new, so printed with fillText.
  "fractional cells, ratio 1": {
    labelCase: { width: 340, height: 260, ratio: 1, draws: [0, 3].map((s) => [grid(FRACTIONAL, VALUES, s)]) },
    copied: false,
  },
};

/** Labels printed over each other: two grids in the same cells, and a grid of cells narrower than their text's antialiasing. */
const OVERLAPPING: LabelCase = {
  width: 340,
  height: 260,
  ratio: 1,
  draws: [
    [grid(FRACTIONAL, VALUES, 0), grid(FRACTIONAL, VALUES, 3)],
    [grid({ ...WHOLE, cellWidth: 6, cols: 40 }, ["88", "-1.5"], 1)],
  ],
};

describe("printed cell values in Chromium", { timeout: 120_000 }, () => {
  let browser: Browser;
  let opened: OfflinePage;
  const errors: string[] = [];

  beforeAll(async () => {
    const files = {
      "/label-checks.mjs": {
        text: await bundleForPage(path.join(__dirname, "..", "..", "widgets", "lab", "test", "page", "label-checks.ts")),
      },
      "/index.html": {
        text: modulePage('import { runLabelCase } from "/label-checks.mjs";\nwindow.runLabelCase = runLabelCase;'),
      },
    };
    browser = await launchBrowser();
    opened = await openOfflinePage(browser.context, files, (text) => errors.push(text));
    await opened.page.waitForFunction(() => "runLabelCase" in globalThis, undefined, { timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const [name, { labelCase, copied }] of Object.entries(CASES)) {
    it(`${name}: the same pixels as fillText, draw after draw`, async () => {
      const result = await opened.page.evaluate(
        (c) => (globalThis as unknown as { runLabelCase(c: LabelCase): LabelCaseResult }).runLabelCase(c),
        labelCase,
      );
      // Something was printed (a blank canvas would match a blank reference), the way this case expects...
      for (const inked of result.inkedPixels) expect(inked).toBeGreaterThan(500);
      const labels = labelCase.draws.map((grids) => grids.flatMap((g) => g.texts).filter((t) => t !== "").length);
      expect(result.printed).toEqual(copied ? labels.map(() => 0) : labels);
      // ...and every byte of every draw is the reference's.
      expect(result.differingBytes).toEqual(labelCase.draws.map(() => 0));
      expect(errors).toEqual([]);
    });
  }

  it("labels over labels: composited as the canvas does, to within 2 levels", async () => {
    const result = await opened.page.evaluate(
      (c) => (globalThis as unknown as { runLabelCase(c: LabelCase): LabelCaseResult }).runLabelCase(c),
      OVERLAPPING,
    );
    for (const inked of result.inkedPixels) expect(inked).toBeGreaterThan(500);
    for (const largest of result.largestDifference) expect(largest).toBeLessThanOrEqual(2);
    expect(errors).toEqual([]);
  });
});
