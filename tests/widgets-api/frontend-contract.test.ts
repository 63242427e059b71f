/**
 * The kernel side and the views agree on the heatmap state: every state the widget API
 * sends (comm_open, then updates) passes the frontend's own checker, with the values
 * buffer deserialised the way the view does it.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { arange, full, randn, tensor } from "../../src/tensor";
import { ConvTransposeExplainer, Heatmap } from "../../widgets/api";
import { checkHeatmapState, deserializeValues } from "../../widgets/lab/src/state";
import { installRecordingBridge, type RecordingBridge } from "./recordingBridge";

let bridge: RecordingBridge;
beforeEach(() => {
  bridge = installRecordingBridge();
});

/** The view's complaints about a state (none when it can draw it). */
function problems(state: Record<string, unknown>): string[] {
  const check = checkHeatmapState(state);
  return check.ok ? [] : check.errors;
}

/** The state the frontend holds for `modelId` after every message so far, values deserialised. */
function frontendState(modelId: string): Record<string, unknown> {
  const open = bridge.opened(modelId);
  const state: Record<string, unknown> = { ...(open.data.state as Record<string, unknown>) };
  const apply = (data: Record<string, unknown>, buffers: readonly unknown[]): void => {
    Object.assign(state, data.state as Record<string, unknown>);
    (data.buffer_paths as string[][]).forEach((path, i) => {
      const b = buffers[i] as ArrayBufferView;
      state[path[0]] = new DataView(b.buffer, b.byteOffset, b.byteLength);
    });
  };
  apply(open.data, open.buffers);
  for (const m of bridge.messages(modelId)) if (m.data.method === "update") apply(m.data, m.buffers);
  return { ...state, values: deserializeValues(state.values) };
}

describe("heatmap state crosses to the views intact", () => {
  it("plain, multi-channel, NaN-holding and highlighted maps pass the view's checks", async () => {
    const maps = [
      new Heatmap(
        tensor([
          [0, 1],
          [2, 3],
        ]),
        { title: "x" },
      ),
      new Heatmap(randn([3, 4, 5]), {
        colorscale: "RdBu",
        channelTitles: ["a", "b", "c"],
        highlights: [{ row: 1, col: 1, channel: 2, style: "shade", color: "#00ff00", label: "here" }],
      }),
      new Heatmap(
        tensor([
          [NaN, Infinity],
          [-Infinity, 1],
        ]),
        { zmin: -1, zmax: 1, showValues: false, cellSize: 30, xLabel: "j", yLabel: "i" },
      ),
    ];
    for (const h of maps) {
      await h.flush();
      expect(problems(frontendState(h.modelId)), h.toString()).toEqual([]);
    }
  });

  it("after in-place updates (values, shape, highlights) the view's state is still valid and holds the new values", async () => {
    const h = new Heatmap(full([2, 2], 1));
    h.update({ values: arange(12).reshape([3, 4]), highlights: [{ row: -1, col: 2, height: 3, width: 5 }] });
    await h.flush();
    const state = frontendState(h.modelId);
    expect(problems(state)).toEqual([]);
    // The checker is strict: the unclipped highlight the caller gave would have been refused.
    expect(problems({ ...state, highlights: [{ row: -1, col: 2, height: 3, width: 5 }] })).not.toEqual([]);
    expect(Array.from(state.values as Float32Array)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(state.shape).toEqual([3, 4]);
  });

  it("every map of the explainer stays drawable through all its steps and methods", async () => {
    const e = new ConvTransposeExplainer({ stride: 2, padding: 1, kernelSize: 3 });
    for (const method of ["scatter", "zero-insertion", "matrix"]) {
      e.controls.method.value = method;
      for (let k = 0; k <= e.stepCount; k++) {
        e.step = k;
        for (const h of [e.inputMap, e.kernelMap, e.workMap, e.outputMap]) {
          await h.flush();
          expect(problems(frontendState(h.modelId)), `${method} step ${k} ${h.title}`).toEqual([]);
        }
      }
    }
  });
});
