// @vitest-environment happy-dom
/**
 * The value labels' canvas: sized to the figure at the device pixel ratio, what it printed kept in
 * `ulLabels`, and where canvases have no pixels to read (as here) one fillText per non-empty cell
 * at the cell's centre in its colour. happy-dom has no canvas, so the 2-D context here records the
 * calls it receives. In a browser the labels are copied from rasterised tiles instead:
 * tests/browser/cell-labels.test.ts proves those pixels are fillText's.
 */
import { describe, expect, it } from "vitest";
import { drawCellLabels, type LabelCanvas, type LabelGrid } from "../src/cell-labels";
import { DARK_TEXT, LIGHT_TEXT } from "../src/figure";

interface Call {
  text: string;
  x: number;
  y: number;
  fill: string;
  font: string;
}

function recordingCanvas(): { canvas: LabelCanvas; calls: Call[]; cleared: number[] } {
  const canvas = document.createElement("canvas") as LabelCanvas;
  const calls: Call[] = [];
  const cleared: number[] = [];
  const context = {
    fillStyle: "",
    font: "",
    textAlign: "",
    textBaseline: "",
    setTransform: () => undefined,
    clearRect: () => cleared.push(calls.length),
    fillText(text: string, x: number, y: number) {
      calls.push({ text, x, y, fill: this.fillStyle, font: this.font });
    },
  };
  (canvas as unknown as { getContext: () => unknown }).getContext = () => context;
  return { canvas, calls, cleared };
}

const grid: LabelGrid = {
  left: 40,
  top: 52,
  cellWidth: 20,
  cellHeight: 20,
  rows: 2,
  cols: 2,
  texts: ["1", "", "3", "4"],
  colors: [LIGHT_TEXT, "", DARK_TEXT, DARK_TEXT],
  fontPx: 9,
  fontFamily: "sans-serif",
};

describe("drawCellLabels", () => {
  it("prints every non-empty label at its cell's centre, in its colour and font", () => {
    const { canvas, calls } = recordingCanvas();
    drawCellLabels(canvas, 200, 150, [grid]);
    expect(calls).toEqual([
      { text: "1", x: 50, y: 62, fill: LIGHT_TEXT, font: "9px sans-serif" },
      { text: "3", x: 50, y: 82, fill: DARK_TEXT, font: "9px sans-serif" },
      { text: "4", x: 70, y: 82, fill: DARK_TEXT, font: "9px sans-serif" },
    ]);
    expect(canvas.hidden).toBe(false);
    expect(canvas.style.width).toBe("200px");
    expect(canvas.ulLabels?.[0]).toMatchObject({ rows: 2, cols: 2, texts: ["1", "", "3", "4"], left: 40, top: 52 });
  });

  it("clears what it printed before, and hides itself when nothing is printed", () => {
    const { canvas, calls, cleared } = recordingCanvas();
    drawCellLabels(canvas, 200, 150, [grid]);
    drawCellLabels(canvas, 200, 150, []);
    expect(cleared).toEqual([0, 3]);
    expect(calls).toHaveLength(3);
    expect(canvas.hidden).toBe(true);
    expect(canvas.ulLabels).toEqual([]);
  });

  it("sizes its bitmap by the device pixel ratio", () => {
    const { canvas } = recordingCanvas();
    const view = canvas.ownerDocument.defaultView as unknown as { devicePixelRatio: number };
    const before = view.devicePixelRatio;
    view.devicePixelRatio = 2;
    try {
      drawCellLabels(canvas, 200, 150, [grid]);
      expect([canvas.width, canvas.height]).toEqual([400, 300]);
    } finally {
      view.devicePixelRatio = before;
    }
  });
});
