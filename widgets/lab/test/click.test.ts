import { describe, expect, it } from "vitest";
import { clickMessage } from "../src/click";
import { buildHeatmapFigure } from "../src/figure";
import { LIGHT_THEME } from "../src/theme";
import { heatmapOf, heatmapOfShape } from "./helpers";

const options = { availableWidth: 800, theme: LIGHT_THEME };

describe("clickMessage", () => {
  it("maps a clicked cell to {event, channel, row, col, value}", () => {
    const map = heatmapOf([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const { traces } = buildHeatmapFigure(map, options);
    expect(clickMessage({ curveNumber: 0, x: 2, y: 1, z: 6 }, traces, map)).toEqual({
      event: "click",
      channel: 0,
      row: 1,
      col: 2,
      value: 6,
    });
    expect(clickMessage({ curveNumber: 0, x: 0, y: 0, z: 1 }, traces, map)).toEqual({
      event: "click",
      channel: 0,
      row: 0,
      col: 0,
      value: 1,
    });
  });

  it("reports the float32 value of the cell, not plotly's rounding", () => {
    const map = heatmapOf([[0.1]]);
    const { traces } = buildHeatmapFigure(map, options);
    expect(clickMessage({ curveNumber: 0, x: 0, y: 0, z: 0.1 }, traces, map)?.value).toBe(Math.fround(0.1));
  });

  it("names the channel of the clicked subplot", () => {
    const map = heatmapOfShape([3, 2, 2], (i) => i);
    const { traces } = buildHeatmapFigure(map, options);
    expect(clickMessage({ curveNumber: 2, x: 1, y: 0, z: 9 }, traces, map)).toEqual({
      event: "click",
      channel: 2,
      row: 0,
      col: 1,
      value: 9,
    });
  });

  it("reports NaN/Infinity cells clicked on the overlay", () => {
    const map = heatmapOf([[1, Number.NaN, -Infinity]]);
    const { traces } = buildHeatmapFigure(map, options);
    expect(traces[1].kind).toBe("nonFinite");
    expect(clickMessage({ curveNumber: 1, x: 1, y: 0, z: 0 }, traces, map)?.value).toBeNaN();
    expect(clickMessage({ curveNumber: 1, x: 2, y: 0, z: 2 }, traces, map)?.value).toBe(-Infinity);
  });

  it("reports the top-left cell and mean of a clicked block on a downsampled map", () => {
    const map = heatmapOfShape([1024, 1024], () => 1);
    const figure = buildHeatmapFigure(map, options);
    expect(figure.factor).toBe(8);
    const x = figure.data[0].x[3];
    const y = figure.data[0].y[2];
    expect(clickMessage({ curveNumber: 0, x, y, z: 1 }, figure.traces, map)).toEqual({
      event: "click",
      channel: 0,
      row: 16,
      col: 24,
      value: 1,
    });
  });

  it("ignores points that are not cells", () => {
    const map = heatmapOf([[1, 2]]);
    const { traces } = buildHeatmapFigure(map, options);
    expect(clickMessage({ curveNumber: 5, x: 0, y: 0, z: 1 }, traces, map)).toBeNull();
    expect(clickMessage({ curveNumber: 0, x: 7, y: 0, z: 1 }, traces, map)).toBeNull();
  });
});
