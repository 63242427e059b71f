// @vitest-environment happy-dom
/**
 * The real LinePlotModel/LinePlotView drawing with the real plotly.js bundle into a happy-dom
 * document, state delivered as the widget manager does (a comm `update` message).
 */
import { Widget } from "@lumino/widgets";
import { afterEach, describe, expect, it } from "vitest";
import { linePlotFigure, linePlotProblem, LinePlotModel, LinePlotView } from "../src/line-plot";
import { LIGHT_THEME } from "../src/theme";

class RecordingComm {
  private handler: ((msg: unknown) => void) | null = null;
  comm_id = "line-plot-comm";
  target_name = "jupyter.widget";
  on_msg(handler: (msg: unknown) => void): void {
    this.handler = handler;
  }
  on_close(): void {}
  send(): string {
    return "msg-id";
  }
  close(): string {
    return "msg-id";
  }
  update(model: LinePlotModel, state: Record<string, unknown>): Promise<void> {
    this.handler?.({
      content: { comm_id: this.comm_id, data: { method: "update", state, buffer_paths: [] } },
      buffers: [],
      parent_header: {},
    });
    return model.state_change as Promise<void>;
  }
}

const views: LinePlotView[] = [];
afterEach(() => {
  for (const view of views.splice(0)) {
    if (view.luminoWidget.isAttached) Widget.detach(view.luminoWidget);
    view.remove();
  }
});

async function show(state: Record<string, unknown>): Promise<{ model: LinePlotModel; view: LinePlotView; comm: RecordingComm }> {
  const comm = new RecordingComm();
  const model = new LinePlotModel({}, { model_id: "line-plot-1", widget_manager: { callbacks: () => ({}) }, comm } as never);
  await comm.update(model, state);
  const view = new LinePlotView({ model, options: {} } as never);
  views.push(view);
  view.render();
  Widget.attach(view.luminoWidget, document.body);
  view.trigger("displayed", view);
  await new Promise((resolve) => setTimeout(resolve, 20));
  await view.drawn;
  return { model, view, comm };
}

describe("LinePlotView in a DOM", () => {
  it("draws one plotly line per series, and redraws in place on an update", async () => {
    const { model, view, comm } = await show({
      series: [{ name: "loss", x: [0, 1, 2], y: [1, 0.1, 0.01] }],
      title: "training",
      log_y: true,
    });
    const plot = view.el.querySelector(".ul-line-plot-plot");
    expect(plot?.classList.contains("js-plotly-plot")).toBe(true);
    expect(view.el.querySelectorAll(".scatterlayer .trace")).toHaveLength(1);
    expect(view.el.querySelector(".gtitle")?.textContent).toBe("training");
    await comm.update(model, {
      series: [
        { name: "a", x: [0, 1], y: [1, 2] },
        { name: "b", x: [0, 1], y: [2, 1] },
      ],
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await view.drawn;
    expect(view.el.querySelector(".ul-line-plot-plot")).toBe(plot);
    expect(view.el.querySelectorAll(".scatterlayer .trace")).toHaveLength(2);
  });

  it("shows a message instead of drawing what a log axis cannot show", async () => {
    const { view } = await show({ series: [{ name: "loss", x: [0, 1], y: [1, 0] }], log_y: true });
    const message = view.el.querySelector<HTMLElement>(".ul-line-plot-message");
    expect(message?.hidden).toBe(false);
    expect(message?.textContent).toBe('series "loss": value y[1] cannot be drawn (log axes need values > 0)');
  });
});

describe("linePlotFigure", () => {
  it("maps log axes, labels and a legend for several series", () => {
    const state = {
      series: [
        { name: "a", x: [1], y: [2] },
        { name: "b", x: [1, 2], y: [3, 4] },
      ],
      title: "t",
      x_label: "step",
      y_label: "loss",
      log_x: false,
      log_y: true,
      width: 500,
      height: 300,
    };
    const { data, layout } = linePlotFigure(state, LIGHT_THEME);
    expect(data.map((d) => [d.name, d.mode])).toEqual([
      ["a", "lines+markers"],
      ["b", "lines"],
    ]);
    expect([layout.xaxis.type, layout.yaxis.type, layout.yaxis.title.text, layout.showlegend]).toEqual([
      "linear",
      "log",
      "loss",
      true,
    ]);
    expect(linePlotProblem(state.series, false, true)).toBeNull();
    expect(linePlotProblem([{ name: "a", x: [1, 2], y: [1] }], false, false)).toBe('series "a": 2 x values but 1 y values');
  });
});
