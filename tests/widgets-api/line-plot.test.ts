import { beforeEach, describe, expect, it } from "vitest";
import { linePlotScene, rasterizeScene, sceneToSvg, SERIES_COLORS } from "../../src/figure";
import { LinePlot, plot } from "../../widgets/api";
import { WIDGETS_MODULE_NAME } from "../../widgets/shared/protocol";
import { installRecordingBridge, type RecordingBridge } from "./recordingBridge";

let bridge: RecordingBridge;
beforeEach(() => {
  bridge = installRecordingBridge();
});

describe("LinePlot", () => {
  it("opens a LinePlotModel with its series as JSON, x defaulting to 0, 1, 2...", () => {
    const p = new LinePlot({ loss: [4, 2, 1] }, { title: "training", logY: true, xLabel: "step" });
    const state = bridge.opened(p.modelId).data.state as Record<string, unknown>;
    expect(state).toMatchObject({
      _model_name: "LinePlotModel",
      _view_name: "LinePlotView",
      _model_module: WIDGETS_MODULE_NAME,
      series: [{ name: "loss", x: [0, 1, 2], y: [4, 2, 1] }],
      title: "training",
      log_y: true,
      log_x: false,
      x_label: "step",
      width: 560,
      height: 320,
    });
  });

  it("appends points in place, one update message each, several series", async () => {
    const p = new LinePlot([], { logY: true });
    p.append("train", 0, 1);
    p.append("train", [1, 2], [0.5, 0.25]);
    p.append("test", 2, 0.4);
    await p.flush();
    const last = bridge.messages(p.modelId).at(-1)!;
    expect(last.data.state).toEqual({
      series: [
        { name: "train", x: [0, 1, 2], y: [1, 0.5, 0.25] },
        { name: "test", x: [2], y: [0.4] },
      ],
    });
    expect(p.toString()).toBe("LinePlot(train: 3 points, test: 1 points)");
  });

  it("refuses what it cannot draw, naming the series and the value", () => {
    const p = new LinePlot({ loss: [1] }, { logY: true });
    expect(() => p.append("loss", 1, 0)).toThrow("LinePlot: series[0].y[1] must be > 0 on a logarithmic axis, got 0");
    expect(() => new LinePlot({ loss: [1, NaN] })).toThrow("LinePlot: series[0].y[1] must be a finite number, got NaN");
    expect(() => new LinePlot([{ name: "a", x: [1, 2], y: [1] }])).toThrow("x has 2 values but y has 1");
    expect(() => new LinePlot({}, { logz: true } as never)).toThrow(/logz/);
    expect(p.series).toEqual([{ name: "loss", x: [0], y: [1] }]);
  });

  it("displays its view with a static SVG of every series, updated by plot(...)", async () => {
    const p = await plot({ a: [1, 10, 100], b: [3, 2, 1] }, { title: "two lines", logY: true });
    const shown = bridge.log.find((r) => r.kind === "display");
    expect(shown?.kind === "display" && shown.bundle["application/vnd.jupyter.widget-view+json"]).toMatchObject({
      model_id: p.modelId,
    });
    const svg = shown?.kind === "display" ? String(shown.bundle["image/svg+xml"]) : "";
    expect(svg.match(/<polyline class="series"/g)).toHaveLength(2);
    expect(svg).toContain("two lines");
  });
});

describe("linePlotScene", () => {
  it("places points by value on linear and log axes, with power-of-ten ticks on a log axis", () => {
    const scene = linePlotScene("t", [{ name: "y", x: [0, 1, 2], y: [1, 10, 100] }], { logY: true, width: 400, height: 200 });
    const line = scene.primitives.find((q) => q.role === "series");
    if (line?.kind !== "polyline") throw new Error("no series line");
    const ys = line.points.map(([, y]) => y);
    // Equal ratios are equal steps on a log axis; the x steps are equal too.
    expect(ys[0] - ys[1]).toBeCloseTo(ys[1] - ys[2], 6);
    expect(line.points[1][0] - line.points[0][0]).toBeCloseTo(line.points[2][0] - line.points[1][0], 6);
    const ticks = scene.primitives
      .filter((q) => q.role === "tick" && q.kind === "text")
      .map((q) => (q.kind === "text" ? q.text : ""));
    expect(ticks).toEqual(expect.arrayContaining(["1", "10", "100"]));
    const small = linePlotScene("t", [{ name: "loss", x: [0, 1], y: [1e-12, 0.3] }], { logY: true });
    const smallTicks = small.primitives
      .filter((q) => q.role === "tick" && q.kind === "text")
      .map((q) => (q.kind === "text" ? q.text : ""));
    expect(smallTicks).toEqual(expect.arrayContaining(["1e-4", "1e-12"]));
    expect(smallTicks.join(" ")).not.toMatch(/9999/);
    expect(sceneToSvg(scene)).toContain("<polyline");
  });

  it("rasterises each series in its colour, along the line from its first point to its last", () => {
    const scene = linePlotScene(
      "t",
      [
        { name: "a", x: [0, 1], y: [0, 1] },
        { name: "b", x: [0, 1], y: [1, 0] },
      ],
      { width: 300, height: 200 },
    );
    const image = rasterizeScene(scene, 1);
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const count = (hex: string): number => {
      const [r, g, b] = rgb(hex);
      let n = 0;
      for (let i = 0; i < image.width * image.height; i++) {
        if (image.pixels[3 * i] === r && image.pixels[3 * i + 1] === g && image.pixels[3 * i + 2] === b) n++;
      }
      return n;
    };
    // Each diagonal crosses the plot area: at least as many pixels as the plot is wide.
    expect(count(SERIES_COLORS[0])).toBeGreaterThan(200);
    expect(count(SERIES_COLORS[1])).toBeGreaterThan(200);
  });
});
