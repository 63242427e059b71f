/**
 * Static figures of widget trees (the SVG/PNG that HTML/PDF exports show without JavaScript):
 * text-only interacts, and HBoxes too wide for an exported page.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { zeros } from "../../src/tensor";
import { HBox, Heatmap, IntSlider, VBox, display, interact } from "../../widgets/api";
import { STATIC_FIGURE_MAX_WIDTH } from "../../widgets/api/staticFigure";
import { installRecordingBridge, type RecordingBridge } from "./recordingBridge";
import { captureWarningsEachTest } from "./warningCapture";

captureWarningsEachTest();
let bridge: RecordingBridge;
beforeEach(() => {
  bridge = installRecordingBridge();
});

/** The bundle of the last display. */
function lastDisplay(): Record<string, unknown> {
  const d = bridge.log.filter((r) => r.kind === "display").at(-1);
  if (d === undefined || d.kind !== "display") throw new Error("nothing was displayed");
  return d.bundle;
}

/** The width and height attributes of an SVG's root element. */
function svgSize(svg: string): [number, number] {
  const m = /^<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg);
  if (!m) throw new Error(`no size in ${svg.slice(0, 80)}`);
  return [Number(m[1]), Number(m[2])];
}

describe("static figure of a text-only interact", () => {
  it("shows the controls' values and fn's text, not just 'VBox()'", async () => {
    await interact(
      { stride: { min: 1, max: 4, value: 2 }, mode: ["nearest", "bilinear"] },
      ({ stride, mode }) => `output is ${2 * stride} wide (${mode})`,
    );
    const bundle = lastDisplay();
    const svg = bundle["image/svg+xml"] as string;
    expect(svg).toContain(">stride = 2</text>");
    expect(svg).toContain(">mode = nearest</text>");
    expect(svg).toContain(">output is 4 wide (nearest)</text>");
    expect(
      Buffer.from(bundle["image/png"] as string, "base64")
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
  });

  it("keeps a lone control as text (its text/plain says it all)", async () => {
    await display(new IntSlider({ value: 3, description: "k" }));
    expect(Object.keys(lastDisplay())).not.toContain("image/svg+xml");
    await display(new VBox([]));
    expect(Object.keys(lastDisplay())).not.toContain("image/svg+xml");
  });
});

describe("static figure of a wide HBox", () => {
  it("wraps side-by-side maps into rows no wider than an exported page, keeping every map", async () => {
    const maps = Array.from({ length: 5 }, (_, i) => new Heatmap(zeros([4, 4]), { title: `map ${i}`, cellSize: 44 }));
    const oneWidth = maps[0].figureScene().width;
    expect(5 * oneWidth).toBeGreaterThan(STATIC_FIGURE_MAX_WIDTH); // would be cut off in one row
    await display(new HBox(maps));
    const svg = lastDisplay()["image/svg+xml"] as string;
    const [width, height] = svgSize(svg);
    expect(width).toBeLessThanOrEqual(STATIC_FIGURE_MAX_WIDTH);
    expect(height).toBeGreaterThan(2 * maps[0].figureScene().height);
    for (let i = 0; i < 5; i++) expect(svg).toContain(`>map ${i}</text>`);
  });

  it("keeps a row that fits on one line", async () => {
    const maps = [new Heatmap(zeros([2, 2]), { title: "a" }), new Heatmap(zeros([2, 2]), { title: "b" })];
    await display(new HBox(maps));
    const [width, height] = svgSize(lastDisplay()["image/svg+xml"] as string);
    expect(width).toBe(maps[0].figureScene().width + 16 + maps[1].figureScene().width);
    expect(height).toBe(Math.max(maps[0].figureScene().height, maps[1].figureScene().height));
  });
});

describe("static figure of column-aligned text", () => {
  it("keeps a multi-line interact result's columns: the key on its own line, runs of spaces kept in the SVG", async () => {
    const table = "input        [1, 1, 8, 8]\ndown 1:      [1, 8, 4, 4]\nup 1:        [1, 1, 8, 8]";
    await interact({ k: { min: 1, max: 2, value: 1 } }, () => ({ shapes: table, note: "one line" }));
    const svg = lastDisplay()["image/svg+xml"] as string;
    const lines = [...svg.matchAll(/<text class="caption"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/\u00a0/g, " "));
    expect(lines).toEqual(["shapes:", ...table.split("\n"), "note: one line"]);
    // The bracket column is the same on every line of the table.
    const columns = table.split("\n").map((line) => lines.find((l) => l === line)!.indexOf("["));
    expect(new Set(columns).size).toBe(1);
  });
});
