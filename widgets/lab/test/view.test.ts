// @vitest-environment happy-dom
/**
 * The real HeatmapModel/HeatmapView (@jupyter-widgets/base 6) drawing with the real plotly.js
 * bundle into a happy-dom document. State arrives the way the widget manager delivers it: a
 * comm `update` message with the values as a binary buffer at buffer path ["values"].
 *
 * The kernel end of the comm is a recorder (the kernel is tested elsewhere), and happy-dom has
 * no canvas: plotly rasterises heatmap colours through a 2-D context, so the canvas gets a
 * minimal ImageData-backed context. Colours of pixels are checked in the browser test.
 */
import { Widget } from "@lumino/widgets";
import { MessageLoop } from "@lumino/messaging";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { CellCanvas } from "../src/cell-colors";
import type { LabelCanvas } from "../src/cell-labels";
import { HEATMAP_DRAWN_EVENT, HeatmapModel, HeatmapView } from "../src/heatmap";
import { DARK_THEME } from "../src/theme";

interface SentMessage {
  data: unknown;
}

/** The kernel end of a widget comm: records what the frontend sends, delivers kernel messages. */
class RecordingComm {
  sent: SentMessage[] = [];
  private handler: ((msg: unknown) => void) | null = null;
  comm_id = "heatmap-comm";
  target_name = "jupyter.widget";
  on_msg(handler: (msg: unknown) => void): void {
    this.handler = handler;
  }
  on_close(): void {}
  send(data: unknown): string {
    this.sent.push({ data });
    return "msg-id";
  }
  close(): string {
    return "msg-id";
  }
  /** Delivers a kernel `update` with `values` as a float32 buffer, like the kernel-side API. */
  update(model: HeatmapModel, state: Record<string, unknown>, values?: Float32Array | DataView): Promise<void> {
    const buffers = values === undefined ? [] : [values instanceof DataView ? values : new DataView(values.buffer)];
    this.handler?.({
      content: {
        comm_id: this.comm_id,
        data: { method: "update", state, buffer_paths: values === undefined ? [] : [["values"]] },
      },
      buffers,
      parent_header: {},
    });
    return model.state_change as Promise<void>;
  }
}

const manager = { callbacks: () => ({}) };

beforeAll(() => {
  const canvas = HTMLCanvasElement.prototype as unknown as Record<string, unknown>;
  canvas.getContext = function (this: HTMLCanvasElement) {
    return {
      canvas: this,
      createImageData: (width: number, height: number) => ({ width, height, data: new Uint8ClampedArray(width * height * 4) }),
      putImageData: () => undefined,
    };
  };
  canvas.toDataURL = () => "data:image/png;base64,";
});

const views: HeatmapView[] = [];
const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const view of views.splice(0)) {
    // A view whose node a test took out of the page by hand (as JupyterLab's renderer does): lumino
    // still counts it attached and detaches only a node in the page.
    if (view.luminoWidget.isAttached && !view.el.isConnected) document.body.append(view.el);
    if (view.luminoWidget.isAttached) Widget.detach(view.luminoWidget);
    view.remove();
  }
  for (const host of hosts.splice(0)) host.remove();
  delete document.body.dataset.jpThemeLight;
  vi.restoreAllMocks();
});

async function settle(view: HeatmapView): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await view.drawn;
  }
}

async function show(
  state: Record<string, unknown>,
  values: Float32Array,
  host: HTMLElement = document.body,
): Promise<{ model: HeatmapModel; view: HeatmapView; comm: RecordingComm }> {
  const comm = new RecordingComm();
  const model = new HeatmapModel({}, { model_id: "heatmap-1", widget_manager: manager, comm });
  await comm.update(model, state, values);
  const view = new HeatmapView({ model, options: {} });
  views.push(view);
  view.render();
  Widget.attach(view.luminoWidget, host);
  view.trigger("displayed", view);
  await settle(view);
  return { model, view, comm };
}

/** The labels the view printed (its label canvas's ulLabels), every grid in order, empty cells left out. */
function cellLabels(view: HeatmapView): string[] {
  const canvas = view.el.querySelector<LabelCanvas>("canvas.ul-heatmap-labels");
  return (canvas?.ulLabels ?? []).flatMap((grid) => grid.texts).filter((text) => text !== "");
}

describe("HeatmapView in a DOM", () => {
  it("deserialises the binary values into a fresh Float32Array", async () => {
    const sent = Float32Array.from([1, 2, 3, 4, 5, 6]);
    const { model } = await show({ shape: [2, 3] }, sent);
    const values = model.get("values") as Float32Array;
    expect(values).toBeInstanceOf(Float32Array);
    expect(Array.from(values)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(values.buffer).not.toBe(sent.buffer);
  });

  it("draws a plotly heatmap with every value printed in its cell", async () => {
    const { view } = await show({ shape: [2, 3], title: "feature map" }, Float32Array.from([1, 2, 3, 4, 5, 6.5]));
    const plot = view.el.querySelector(".ul-heatmap-plot");
    expect(plot?.classList.contains("js-plotly-plot")).toBe(true);
    expect(cellLabels(view)).toEqual(["1", "2", "3", "4", "5", "6.5"]);
    // The labels lie over the plot but under plotly's hover boxes.
    const labels = view.el.querySelector("canvas.ul-heatmap-labels");
    expect(labels?.nextElementSibling?.querySelector(".hoverlayer")).not.toBeNull();
    expect(view.el.querySelector(".gtitle")?.textContent).toBe("feature map");
    expect(view.el.querySelector(".colorbar")).not.toBeNull();
    expect(view.el.querySelector<HTMLElement>(".ul-heatmap-message")?.hidden).toBe(true);
  });

  it("updates in place when the kernel sends new values", async () => {
    const { model, view, comm } = await show({ shape: [1, 2] }, Float32Array.from([1, 2]));
    const plot = view.el.querySelector(".ul-heatmap-plot");
    const svg = view.el.querySelector(".main-svg");
    await comm.update(model, { title: "again" }, Float32Array.from([7, 8]));
    await settle(view);
    expect(cellLabels(view)).toEqual(["7", "8"]);
    expect(view.el.querySelector(".ul-heatmap-plot")).toBe(plot);
    expect(view.el.querySelector(".main-svg")).toBe(svg);
    expect(view.el.querySelector(".gtitle")?.textContent).toBe("again");
    expect(view.el.dataset.drawCount).toBe("2");
  });

  it("shows new values on its canvases at once and gives them to plotly once they rest", async () => {
    const { model, view, comm } = await show({ shape: [1, 2] }, Float32Array.from([1, 2]));
    const graph = view.el.querySelector(".ul-heatmap-plot") as HTMLElement & { data: { z: number[][] }[] };
    const react = vi.spyOn(
      await import("plotly.js-cartesian-dist-min").then((m) => (m.default ?? m) as unknown as { react: () => unknown }),
      "react",
    );
    const drawn = new Promise<number>((resolve) =>
      view.el.addEventListener(HEATMAP_DRAWN_EVENT, () => resolve(react.mock.calls.length), { once: true }),
    );
    await comm.update(model, {}, Float32Array.from([3, 9]));
    expect(await drawn).toBe(0); // drawn without waiting for plotly
    expect(cellLabels(view)).toEqual(["3", "9"]);
    expect(Array.from(view.el.querySelector<CellCanvas>("canvas.ul-heatmap-cells")?.ulCells?.[0].values ?? [])).toEqual([3, 9]);
    await settle(view);
    expect(react).toHaveBeenCalledTimes(0); // plotly waits until the values rest
    await vi.waitFor(() => expect(react).toHaveBeenCalledTimes(1), { timeout: 5000 });
    expect(graph.data[0].z).toEqual([[3, 9]]);
    expect(view.el.dataset.drawCount).toBe("2");
  });

  it("announces every completed draw with an event and a draw count", async () => {
    const { model, view, comm } = await show({ shape: [1, 2] }, Float32Array.from([1, 2]));
    const events: { drawCount: number; durationMs: number }[] = [];
    view.el.addEventListener(HEATMAP_DRAWN_EVENT, (event) => events.push((event as CustomEvent).detail));
    // Two updates in the same frame are coalesced into one draw of the newest state.
    void comm.update(model, {}, Float32Array.from([3, 4]));
    await comm.update(model, {}, Float32Array.from([5, 6]));
    await settle(view);
    expect(events).toEqual([
      {
        drawCount: 2,
        durationMs: expect.any(Number),
        figureMs: expect.any(Number),
        plotlyMs: expect.any(Number),
        labelsMs: expect.any(Number),
      },
    ]);
    expect(cellLabels(view)).toEqual(["5", "6"]);
  });

  it("sends a custom click message to the kernel when a cell is clicked", async () => {
    const { view, comm } = await show({ shape: [2, 3] }, Float32Array.from([1, 2, 3, 4, 5, 6]));
    const graph = view.el.querySelector(".ul-heatmap-plot") as HTMLElement & { emit(event: string, data: unknown): void };
    graph.emit("plotly_click", { points: [{ curveNumber: 0, x: 2, y: 1, z: 6 }] });
    expect(comm.sent.map((m) => m.data)).toEqual([
      { method: "custom", content: { event: "click", channel: 0, row: 1, col: 2, value: 6 } },
    ]);
  });

  it("draws highlight rectangles and their labels", async () => {
    const { view } = await show(
      {
        shape: [3, 3],
        highlights: [
          { row: 0, col: 0, width: 2, height: 2, label: "window" },
          { row: 2, col: 2, style: "shade" },
        ],
      },
      new Float32Array(9),
    );
    expect(view.el.querySelectorAll(".shapelayer path")).toHaveLength(6); // outline; shade: line and 4 bands
    const labels = view.el.querySelector<LabelCanvas>("canvas.ul-heatmap-labels");
    expect(labels?.ulTexts?.map((t) => t.text)).toEqual(["window"]);
  });

  it("draws NaN and Infinity cells with their own labels and a legend note", async () => {
    const { view } = await show({ shape: [1, 3] }, Float32Array.from([1, Number.NaN, Infinity]));
    expect(cellLabels(view)).toEqual(expect.arrayContaining(["1", "NaN", "+∞"]));
    const notes = [...view.el.querySelectorAll(".ul-heatmap-note")];
    expect(notes.map((n) => n.textContent)).toEqual([
      expect.stringMatching(/^NaN: 1 cell/),
      expect.stringMatching(/^\+Infinity \(\+∞\): 1 cell/),
    ]);
    expect(notes[0].querySelector(".ul-heatmap-swatch")).not.toBeNull();
  });

  it("draws a grid of channels", async () => {
    const { view } = await show(
      { shape: [3, 2, 2], channel_titles: ["a", "b", "c"] },
      Float32Array.from({ length: 12 }, (_, i) => i),
    );
    expect(view.el.querySelectorAll(".hm")).toHaveLength(3);
    expect(cellLabels(view)).toHaveLength(12);
    expect([...view.el.querySelectorAll(".annotation-text")].map((t) => t.textContent)).toEqual(["a", "b", "c"]);
  });

  it("shows malformed state in the view and logs a warning instead of throwing", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { model, view, comm } = await show({ shape: [2, 3] }, Float32Array.from([1, 2, 3, 4, 5]));
    const message = view.el.querySelector<HTMLElement>(".ul-heatmap-message");
    expect(message?.hidden).toBe(false);
    expect(message?.textContent).toContain("values: 5 float32 values do not fill shape [2,3] (6 expected)");
    expect(view.el.querySelector<HTMLElement>(".ul-heatmap-plot")?.hidden).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("cannot be drawn"));

    await comm.update(model, {}, new DataView(new ArrayBuffer(10)));
    await settle(view);
    expect(message?.textContent).toContain("10 bytes is not a whole number of float32 values");

    await comm.update(model, { shape: [1, 2] }, Float32Array.from([3, 4]));
    await settle(view);
    expect(message?.hidden).toBe(true);
    expect(cellLabels(view)).toEqual(["3", "4"]);
  });

  it("follows a switch to a dark theme", async () => {
    const { view } = await show({ shape: [1, 2] }, Float32Array.from([1, 2]));
    // The plot is transparent over the painted cells; the stage under both carries the theme's background.
    const background = (): string => view.el.querySelector<HTMLElement>(".ul-heatmap-stage")?.style.background ?? "";
    expect(background()).toMatch(/255, 255, 255|#fff/);
    document.body.dataset.jpThemeLight = "false";
    await settle(view);
    expect(background()).toMatch(/17, 17, 17|#111/);
    expect(DARK_THEME.background).toBe("#111111");
  });

  it("prints the values of a map holding one tiny value instead of hiding them all", async () => {
    // The first per-channel map of notebook 7's filter explorer: d3's .3~g writes -2.52e-6 as
    // "−0.00000252", too long for a 48 px cell, so that map alone said its cells were too small.
    const { view } = await show({ shape: [2, 3] }, Float32Array.from([-0.0969, -0.00000252, 0.00000339, -0.00341, 0.0272, 0.1]));
    // Every label in the one font of 48 px cells: those that would not fit lose a digit.
    expect(cellLabels(view)).toEqual(["−0.097", "−3e-6", "3.4e-6", "−0.003", "0.0272", "0.1"]);
    expect(view.el.querySelector(".ul-heatmap-notes")?.textContent).toBe("");
  });

  it("redraws at the new width when the output area is resized", async () => {
    const { view } = await show({ shape: [2, 60] }, new Float32Array(120));
    const width = (): number => Number(view.el.querySelector(".main-svg")?.getAttribute("width"));
    const before = width();
    // happy-dom does no layout; give the output area a width as a browser would.
    Object.defineProperty(view.el, "clientWidth", { configurable: true, value: 320 });
    MessageLoop.sendMessage(view.luminoWidget, Widget.ResizeMessage.UnknownSize);
    await settle(view);
    expect(width()).toBeLessThan(before);
    expect(width()).toBeLessThanOrEqual(320);
  });

  it("in a wrapping row (interact's HBox) takes its width from the row, so it grows back after the row narrowed", async () => {
    // happy-dom does no layout: give the row a width, and the view the width of what it drew,
    // as a flex item has in a browser.
    const row = document.createElement("div");
    row.style.display = "flex";
    row.style.flexWrap = "wrap";
    document.body.append(row);
    hosts.push(row);
    let rowWidth = 1000;
    Object.defineProperty(row, "clientWidth", { configurable: true, get: () => rowWidth });
    const { view } = await show(
      { shape: [2, 12] },
      Float32Array.from({ length: 24 }, (_, i) => i),
      row,
    );
    const width = (): number => Number(view.el.querySelector(".main-svg")?.getAttribute("width"));
    Object.defineProperty(view.el, "clientWidth", { configurable: true, get: () => Math.min(width(), rowWidth) });
    const resize = async (to: number): Promise<void> => {
      rowWidth = to;
      MessageLoop.sendMessage(view.luminoWidget, Widget.ResizeMessage.UnknownSize);
      await settle(view);
    };
    const wide = width();
    expect(wide).toBeLessThanOrEqual(1000);
    expect(cellLabels(view)).toHaveLength(24);

    await resize(300);
    expect(width()).toBeLessThanOrEqual(300);
    expect(cellLabels(view)).toEqual([]);
    expect(view.el.querySelector(".ul-heatmap-notes")?.textContent).toMatch(/too small/);

    await resize(1000);
    expect(width()).toBe(wide);
    expect(cellLabels(view)).toHaveLength(24);
    expect(view.el.querySelector(".ul-heatmap-notes")?.textContent).toBe("");
  });

  it("shares a row that does not wrap among its children", async () => {
    const row = document.createElement("div");
    row.style.display = "flex";
    row.append(document.createElement("div"));
    document.body.append(row);
    hosts.push(row);
    Object.defineProperty(row, "clientWidth", { configurable: true, value: 900 });
    const { view } = await show({ shape: [1, 100] }, new Float32Array(100), row);
    expect(Number(view.el.querySelector(".main-svg")?.getAttribute("width"))).toBeLessThanOrEqual(450);
  });

  it("purges the plot when the view is removed and stops redrawing", async () => {
    const { view } = await show({ shape: [1, 2] }, Float32Array.from([1, 2]));
    const plot = view.el.querySelector(".ul-heatmap-plot") as HTMLElement;
    Widget.detach(view.luminoWidget);
    view.remove();
    expect(plot.querySelector(".main-svg")).toBeNull();
    document.body.dataset.jpThemeLight = "false";
    await settle(view);
    expect(plot.querySelector(".main-svg")).toBeNull();
  });
});

describe("HeatmapView out of the page", () => {
  /** A second view of `model` in a host of its own, attached and displayed, as a re-rendered output makes it. */
  async function secondView(model: HeatmapModel, host: HTMLElement): Promise<HeatmapView> {
    const view = new HeatmapView({ model, options: {} });
    views.push(view);
    view.render();
    Widget.attach(view.luminoWidget, host);
    view.trigger("displayed", view);
    await settle(view);
    return view;
  }

  /** A host in the page standing for an output's renderer node. */
  function outputNode(): HTMLElement {
    const host = document.createElement("div");
    document.body.append(host);
    hosts.push(host);
    return host;
  }

  /** Counts the drawn events of `view` from now on. */
  function drawnEvents(view: HeatmapView): { count: number } {
    const seen = { count: 0 };
    view.el.addEventListener(HEATMAP_DRAWN_EVENT, () => seen.count++);
    return seen;
  }

  it("after JupyterLab renders its output again, only the new view draws; the old one released its plot and pixels", async () => {
    const renderer = outputNode();
    const { model, view: old, comm } = await show({ shape: [1, 2] }, Float32Array.from([1, 2]), renderer);
    expect(old.isInPage).toBe(true);
    // The renderer empties its node (no lumino message reaches the old view) and shows a new view.
    renderer.textContent = "";
    const live = await secondView(model, renderer);
    const oldDraws = drawnEvents(old);
    const liveDraws = drawnEvents(live);
    const warn = vi.spyOn(console, "warn");

    await comm.update(model, { title: "moved" }, Float32Array.from([3, 4]));
    await settle(live);
    await settle(old);
    expect(old.isInPage).toBe(false);
    expect(oldDraws.count).toBe(0);
    expect(old.el.dataset.drawCount).toBe("1");
    expect(liveDraws.count).toBe(1);
    expect(cellLabels(live)).toEqual(["3", "4"]);
    expect(live.el.querySelector(".gtitle")?.textContent).toBe("moved");
    // Released: no plot, no canvas pixels.
    expect(old.el.querySelector(".main-svg")).toBeNull();
    const oldCanvases = [...old.el.querySelectorAll("canvas")];
    expect(oldCanvases).toHaveLength(2);
    for (const canvas of oldCanvases) expect([canvas.width, canvas.height]).toEqual([0, 0]);
    // Theme switches and further updates cost the old view nothing either.
    document.body.dataset.jpThemeLight = "false";
    await comm.update(model, {}, Float32Array.from([5, 6]));
    await settle(live);
    await settle(old);
    expect(oldDraws.count).toBe(0);
    expect(liveDraws.count).toBeGreaterThanOrEqual(2);
    expect(cellLabels(live)).toEqual(["5", "6"]);
    expect(warn).not.toHaveBeenCalled();
  });

  it("draws nothing for a change that arrived just before its element left the page", async () => {
    const renderer = outputNode();
    const { model, view, comm } = await show({ shape: [1, 2] }, Float32Array.from([1, 2]), renderer);
    const draws = drawnEvents(view);
    await comm.update(model, {}, Float32Array.from([3, 4])); // a draw is now scheduled for the next task
    renderer.textContent = "";
    await settle(view);
    expect(draws.count).toBe(0);
    expect(view.el.querySelector(".main-svg")).toBeNull();
  });

  it("draws the state it missed, from scratch, when attached again (a notebook that detaches cells out of view)", async () => {
    const host = outputNode();
    const { model, view, comm } = await show({ shape: [1, 2] }, Float32Array.from([1, 2]), host);
    const draws = drawnEvents(view);
    Widget.detach(view.luminoWidget);
    expect(view.el.querySelector(".main-svg")).toBeNull();
    await comm.update(model, { title: "while away" }, Float32Array.from([7, 8]));
    await settle(view);
    expect(draws.count).toBe(0);

    Widget.attach(view.luminoWidget, host);
    await settle(view);
    expect(draws.count).toBe(1);
    expect(cellLabels(view)).toEqual(["7", "8"]);
    expect(view.el.querySelector(".gtitle")?.textContent).toBe("while away");
    // Interactive again: the plot's click handler is bound anew.
    const graph = view.el.querySelector(".ul-heatmap-plot") as HTMLElement & { emit(event: string, data: unknown): void };
    graph.emit("plotly_click", { points: [{ curveNumber: 0, x: 1, y: 0, z: 8 }] });
    expect(comm.sent.map((m) => m.data)).toEqual([
      { method: "custom", content: { event: "click", channel: 0, row: 0, col: 1, value: 8 } },
    ]);
    // And it follows the theme again.
    document.body.dataset.jpThemeLight = "false";
    await settle(view);
    expect(draws.count).toBe(2);
  });

  it("picks up again on the next change when put back in the page without a lumino message", async () => {
    const host = outputNode();
    const { model, view, comm } = await show({ shape: [1, 2] }, Float32Array.from([1, 2]), host);
    view.el.remove();
    await comm.update(model, {}, Float32Array.from([3, 4]));
    await settle(view);
    expect(view.el.dataset.drawCount).toBe("1");
    host.append(view.el);
    await comm.update(model, {}, Float32Array.from([5, 6]));
    await settle(view);
    expect(view.el.dataset.drawCount).toBe("2");
    expect(cellLabels(view)).toEqual(["5", "6"]);
    expect(view.el.querySelector(".main-svg")).not.toBeNull();
  });
});
