/**
 * Static figures follow state: at the end of each execute request, outputs whose widgets changed
 * after `display()` get `update_display_data` with the redrawn static figure and text; and an
 * `Output`'s static figure shows what it captured (stream text, tensors, widgets).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { tensor } from "../../src/tensor";
import { Heatmap, HTML, IntProgress, Output, VBox, display } from "../../widgets/api";
import { installRecordingBridge, settle, type Recorded, type RecordingBridge } from "./recordingBridge";
import { captureWarningsEachTest } from "./warningCapture";

captureWarningsEachTest();
let bridge: RecordingBridge;
beforeEach(() => {
  bridge = installRecordingBridge();
});

type DisplayRecord = Extract<Recorded, { kind: "display" }>;

function displays(): DisplayRecord[] {
  return bridge.log.filter((r): r is DisplayRecord => r.kind === "display");
}

function updates(): DisplayRecord[] {
  return displays().filter((d) => d.options?.update === true);
}

/** The text of every `<text>` element of an SVG, no-break spaces read as spaces. */
function svgTexts(svg: unknown): string[] {
  return [...String(svg).matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]
      .replace(/\u00a0/g, " ")
      .replace(/&gt;/g, ">")
      .replace(/&lt;/g, "<")
      .replace(/&amp;/g, "&"),
  );
}

describe("static figures follow state", () => {
  it("a progress bar advanced after display: one update at the end of the cell, with the final value, same display and model", async () => {
    const bar = new IntProgress({ max: 16, description: "step" });
    await display(bar);
    for (let i = 1; i <= 16; i++) bar.value = i;
    expect(updates()).toHaveLength(0);
    await bridge.endExecute();
    const [first] = displays();
    const refreshed = updates();
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0].options?.displayId).toBe(first.options?.displayId);
    expect(refreshed[0].parent).toBe("cell-1");
    expect(refreshed[0].bundle["application/vnd.jupyter.widget-view+json"]).toEqual(
      first.bundle["application/vnd.jupyter.widget-view+json"],
    );
    expect(first.bundle["text/plain"]).toContain("value=0");
    expect(refreshed[0].bundle["text/plain"]).toContain("value=16");
    // The state went to the frontend before the output was rendered again.
    const lastUpdate = bridge.log
      .map((r, i) => (r.kind === "comm_msg" && r.commId === bar.modelId ? i : -1))
      .reduce((a, b) => Math.max(a, b));
    expect(lastUpdate).toBeGreaterThan(0);
    expect(lastUpdate).toBeLessThan(bridge.log.indexOf(refreshed[0]));
    // Nothing changed since: the end of the same request again sends nothing.
    await bridge.endExecute();
    expect(updates()).toHaveLength(1);
  });

  it("a widget that did not change (or changed back) is not updated: the live view is left alone", async () => {
    const h = new Heatmap(
      tensor([
        [1, 2],
        [3, 4],
      ]),
    );
    await display(h);
    await bridge.endExecute();
    h.set({ title: "changed" });
    h.set({ title: "" });
    await bridge.endExecute();
    expect(updates()).toHaveLength(0);
  });

  it("a heatmap given new values: the static figure shows the final values", async () => {
    const h = new Heatmap(
      tensor([
        [1, 2],
        [3, 4],
      ]),
      { title: "before" },
    );
    await display(h);
    h.values = tensor([
      [10, 20],
      [30, 40],
    ]);
    h.set({ title: "after" });
    await bridge.endExecute();
    const [update] = updates();
    const texts = svgTexts(update.bundle["image/svg+xml"]);
    for (const v of ["10", "20", "30", "40", "after"]) expect(texts).toContain(v);
    expect(texts).not.toContain("before");
    expect(String(update.bundle["image/png"])).not.toBe(String(displays()[0].bundle["image/png"]));
  });

  it("a later cell that changes a widget shown earlier does not update the earlier output (JupyterLab would re-create its view); refreshFigure() does", async () => {
    const h = new Heatmap(tensor([[1, 2]]));
    await display(h);
    await bridge.endExecute();
    bridge.parent = { msg_id: "cell-2", msg_type: "execute_request" };
    h.values = tensor([[7, 8]]);
    await bridge.endExecute();
    expect(updates()).toHaveLength(0);
    await h.refreshFigure();
    const [update] = updates();
    expect(update.parent).toBe("cell-2");
    expect(update.options?.displayId).toBe(displays()[0].options?.displayId);
    expect(svgTexts(update.bundle["image/svg+xml"])).toContain("8");
  });

  it("changes inside a box (a child heatmap) refresh the box's output; closed widgets are forgotten", async () => {
    const h = new Heatmap(tensor([[1, 2]]));
    const box = new VBox([new HTML({ value: "maps" }), h]);
    await display(box);
    h.values = tensor([[5, 6]]);
    await bridge.endExecute();
    expect(updates()).toHaveLength(1);
    expect(svgTexts(updates()[0].bundle["image/svg+xml"])).toContain("6");
    await box.close();
    h.values = tensor([[0, 0]]);
    await bridge.endExecute();
    expect(updates()).toHaveLength(1);
  });

  it("a cleared cell output is not updated any more", async () => {
    const bar = new IntProgress({ max: 4 });
    await display(bar);
    await bridge.clearOutput();
    bar.value = 4;
    await bridge.endExecute();
    expect(updates()).toHaveLength(0);
  });

  it("refreshFigure() sends the update at once", async () => {
    const bar = new IntProgress({ max: 4 });
    await display(bar);
    bar.value = 3;
    await bar.refreshFigure();
    expect(updates()).toHaveLength(1);
    expect(updates()[0].bundle["text/plain"]).toContain("value=3");
  });
});

describe("the static figure of an Output shows what it captured", () => {
  it("stream text (runs of spaces and carriage returns as a terminal shows them), tensors and heatmaps displayed into it", async () => {
    const out = new Output();
    const box = new VBox([new HTML({ value: "<b>log</b>" }), out]);
    await display(box);
    const first = displays()[0];
    // An empty Output adds nothing to the box's figure.
    expect(svgTexts(first.bundle["image/svg+xml"])).toEqual(["log"]);
    const h = new Heatmap(tensor([[11, 12]]), { title: "captured map" });
    await out.capture(async () => {
      bridge.print("shape   (1, 1, 4, 4)\n");
      bridge.print("progress 10%\rprogress 100%\n");
      await display(
        tensor([
          [21, 22],
          [23, 24],
        ]),
      );
      await display(h);
      bridge.print("done\n", "stderr");
    });
    // Outside the capture: not the Output's.
    bridge.print("cell text\n");
    await bridge.endExecute();
    const [update] = updates();
    expect(update.options?.displayId).toBe(first.options?.displayId);
    const texts = svgTexts(update.bundle["image/svg+xml"]);
    expect(texts).toContain("shape   (1, 1, 4, 4)");
    expect(texts).toContain("progress 100%");
    expect(texts).not.toContain("progress 10%");
    for (const v of ["21", "22", "23", "24", "11", "12", "captured map", "done"]) expect(texts).toContain(v);
    expect(texts).not.toContain("cell text");
    // The heatmap inside follows its state too.
    h.values = tensor([[31, 32]]);
    await bridge.endExecute();
    expect(updates()).toHaveLength(2);
    expect(svgTexts(updates()[1].bundle["image/svg+xml"])).toContain("32");
  });

  it("a displayed Output alone: its captured text, errors, and clear_output (wait) honoured", async () => {
    const out = new Output();
    await display(out);
    expect(displays()[0].bundle["image/svg+xml"]).toBeUndefined();
    await out.capture(async () => {
      bridge.print("first\n");
      await out.clear(true);
      bridge.print("second\n");
    });
    await bridge.endExecute();
    const texts = svgTexts(updates()[0].bundle["image/svg+xml"]);
    expect(texts).toEqual(["second"]);
    expect(updates()[0].bundle["image/png"]).toMatch(/^iVBOR/);
  });

  it("the frontend's copy of the captured outputs does not replace the kernel's record; outputs set by kernel code do", async () => {
    const out = new Output();
    await display(out);
    await out.capture(async () => {
      await display(tensor([[41, 42]]));
    });
    await bridge.endExecute();
    const withTensor = updates()[0].bundle["image/svg+xml"];
    expect(svgTexts(withTensor)).toContain("42");
    // JupyterLab syncs the outputs it captured (a JSON copy of the display).
    const synced = [{ output_type: "display_data", data: { "text/plain": "Tensor [1, 2]" }, metadata: {} }];
    await bridge.frontendSends(out.modelId, { method: "update", state: { outputs: synced }, buffer_paths: [] });
    await bridge.endExecute();
    expect(updates()).toHaveLength(1);
    out.appendStdout("appended by kernel code\n");
    await settle();
    await bridge.endExecute();
    expect(updates()).toHaveLength(2);
    expect(svgTexts(updates()[1].bundle["image/svg+xml"])).toContain("appended by kernel code");
  });
});
