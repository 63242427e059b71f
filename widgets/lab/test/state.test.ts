import { describe, expect, it } from "vitest";
import { checkHeatmapState, deserializeValues, float32FromBuffer, serializeValues } from "../src/state";

function dataViewOf(values: number[], offset = 0): DataView {
  const buffer = new ArrayBuffer(offset + values.length * 4);
  const view = new DataView(buffer, offset, values.length * 4);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return view;
}

describe("float32FromBuffer", () => {
  it("copies a DataView into a fresh Float32Array", () => {
    const view = dataViewOf([1.5, -2, 0.25]);
    const values = float32FromBuffer(view);
    expect(values).toBeInstanceOf(Float32Array);
    expect(Array.from(values)).toEqual([1.5, -2, 0.25]);
    expect(values.buffer).not.toBe(view.buffer);
    view.setFloat32(0, 99, true);
    expect(values[0]).toBe(1.5);
  });

  it("reads a view that starts at an offset that is not 4-aligned", () => {
    const values = float32FromBuffer(dataViewOf([3, 4, Number.NaN, Infinity], 3));
    expect(Array.from(values)).toEqual([3, 4, Number.NaN, Infinity]);
  });

  it("rejects a buffer whose length is not a whole number of float32 values", () => {
    expect(() => float32FromBuffer(new DataView(new ArrayBuffer(10)))).toThrow(/10 bytes is not a whole number of float32/);
  });

  it("rejects something that is not a buffer, naming it", () => {
    expect(() => float32FromBuffer([1, 2, 3])).toThrow(/values: expected a binary float32 buffer \(DataView\), got \[1, 2, 3\]/);
  });
});

describe("values serialisers", () => {
  it("deserialise malformed buffers into a record instead of throwing", () => {
    const result = deserializeValues(new DataView(new ArrayBuffer(7)));
    expect(result).toEqual({ malformed: expect.stringMatching(/7 bytes/) });
  });

  it("deserialise a missing buffer as no values", () => {
    expect(deserializeValues(null)).toEqual(new Float32Array(0));
  });

  it("serialise back to a DataView over the same float32 bytes", () => {
    const values = Float32Array.from([1, 2, 3]);
    const view = serializeValues(values);
    expect(view).toBeInstanceOf(DataView);
    expect(Array.from(float32FromBuffer(view))).toEqual([1, 2, 3]);
    expect(serializeValues({ malformed: "x" })).toBeNull();
  });
});

describe("checkHeatmapState", () => {
  const good = { values: Float32Array.from([1, 2, 3, 4, 5, 6]), shape: [2, 3] };

  it("accepts [h, w] and fills defaults", () => {
    const check = checkHeatmapState(good);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.heatmap).toMatchObject({
      channels: 1,
      height: 2,
      width: 3,
      multiChannel: false,
      showValues: true,
      colorscale: "viridis",
      zmin: null,
      zmax: null,
      valueFormat: "",
      highlights: [],
    });
  });

  it("accepts [c, h, w] as a multi-channel map", () => {
    const check = checkHeatmapState({ values: new Float32Array(12), shape: [2, 2, 3] });
    expect(check.ok && check.heatmap.multiChannel && check.heatmap.channels === 2).toBe(true);
  });

  it("rejects a buffer whose length does not match the shape", () => {
    const check = checkHeatmapState({ values: new Float32Array(5), shape: [2, 3] });
    expect(check).toEqual({ ok: false, errors: ["values: 5 float32 values do not fill shape [2,3] (6 expected)"] });
  });

  it("rejects bad shapes, naming the value", () => {
    for (const shape of [[2], [1, 2, 3, 4], [2, -1], [2.5, 2], "2x3", null]) {
      const check = checkHeatmapState({ values: new Float32Array(6), shape });
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.errors[0]).toMatch(/^shape: expected \[height, width\] or \[channels, height, width\]/);
    }
  });

  it("rejects JSON number lists as values", () => {
    const check = checkHeatmapState({ values: [1, 2, 3, 4, 5, 6], shape: [2, 3] });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors).toEqual(["values: expected a binary float32 buffer, got [1, 2, 3, 4, 5, 6]"]);
  });

  it("reports a malformed buffer from deserialisation", () => {
    const check = checkHeatmapState({ values: deserializeValues(new DataView(new ArrayBuffer(6))), shape: [2, 3] });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors[0]).toMatch(/6 bytes/);
  });

  it("rejects bad options with the key, the value and the allowed range", () => {
    const check = checkHeatmapState({
      ...good,
      zmin: 5,
      zmax: 1,
      show_values: "yes",
      cell_size: -3,
      value_format: "%{z}",
      title: 7,
      channel_titles: [1],
    });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect([...check.errors].sort()).toEqual(
      [
        `value_format: expected a d3-format specifier such as ".3~g" or ".2f", got '%{z}'`,
        "show_values: expected true or false, got 'yes'",
        "zmin: 5 is greater than zmax 1",
        "cell_size: expected a number of CSS pixels in [0, 200] (0: fit), got -3",
        "channel_titles: expected a list of strings, got [1]",
        "title: expected a string, got 7",
      ].sort(),
    );
  });

  it("rejects non-finite colour limits", () => {
    const check = checkHeatmapState({ ...good, zmax: Number.NaN });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors).toEqual(["zmax: expected a finite number or null (automatic), got NaN"]);
  });

  it("checks highlights and fills their defaults", () => {
    const ok = checkHeatmapState({
      ...good,
      highlights: [
        { row: 1, col: 0 },
        { row: 0, col: 1, width: 2, style: "shade", color: "blue", label: "k" },
      ],
    });
    expect(ok.ok && ok.heatmap.highlights).toEqual([
      { row: 1, col: 0, height: 1, width: 1, style: "outline", color: "#ff3b30", label: "" },
      { row: 0, col: 1, height: 1, width: 2, style: "shade", color: "blue", label: "k" },
    ]);
    const bad = checkHeatmapState({
      ...good,
      highlights: [{ col: 0 }, { row: 0, col: 0, style: "dotted" }, { row: 0, col: 0, channel: 3 }, 5],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors).toEqual([
        "highlights[0].row: expected an integer >= 0, got undefined",
        `highlights[1].style: expected "outline" or "shade", got 'dotted'`,
        "highlights[2].channel: expected an integer in [0, 0], got 3",
        "highlights[3]: expected an object {row, col, ...}, got 5",
      ]);
    }
  });
});
