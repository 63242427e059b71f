import { describe, expect, it } from "vitest";
import { colorScaleStops, downsampleFactor, formatValue, indexStepFor, MAX_AUTO_CELL_PX } from "upsampling-lab/heatmap-layout";
import { buildHeatmapFigure, DARK_TEXT, LIGHT_TEXT } from "../src/figure";
import type { Heatmap } from "../src/state";
import type { AxisLayout } from "../src/plotly-types";
import { DARK_THEME, LIGHT_THEME } from "../src/theme";
import { heatmapOf, heatmapOfShape } from "./helpers";

const light = { availableWidth: 800, theme: LIGHT_THEME };

/** The colour range the figure draws `heatmap` with. */
function colourRange(heatmap: Heatmap): [number, number] {
  return buildHeatmapFigure(heatmap, light).colorRange;
}

/** Pixel extent of a subplot axis from its domain and the layout's plot area. */
function axisPixels(
  layout: ReturnType<typeof buildHeatmapFigure>["layout"],
  name: `xaxis${string}` | `yaxis${string}`,
  horizontal: boolean,
): number {
  const axis = layout[name] as AxisLayout;
  const plot = horizontal ? layout.width - layout.margin.l - layout.margin.r : layout.height - layout.margin.t - layout.margin.b;
  return (axis.domain[1] - axis.domain[0]) * plot;
}

describe("buildHeatmapFigure: a single map", () => {
  const map = heatmapOf(
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
    { title: "y = x", x_label: "col", y_label: "row" },
  );
  const figure = buildHeatmapFigure(map, light);
  const trace = figure.data[0];

  it("has one heatmap trace with the rows as drawn, row 0 at the top", () => {
    expect(figure.data).toHaveLength(1);
    expect(trace.type).toBe("heatmap");
    expect(trace.z).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(trace.x).toEqual([0, 1, 2]);
    expect(trace.y).toEqual([0, 1]);
    const y = figure.layout.yaxis as AxisLayout;
    expect(y.range).toEqual([1.5, -0.5]);
    expect((figure.layout.xaxis as AxisLayout).range).toEqual([-0.5, 2.5]);
  });

  it("prints every value in the state's format, with the labels it measured, for the view's label layer", () => {
    expect(figure.valuesShown).toBe(true);
    expect(trace.texttemplate).toBeUndefined(); // plotly's own labels cost 250+ ms for 4096 cells
    expect(figure.labels).toHaveLength(1);
    const [labels] = figure.labels;
    expect(labels.texts).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(labels.fontPx).toBeGreaterThanOrEqual(8);
    expect(labels).toMatchObject({ rows: 2, cols: 3, cellWidth: MAX_AUTO_CELL_PX, cellHeight: MAX_AUTO_CELL_PX });
  });

  it("places the label grid exactly over the cells plotly draws", () => {
    const [labels] = figure.labels;
    const { margin } = figure.layout;
    const x = figure.layout.xaxis as AxisLayout;
    const y = figure.layout.yaxis as AxisLayout;
    expect(labels.left).toBeCloseTo(margin.l + x.domain[0] * (figure.layout.width - margin.l - margin.r), 6);
    expect(labels.top).toBeCloseTo(margin.t + (1 - y.domain[1]) * (figure.layout.height - margin.t - margin.b), 6);
    expect(labels.cellWidth * 3).toBeCloseTo(axisPixels(figure.layout, "xaxis", true), 6);
    expect(labels.cellHeight * 2).toBeCloseTo(axisPixels(figure.layout, "yaxis", false), 6);
  });

  it("writes dark labels on light cells and light labels on dark ones", () => {
    // Viridis: the lowest value is dark purple, the highest bright yellow.
    const [labels] = figure.labels;
    expect(labels.colors[0]).toBe(LIGHT_TEXT);
    expect(labels.colors[5]).toBe(DARK_TEXT);
    const greys = buildHeatmapFigure(heatmapOf([[0, 1]], { colorscale: "Greys" }), light);
    expect(greys.labels[0].colors).toEqual([LIGHT_TEXT, DARK_TEXT]);
  });

  it("formats labels with the d3 specifier's type, precision, currency and grouping", () => {
    const money = buildHeatmapFigure(heatmapOf([[1, 2345.5]], { value_format: "$,.2f" }), {
      availableWidth: 800,
      theme: LIGHT_THEME,
    });
    expect(money.data[0].texttemplate).toBeUndefined();
    expect(formatValue(2345.5, "$,.2f")).toBe("$2,345.50");
    expect(formatValue(-1234567, ",d")).toBe("−1,234,567");
    expect(formatValue(0.25, ".0%")).toBe("25%");
    expect(formatValue(-0.0001, "d")).toBe("0");
    if (money.valuesShown) expect(money.labels[0].texts).toEqual(["$1.00", "$2,345.50"]);
  });

  it("prints a map holding one tiny value like its neighbours (exponent form, not 0.00000252)", () => {
    // The first of notebook 7's per-channel maps: values around 0.1 and one of -2.52e-6.
    const row = [-0.0969, -0.00000252, 0.00000339, -0.00341, 0.0272, 0.1, 0.2];
    const tiny = buildHeatmapFigure(heatmapOf([row, row, row, row, row, row, row]), { availableWidth: 460, theme: LIGHT_THEME });
    const neighbour = buildHeatmapFigure(
      heatmapOf(Array.from({ length: 7 }, () => [-0.0732, -0.0458, -0.0274, 0.1, 0.2, 0.3, 0.4])),
      {
        availableWidth: 460,
        theme: LIGHT_THEME,
      },
    );
    expect(neighbour.valuesShown).toBe(true);
    expect(tiny.cellPx).toBe(neighbour.cellPx);
    expect(tiny.valuesShown).toBe(true);
    expect(tiny.notes).toEqual([]);
    expect(tiny.labels[0].fontPx).toBe(neighbour.labels[0].fontPx);
    expect(tiny.labels[0].texts.slice(0, 7)).toEqual(["−0.097", "−3e-6", "3.4e-6", "−0.003", "0.0272", "0.1", "0.2"]);
  });

  it("draws square cells: equal pixel extents per cell", () => {
    const cellW = axisPixels(figure.layout, "xaxis", true) / 3;
    const cellH = axisPixels(figure.layout, "yaxis", false) / 2;
    expect(cellW).toBeCloseTo(cellH, 6);
    expect(cellW).toBe(MAX_AUTO_CELL_PX);
  });

  it("labels the axes with integer indices, the title and axis titles", () => {
    const x = figure.layout.xaxis as AxisLayout;
    expect(x).toMatchObject({ tickmode: "linear", tick0: 0, dtick: 1, title: { text: "col" } });
    expect((figure.layout.yaxis as AxisLayout).title?.text).toBe("row");
    expect(figure.layout.title?.text).toBe("y = x");
  });

  it("hovers with index and value and uses one colour axis with a colour bar", () => {
    expect(trace.hovertemplate).toBe("row %{y}, col %{x}<br>value %{z:.6~g}<extra></extra>");
    expect(trace.coloraxis).toBe("coloraxis");
    expect(figure.layout.coloraxis).toMatchObject({ colorscale: colorScaleStops("viridis"), cmin: 1, cmax: 6 });
    expect(figure.notes).toEqual([]);
  });

  it("uses the fixed cell size when given", () => {
    const fixed = buildHeatmapFigure(heatmapOf([[1, 2, 3]], { cell_size: 30 }), light);
    expect(fixed.cellPx).toBe(30);
    expect(axisPixels(fixed.layout, "xaxis", true)).toBeCloseTo(90, 6);
  });

  it("fits a wide map into the output area", () => {
    const wide = buildHeatmapFigure(
      heatmapOfShape([4, 100], (i) => i),
      { availableWidth: 600, theme: LIGHT_THEME },
    );
    expect(wide.layout.width).toBeLessThanOrEqual(600);
    expect(wide.cellPx).toBeLessThan(6);
  });

  it("does not print values when switched off", () => {
    const off = buildHeatmapFigure(heatmapOf([[1, 2]], { show_values: false }), light);
    expect(off.valuesShown).toBe(false);
    expect(off.labels).toEqual([]);
    expect(off.notes).toEqual([]);
  });

  it("hides values automatically when the cells are too small, and says so", () => {
    const small = buildHeatmapFigure(
      heatmapOfShape([40, 120], (i) => i / 7),
      { availableWidth: 700, theme: LIGHT_THEME },
    );
    expect(small.valuesShown).toBe(false);
    expect(small.labels).toEqual([]);
    expect(small.notes[0].text).toMatch(/too small/);
  });

  it("shrinks the font for long labels, and hides them when they cannot fit", () => {
    const long = buildHeatmapFigure(heatmapOf([[-123456.7, 0.000123]], { value_format: ".7~g", cell_size: 20 }), light);
    expect(long.valuesShown).toBe(false);
    const short = buildHeatmapFigure(heatmapOf([[1, 2]], { cell_size: 22 }), light);
    expect(short.valuesShown).toBe(true);
  });
});

describe("buildHeatmapFigure: colour range", () => {
  it("is automatic over the finite values, or fixed by zmin/zmax", () => {
    expect(colourRange(heatmapOf([[-2, 7, Number.NaN, Infinity]]))).toEqual([-2, 7]);
    expect(colourRange(heatmapOf([[-2, 7]], { zmin: -10, zmax: 10 }))).toEqual([-10, 10]);
    expect(colourRange(heatmapOf([[-2, 7]], { zmin: 0 }))).toEqual([0, 7]);
    expect(colourRange(heatmapOf([[-2, 7]], { zmax: 3 }))).toEqual([-2, 3]);
  });

  it("widens a constant map and keeps one-sided limits ordered", () => {
    expect(colourRange(heatmapOf([[4, 4]]))).toEqual([2, 6]);
    expect(colourRange(heatmapOf([[1, 2]], { zmin: 5 }))).toEqual([5, 10]);
    expect(colourRange(heatmapOf([[Number.NaN]]))).toEqual([0, 1]);
  });

  it("is shared by every channel of a grid", () => {
    const figure = buildHeatmapFigure(heatmapOf([[[0, 1]], [[5, 9]]]), light);
    expect(figure.layout.coloraxis).toMatchObject({ cmin: 0, cmax: 9 });
    expect(figure.data.map((t) => t.coloraxis)).toEqual(["coloraxis", "coloraxis"]);
  });
});

describe("buildHeatmapFigure: highlights", () => {
  const map = heatmapOfShape([4, 4], (i) => i, {
    highlights: [
      { row: 1, col: 2, height: 2, width: 2, label: "kernel window", color: "#00aa00" },
      { row: 0, col: 0, style: "shade", color: "blue" },
    ],
  });
  const figure = buildHeatmapFigure(map, light);

  it("draws each as a rectangle around its cells", () => {
    expect(figure.layout.shapes).toEqual([
      expect.objectContaining({
        type: "rect",
        xref: "x",
        yref: "y",
        x0: 1.5,
        x1: 3.5,
        y0: 0.5,
        y1: 2.5,
        fillcolor: "rgba(0,0,0,0)",
        line: { color: "#00aa00", width: 3 },
      }),
      expect.objectContaining({
        x0: -0.5,
        x1: 0.5,
        y0: -0.5,
        y1: 0.5,
        fillcolor: "rgba(0,0,0,0)",
        line: { color: "blue", width: 1 },
      }),
      ...[0, 1, 2, 3].map(() => expect.objectContaining({ fillcolor: "blue", opacity: 0.5, line: { color: "blue", width: 0 } })),
    ]);
  });

  it("labels them in their colour on the label layer, at the place the shared layout gives", () => {
    const [laid] = figure.heatmapLayout.highlights;
    expect(figure.texts).toEqual([
      expect.objectContaining({ text: "kernel window", x: laid.labelX, y: laid.labelY, color: "#00aa00" }),
    ]);
  });

  it("go on every channel, or only on the one they name", () => {
    const grid = buildHeatmapFigure(
      heatmapOfShape([3, 2, 2], (i) => i, {
        highlights: [
          { row: 0, col: 0 },
          { row: 1, col: 1, channel: 2, label: "here" },
        ],
      }),
      light,
    );
    expect(grid.layout.shapes.map((s) => s.xref).sort()).toEqual(["x", "x2", "x3", "x3"]);
    expect(grid.texts.map((t) => t.text)).toEqual(["here"]);
  });

  it("escapes markup in labels and titles", () => {
    const escaped = buildHeatmapFigure(
      heatmapOf([[1]], { title: "<b>x</b>", highlights: [{ row: 0, col: 0, label: "a<b" }] }),
      light,
    );
    expect(escaped.layout.title?.text).toBe("&lt;b&gt;x&lt;/b&gt;");
    expect(escaped.texts[0].text).toBe("a<b"); // drawn on a canvas, not parsed
  });
});

describe("buildHeatmapFigure: multi-channel grid", () => {
  const grid = buildHeatmapFigure(
    heatmapOfShape([5, 3, 4], (i) => i, { channel_titles: ["red", "green"] }),
    light,
  );

  it("has one subplot per channel on non-overlapping domains, each with square cells", () => {
    expect(grid.data.map((t) => [t.xaxis, t.yaxis])).toEqual([
      ["x", "y"],
      ["x2", "y2"],
      ["x3", "y3"],
      ["x4", "y4"],
      ["x5", "y5"],
    ]);
    const boxes = [1, 2, 3, 4, 5].map((k) => {
      const s = k === 1 ? "" : String(k);
      return { x: (grid.layout[`xaxis${s}`] as AxisLayout).domain, y: (grid.layout[`yaxis${s}`] as AxisLayout).domain };
    });
    for (let a = 0; a < boxes.length; a++) {
      for (let b = a + 1; b < boxes.length; b++) {
        const overlapX = boxes[a].x[0] < boxes[b].x[1] && boxes[b].x[0] < boxes[a].x[1];
        const overlapY = boxes[a].y[0] < boxes[b].y[1] && boxes[b].y[0] < boxes[a].y[1];
        expect(overlapX && overlapY).toBe(false);
      }
    }
    for (const k of [1, 5]) {
      const s = k === 1 ? "" : String(k);
      expect(axisPixels(grid.layout, `xaxis${s}`, true) / 4).toBeCloseTo(axisPixels(grid.layout, `yaxis${s}`, false) / 3, 6);
    }
  });

  it("titles each channel, defaulting to its index", () => {
    expect(grid.layout.annotations.map((a) => a.text)).toEqual(["red", "green", "channel 2", "channel 3", "channel 4"]);
    expect(grid.data[1].hovertemplate).toMatch(/^<b>green<\/b><br>row %\{y\}/);
  });

  it("maps every trace back to its channel", () => {
    expect(grid.traces.map((t) => t.channel)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("buildHeatmapFigure: NaN and Infinity", () => {
  const map = heatmapOf([
    [1, Number.NaN],
    [Infinity, -Infinity],
  ]);
  const figure = buildHeatmapFigure(map, light);

  it("leaves them out of the colour scale and gives them a hover overlay of their own", () => {
    expect(figure.data[0].z).toEqual([
      [1, null],
      [null, null],
    ]);
    const overlay = figure.data[1];
    expect(overlay.coloraxis).toBeUndefined();
    expect(overlay.z).toEqual([
      [null, 0],
      [1, 2],
    ]);
    expect(overlay.text).toEqual([
      ["", "NaN"],
      ["+∞", "−∞"],
    ]);
    expect(overlay.texttemplate).toBeUndefined();
    expect(figure.labels.map((l) => l.texts)).toEqual([
      ["1", "", "", ""],
      ["", "NaN", "+∞", "−∞"],
    ]);
    expect(figure.traces.map((t) => t.kind)).toEqual(["values", "nonFinite"]);
  });

  it("adds a legend note per kind with its count and colour", () => {
    expect(figure.notes).toEqual([
      { swatch: { background: "#c8c8c8", line: "#6e6e6e" }, text: "NaN: 1 cell, grey hatched, outside the colour scale" },
      {
        swatch: { background: "#ffd6d6", line: "#b00020" },
        text: "+Infinity (+∞): 1 cell, red hatched, outside the colour scale",
      },
      {
        swatch: { background: "#ced8f6", line: "#1a237e" },
        text: "-Infinity (−∞): 1 cell, blue hatched, outside the colour scale",
      },
    ]);
  });

  it("has no overlay when every value is finite", () => {
    expect(buildHeatmapFigure(heatmapOf([[1, 2]]), light).data).toHaveLength(1);
  });
});

describe("buildHeatmapFigure: very large maps", () => {
  const size = 2048;
  const map = heatmapOfShape([size, size], (i) => (i % size) + Math.floor(i / size));
  map.values[5] = Number.NaN;
  const figure = buildHeatmapFigure(map, light);

  it("block-averages a 2048x2048 map to 128x128 cells, labels off, with a note", () => {
    expect(figure.factor).toBe(16);
    expect(figure.data[0].z).toHaveLength(128);
    expect(figure.data[0].z[0]).toHaveLength(128);
    expect(figure.valuesShown).toBe(false);
    expect(figure.labels).toEqual([]);
    expect(figure.notes[0].text).toMatch(/^Downsampled from 2048×2048 to 128×128 cells, each the mean of a 16×16 block/);
  });

  it("keeps the axes in original indices with blocks centred on their cells", () => {
    expect(figure.data[0].x.slice(0, 2)).toEqual([7.5, 23.5]);
    expect((figure.layout.xaxis as AxisLayout).range).toEqual([-0.5, 2047.5]);
    expect(figure.data[0].customdata?.[1][2]).toEqual([16, 31, 32, 47]);
    expect(figure.data[0].hovertemplate).toMatch(/rows %\{customdata\[0\]\}–%\{customdata\[1\]\}/);
  });

  it("averages the finite values of each block", () => {
    // Block (0, 0): rows 0-15, cols 0-15, value r + c, one NaN at (0, 5) left out.
    let sum = 0;
    for (let r = 0; r < 16; r++) for (let c = 0; c < 16; c++) if (!(r === 0 && c === 5)) sum += r + c;
    expect(figure.data[0].z[0][0]).toBeCloseTo(sum / 255, 4);
    expect(figure.data[0].z[10][20]).toBeCloseTo(10 * 16 + 7.5 + 20 * 16 + 7.5, 3);
    expect(figure.notes.some((n) => n.text.startsWith("NaN: 1 cell"))).toBe(true);
  });

  it("chooses block sizes that bound the drawn cells", () => {
    expect(downsampleFactor(1, 128, 128)).toBe(1);
    expect(downsampleFactor(1, 129, 10)).toBe(2);
    expect(downsampleFactor(16, 128, 128)).toBe(1);
    const f = downsampleFactor(17, 128, 128);
    expect(f).toBeGreaterThan(1);
    expect(17 * Math.ceil(128 / f) ** 2).toBeLessThanOrEqual(262144);
  });
});

describe("buildHeatmapFigure: theme", () => {
  it("takes background, text and font from the theme", () => {
    const dark = buildHeatmapFigure(heatmapOf([[1, 2]], { title: "t" }), { availableWidth: 800, theme: DARK_THEME });
    // The plot is transparent: the view paints the cells under it on the theme's background.
    expect(dark.background).toBe(DARK_THEME.background);
    expect(dark.layout.paper_bgcolor).toBe("rgba(0,0,0,0)");
    expect(dark.layout.plot_bgcolor).toBe("rgba(0,0,0,0)");
    expect(dark.layout.font.color).toBe(DARK_THEME.foreground);
    expect(dark.layout.title?.font.color).toBe(DARK_THEME.foreground);
    expect(dark.layout.coloraxis.colorbar.tickfont.color).toBe(DARK_THEME.foreground);
    const lightFigure = buildHeatmapFigure(heatmapOf([[1, 2]]), light);
    expect(lightFigure.background).not.toBe(dark.background);
  });
});

describe("figure helpers", () => {
  it("index steps are 1, 2, 5 x 10^k and keep labels apart", () => {
    expect(indexStepFor(8, 48, 20)).toBe(1);
    expect(indexStepFor(100, 4, 20)).toBe(5);
    expect(indexStepFor(2048, 0.25, 20)).toBe(100);
    expect(indexStepFor(3, 1, 20)).toBe(5);
    for (const [count, px] of [
      [30, 7],
      [513, 0.6],
      [7, 3],
      [64, 20],
    ]) {
      const step = indexStepFor(count, px, 20);
      expect(step * px >= 20 || step >= count).toBe(true);
    }
  });

  it("formats values close to d3-format for width estimates", () => {
    expect(formatValue(0.5, ".3~g")).toBe("0.5");
    expect(formatValue(2, ".3~g")).toBe("2");
    expect(formatValue(1 / 3, ".3~g")).toBe("0.333");
    expect(formatValue(-1.5, ".2f")).toBe("−1.50");
    expect(formatValue(12.4, "d")).toBe("12");
    expect(formatValue(123456, ".3~g")).toBe("1.23e+5");
    // g keeps fixed notation while it is as short as the exponent form, and takes the shorter one after.
    expect(formatValue(0.00341, ".3~g")).toBe("0.00341");
    expect(formatValue(-0.00000252, ".3~g")).toBe("−2.52e-6");
    expect(formatValue(0.0000025, ".3g")).toBe("2.50e-6");
    expect(formatValue(0.5, ".3g")).toBe("0.500");
    // ~ trims trailing fractional zeros (and a bare point), also before an exponent or a percent sign.
    expect(formatValue(0.1, ".3~g")).toBe("0.1");
    expect(formatValue(1000, ".3~g")).toBe("1e+3");
    expect(formatValue(1.5e-7, ".3~g")).toBe("1.5e-7");
    expect(formatValue(0.5, ".2~%")).toBe("50%");
    expect(formatValue(2.5, ".2~f")).toBe("2.5");
    expect(formatValue(100, ".3~g")).toBe("100");
  });

  it("never produces an empty figure for an empty map, but says it is empty", () => {
    const empty = buildHeatmapFigure(
      heatmapOfShape([0, 3], () => 0),
      light,
    );
    expect(empty.notes.at(-1)?.text).toBe("Empty map: 1×0×3 has no cells");
  });
});

describe("buildHeatmapFigure: painted cells", () => {
  it("colours every cell from the scale over the colour range, plotly's traces staying transparent", () => {
    const figure = buildHeatmapFigure(heatmapOf([[0, 5, 10]]), light);
    expect(figure.data[0].opacity).toBe(0);
    const [cells] = figure.cells;
    expect(Array.from(cells.values)).toEqual([0, 5, 10]);
    expect(Array.from(cells.colors.slice(0, 4))).toEqual([68, 1, 84, 255]); // Viridis' low end
    expect(Array.from(cells.colors.slice(8, 12))).toEqual([253, 231, 37, 255]); // and high end
    expect(cells).toMatchObject({
      left: figure.labels[0].left,
      top: figure.labels[0].top,
      cellWidth: figure.labels[0].cellWidth,
    });
  });

  it("marks NaN and Infinity cells to be hatched, leaving them off the colour scale", () => {
    const figure = buildHeatmapFigure(heatmapOf([[1, Number.NaN, -Infinity]]), light);
    expect(figure.cells).toHaveLength(1);
    expect(Array.from(figure.cells[0].colors.slice(4, 8))).toEqual([0, 0, 0, 0]);
    expect(Array.from(figure.cells[0].kinds ?? [])).toEqual([0, 1, 3]);
  });

  it("keys the frame by what plotly draws besides values and colour range", () => {
    const key = (rows: number[][], overrides: Record<string, unknown> = {}): string =>
      buildHeatmapFigure(heatmapOf(rows, overrides), light).frameKey;
    expect(
      key([
        [1, 2],
        [3, 4],
      ]),
    ).toBe(
      key([
        [5, 6],
        [7, 9],
      ]),
    );
    expect(
      key([
        [1, 2],
        [3, 4],
      ]),
    ).not.toBe(
      key(
        [
          [1, 2],
          [3, 4],
        ],
        { title: "t" },
      ),
    );
    expect(
      key([
        [1, 2],
        [3, 4],
      ]),
    ).not.toBe(key([[1, 2, 3]]));
    expect(
      key([
        [1, 2],
        [3, 4],
      ]),
    ).not.toBe(
      key([
        [1, 2],
        [3, Number.NaN],
      ]),
    );
  });
});
