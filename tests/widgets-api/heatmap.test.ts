import { beforeEach, describe, expect, it } from "vitest";
import { arange, randn, tensor, zeros } from "../../src/tensor";
import { Heatmap, TensorView, show, type HeatmapClickMessage } from "../../widgets/api";
import { WIDGETS_MODULE_NAME, WIDGETS_MODULE_RANGE } from "../../widgets/shared/protocol";
import { installRecordingBridge, type RecordingBridge } from "./recordingBridge";
import { captureWarningsEachTest } from "./warningCapture";

const warnings = captureWarningsEachTest();
let bridge: RecordingBridge;
beforeEach(() => {
  bridge = installRecordingBridge();
});

function float32Of(buffer: unknown): number[] {
  const v = buffer as ArrayBufferView;
  return Array.from(new Float32Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength)));
}

describe("Heatmap", () => {
  it("opens a HeatmapModel with values as a float32 buffer at buffer path ['values']", () => {
    const h = new Heatmap(
      tensor([
        [0, 1.5],
        [2, NaN],
      ]),
      { title: "y", colorscale: "RdBu", showValues: false, xLabel: "x" },
    );
    const open = bridge.opened(h.modelId);
    const state = open.data.state as Record<string, unknown>;
    expect(state).toMatchObject({
      _model_name: "HeatmapModel",
      _view_name: "HeatmapView",
      _model_module: WIDGETS_MODULE_NAME,
      _model_module_version: WIDGETS_MODULE_RANGE,
      _view_module: WIDGETS_MODULE_NAME,
      _view_module_version: WIDGETS_MODULE_RANGE,
      values: null,
      shape: [2, 2],
      title: "y",
      colorscale: "RdBu",
      show_values: false,
      x_label: "x",
      y_label: "",
      channel_titles: [],
      zmin: null,
      zmax: null,
      highlights: [],
      cell_size: 0,
      value_format: "",
    });
    expect(state.layout).toMatch(/^IPY_MODEL_/);
    expect(open.data.buffer_paths).toEqual([["values"]]);
    expect(open.buffers).toHaveLength(1);
    expect(open.buffers[0]).toBeInstanceOf(Float32Array);
    const got = float32Of(open.buffers[0]);
    expect(got.slice(0, 3)).toEqual([0, 1.5, 2]);
    expect(Number.isNaN(got[3])).toBe(true);
  });

  it("updates values and shape in place in one message with the buffer", async () => {
    const h = new Heatmap(zeros([2, 2]));
    h.values = arange(6).reshape([2, 3]);
    h.update({ highlights: [{ row: 0, col: 1, label: "here" }], title: "t" });
    await h.flush();
    const [m1, m2] = bridge.messages(h.modelId);
    expect(m1.data).toEqual({ method: "update", state: { values: null, shape: [2, 3] }, buffer_paths: [["values"]] });
    expect(float32Of(m1.buffers[0])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(m2.data.state).toEqual({ title: "t", highlights: [{ row: 0, col: 1, label: "here" }] });
    expect(h.values.toArray()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it("passes clicks to onClick and ignores malformed or out-of-range clicks with a warning", async () => {
    const h = new Heatmap(arange(4).reshape([2, 2]));
    const clicks: HeatmapClickMessage[] = [];
    h.onClick((c) => void clicks.push(c));
    await bridge.frontendSends(h.modelId, {
      method: "custom",
      content: { event: "click", channel: 0, row: 1, col: 0, value: 2 },
    });
    await bridge.frontendSends(h.modelId, {
      method: "custom",
      content: { event: "click", channel: 0, row: 5, col: 0, value: 2 },
    });
    await bridge.frontendSends(h.modelId, { method: "custom", content: "hello" });
    expect(clicks).toEqual([{ event: "click", channel: 0, row: 1, col: 0, value: 2 }]);
    expect(warnings.join("\n")).toMatch(/ignored a click outside the map \[2, 2\]/);
    expect(warnings.join("\n")).toMatch(/not a click/);
  });

  it("displays the widget view with the static SVG and PNG figure and text", () => {
    const h = new Heatmap(
      tensor([
        [1, 2],
        [3, 4],
      ]),
      { title: "four", highlights: [{ row: 0, col: 0, color: "red" }] },
    );
    const bundle = (h as unknown as Record<symbol, () => Record<string, unknown>>)[Symbol.for("Jupyter.display")]();
    expect(Object.keys(bundle).sort()).toEqual([
      "application/vnd.jupyter.widget-view+json",
      "image/png",
      "image/svg+xml",
      "text/plain",
    ]);
    expect(bundle["text/plain"]).toBe("Heatmap(shape [2, 2], title 'four')");
    const svg = bundle["image/svg+xml"] as string;
    for (const v of ["1", "2", "3", "4"]) expect(svg).toContain(`>${v}</text>`);
    expect(svg).toContain('class="highlight"');
    expect(
      Buffer.from(bundle["image/png"] as string, "base64")
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
  });

  it("rejects bad input with clear errors", () => {
    expect(() => new Heatmap(zeros([1, 2, 2, 2, 2]))).toThrow(
      /Heatmap: expected a tensor of rank 2 \[h, w\] or 3 \[c, h, w\].*got shape \[1, 2, 2, 2, 2\]/,
    );
    expect(() => new Heatmap([[1, 2]] as never)).toThrow(/Heatmap: values must be a Tensor/);
    expect(() => new Heatmap(zeros([2, 2]), { colour: "red" } as never)).toThrow(/Heatmap: unknown option 'colour'/);
    expect(() => new Heatmap(zeros([2, 2]), { colorscale: "Jet" as never })).toThrow(
      /colorscale must be one of 'Viridis', 'RdBu', 'Greys', got 'Jet'/,
    );
    expect(() => new Heatmap(zeros([2, 2]), { zmin: 3, zmax: 1 })).toThrow(/zmin must be less than zmax/);
    expect(() => new Heatmap(zeros([2, 2]), { highlights: [{ row: 0, col: 0, color: "blurple" }] })).toThrow(
      /highlights\[0\].color must be a CSS colour/,
    );
    expect(() => new Heatmap(zeros([2, 2]), { highlights: [{ row: 0, col: 0, channel: 3 }] })).toThrow(
      /highlights\[0\].channel must be in 0..0, got 3/,
    );
    expect(() => new TensorView(zeros([2, 2]))).toThrow(/TensorView: values must be a tensor of shape \[c, h, w\]/);
    const h = new Heatmap(zeros([2, 2]));
    expect(() => (h.values = zeros([0, 2]))).toThrow(/empty tensor/);
    expect(h.shape).toEqual([2, 2]);
  });

  it("clips highlights to the map, since the views draw only its cells", () => {
    const h = new Heatmap(zeros([3, 3]), {
      highlights: [
        { row: -1, col: -1, height: 3, width: 3, label: "block" },
        { row: 5, col: 0 },
        { row: 2, col: 2, width: 4 },
      ],
    });
    expect(h.highlights).toEqual([
      { row: 0, col: 0, height: 2, width: 2, label: "block" },
      { row: 2, col: 2, width: 1 },
    ]);
    expect((bridge.opened(h.modelId).data.state as { highlights: unknown }).highlights).toEqual(h.highlights);
  });

  it("takes a 2048x2048 map: the full float32 buffer for the view, a downsampled static figure with a note", () => {
    const h = new Heatmap(randn([2048, 2048], { seed: 4 }), { title: "big" });
    expect((bridge.opened(h.modelId).buffers[0] as Float32Array).length).toBe(2048 * 2048);
    const bundle = (h as unknown as Record<symbol, () => Record<string, unknown>>)[Symbol.for("Jupyter.display")]();
    const svg = bundle["image/svg+xml"] as string;
    expect(svg).toContain("Downsampled from 2048×2048 to 128×128");
    expect(svg).not.toContain('class="value"');
    expect(svg.length).toBeLessThan(1_500_000);
  });

  it("survives a malformed values buffer from the frontend", async () => {
    const h = new Heatmap(zeros([2, 2]));
    await bridge.frontendSends(
      h.modelId,
      { method: "update", state: { values: null, shape: [3, 3] }, buffer_paths: [["values"]] },
      [new DataView(new ArrayBuffer(8))],
    );
    expect(h.shape).toEqual([2, 2]);
    expect(warnings.join("\n")).toMatch(/2 values do not fill shape \[3, 3\] \(9 cells\)/);
    await bridge.frontendSends(h.modelId, { method: "update", state: { values: null }, buffer_paths: [["values"]] }, [
      new DataView(new ArrayBuffer(7)),
    ]);
    expect(warnings.join("\n")).toMatch(/values must be float32 values .* got a DataView of 7 bytes$/);
    // A well-formed buffer from the frontend is taken (copied into a Float32Array).
    const bytes = new Float32Array([5, 6, 7, 8]);
    await bridge.frontendSends(h.modelId, { method: "update", state: { values: null }, buffer_paths: [["values"]] }, [
      new DataView(bytes.buffer),
    ]);
    expect(h.values.toArray()).toEqual([
      [5, 6],
      [7, 8],
    ]);
  });
});

describe("refreshFigure", () => {
  it("re-sends the static figure of every display of the widget with update_display_data", async () => {
    const h = await show(tensor([[1, 2]]), { title: "before" });
    h.update({ values: tensor([[7, 8]]), title: "after" });
    await h.refreshFigure();
    const displays = bridge.log.filter((r) => r.kind === "display");
    expect(displays).toHaveLength(2);
    const [first, second] = displays as Extract<(typeof displays)[number], { kind: "display" }>[];
    expect(first.options?.displayId).toMatch(new RegExp(`^${h.modelId}-`));
    expect(second.options).toEqual({ displayId: first.options?.displayId, update: true });
    expect(second.bundle["image/svg+xml"]).toContain(">after</text>");
    expect(second.bundle["image/svg+xml"]).toContain(">8</text>");
    expect(second.bundle["application/vnd.jupyter.widget-view+json"]).toEqual({
      version_major: 2,
      version_minor: 0,
      model_id: h.modelId,
    });
  });
});

describe("last-expression display", () => {
  it("answers with text only when display() already showed the widget in this cell", async () => {
    const h = await show(tensor([[1, 2]]));
    const lastExpression = () => (h as unknown as Record<symbol, () => Record<string, unknown>>)[Symbol.for("Jupyter.display")]();
    expect(lastExpression()).toEqual({ "text/plain": "Heatmap(shape [1, 2])" });
    bridge.parent = { msg_id: "cell-2" };
    expect(Object.keys(lastExpression())).toContain("application/vnd.jupyter.widget-view+json");
  });
});

describe("TensorView and show", () => {
  it("shows (C, H, W) as a multi-channel grid with a shared scale in the static figure", async () => {
    const t = arange(12).reshape([3, 2, 2]);
    const v = await show(t, { channelTitles: ["r", "g", "b"] });
    expect(v).toBeInstanceOf(TensorView);
    expect(bridge.opened(v.modelId).data.state).toMatchObject({ shape: [3, 2, 2], channel_titles: ["r", "g", "b"] });
    const d = bridge.log.at(-1)!;
    expect(d.kind).toBe("display");
    if (d.kind !== "display") return;
    expect(d.bundle["application/vnd.jupyter.widget-view+json"]).toEqual({
      version_major: 2,
      version_minor: 0,
      model_id: v.modelId,
    });
    const svg = d.bundle["image/svg+xml"] as string;
    expect(svg.match(/class="channel-title"/g)).toHaveLength(3);
    expect(svg.match(/class="colorbar"/g)).toHaveLength(48);
    expect(d.bundle["text/plain"]).toBe("TensorView(shape [3, 2, 2])");
  });

  it("shows a 2-D tensor as a single heatmap and flattens [1, C, H, W]", async () => {
    const h = await show(tensor([[1, 2]]), { title: "row" });
    expect(h).toBeInstanceOf(Heatmap);
    expect(h).not.toBeInstanceOf(TensorView);
    const g = await show(zeros([1, 2, 3, 3]));
    expect(g.shape).toEqual([2, 3, 3]);
    // A single-channel NCHW result is one map, not a grid of one.
    expect((await show(zeros([1, 1, 3, 4]))).shape).toEqual([3, 4]);
    expect(new Heatmap(zeros([1, 3, 4])).shape).toEqual([3, 4]);
    expect(new TensorView(zeros([1, 3, 4])).shape).toEqual([1, 3, 4]);
  });
});
