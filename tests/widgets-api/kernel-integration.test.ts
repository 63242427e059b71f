/**
 * The widget API through the real kernel process over ZeroMQ: cells create widgets,
 * the test client plays the frontend (slider updates, clicks, request_states).
 * Needs `npm run build` (the kernel runs from dist/).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KernelClient, ofType, requireBuiltKernel, type Message } from "../kernel/kernel-client";

function float32(buffer: Buffer): number[] {
  return Array.from(new Float32Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength)));
}

function stateOf(m: Message): Record<string, unknown> {
  return (m.content.data as { state: Record<string, unknown> }).state;
}

describe("widget API in the real kernel", { timeout: 180_000 }, () => {
  let k: KernelClient;

  beforeAll(async () => {
    requireBuiltKernel();
    k = await KernelClient.start();
  });

  afterAll(async () => {
    await k?.close();
  });

  it("interact: models opened with the cell as parent, one display with the static figure, in-place updates on a slider change", async () => {
    const cell = await k.execute(
      'import { interact } from "upsampling-lab/widgets";\nimport { full } from "upsampling-lab";\n' +
        "const w = await interact({ k: [1, 3] }, ({ k }) => ({ y: full([k, k], k) }));\n" +
        'console.log("ids", w.controls.k.modelId, w.heatmaps.get("y")!.modelId);',
      { timeoutMs: 90_000 },
    );
    expect(cell.reply.content.status).toBe("ok");
    const text = ofType(cell.outputs, "stream")
      .map((m) => String(m.content.text))
      .join("");
    const [, sliderId, heatmapId] = /ids (\w+) (\w+)/.exec(text) ?? [];
    expect(sliderId).toBeDefined();
    const opens = ofType(cell.outputs, "comm_open");
    const heatOpen = opens.find((m) => m.content.comm_id === heatmapId)!;
    expect(heatOpen.metadata).toMatchObject({ version: "2.1.0" });
    expect(heatOpen.content.data).toMatchObject({
      state: { _model_name: "HeatmapModel", shape: [1, 1], title: "y" },
      buffer_paths: [["values"]],
    });
    expect(float32(heatOpen.buffers[0])).toEqual([1]);
    const sliderOpen = opens.find((m) => m.content.comm_id === sliderId)!;
    expect(sliderOpen.content.data).toMatchObject({
      state: { _model_name: "IntSliderModel", behavior: "drag-tap", min: 1, max: 3, value: 1 },
    });
    const displays = ofType(cell.outputs, "display_data");
    expect(displays).toHaveLength(1);
    const data = displays[0].content.data as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual([
      "application/vnd.jupyter.widget-view+json",
      "image/png",
      "image/svg+xml",
      "text/plain",
    ]);
    // Every model the display refers to was opened before it.
    const viewId = (data["application/vnd.jupyter.widget-view+json"] as { model_id: string }).model_id;
    const openIndex = cell.outputs.findIndex((m) => m.header.msg_type === "comm_open" && m.content.comm_id === viewId);
    expect(openIndex).toBeGreaterThanOrEqual(0);
    expect(openIndex).toBeLessThan(cell.outputs.indexOf(displays[0]));

    const msgId = await k.send("shell", "comm_msg", {
      comm_id: sliderId,
      data: { method: "update", state: { value: 3 }, buffer_paths: [] },
    });
    await k.idle(msgId);
    // The re-run is scheduled after the message is handled; its heatmap update has the slider message as parent.
    await k.iopub((m) => m.parent_header.msg_id === msgId && m.header.msg_type === "comm_msg" && m.content.comm_id === heatmapId);
    const after = k.outputsOf(msgId);
    const echo = ofType(after, "comm_msg").find((m) => m.content.comm_id === sliderId)!;
    expect(echo.content.data).toEqual({ method: "echo_update", state: { value: 3 }, buffer_paths: [] });
    const update = ofType(after, "comm_msg").find(
      (m) => m.content.comm_id === heatmapId && (m.content.data as { method: string }).method === "update",
    )!;
    expect(stateOf(update)).toEqual({ values: null, shape: [3, 3] });
    expect(float32(update.buffers[0])).toEqual(new Array(9).fill(3));
    expect(ofType(after, "display_data")).toHaveLength(0);
  });

  it("show() as a cell's last line: the widget view with the static figure and a display id", async () => {
    const cell = await k.execute(
      'import { show } from "upsampling-lab/widgets";\nimport { tensor } from "upsampling-lab";\nawait show(tensor([[1, 2], [3, 4]]), { title: "four" })',
      { timeoutMs: 90_000 },
    );
    expect(cell.reply.content.status).toBe("ok");
    const displays = ofType(cell.outputs, "display_data");
    expect(displays).toHaveLength(1);
    const data = displays[0].content.data as Record<string, string>;
    expect(data["image/svg+xml"]).toContain(">four</text>");
    expect((displays[0].content.transient as { display_id?: string }).display_id).toMatch(/^[0-9a-f]{32}-\d+$/);
    // The returned widget's execute_result is text only: the kernel builds it under the cell's
    // parent, so the widget knows it was already shown in this cell and no second view appears.
    const results = ofType(cell.outputs, "execute_result");
    expect(results).toHaveLength(1);
    expect(Object.keys(results[0].content.data as object)).toEqual(["text/plain"]);
  });

  it("jupyter.widget.control reports the heatmap's state with its buffer", async () => {
    const openId = await k.send("shell", "comm_open", { comm_id: "control-w", target_name: "jupyter.widget.control", data: {} });
    await k.idle(openId);
    const msgId = await k.send("shell", "comm_msg", { comm_id: "control-w", data: { method: "request_states" } });
    const reply = ofType(await k.idle(msgId), "comm_msg")[0];
    const content = reply.content.data as {
      states: Record<string, { model_name: string; state: Record<string, unknown> }>;
      buffer_paths: unknown[][];
    };
    const heatmaps = Object.entries(content.states).filter(([, s]) => s.model_name === "HeatmapModel");
    expect(heatmaps.length).toBeGreaterThan(0);
    expect(content.buffer_paths).toContainEqual([heatmaps[0][0], "state", "values"]);
  });

  it("explainer: a click on an output cell updates the explanation with its sum of terms", async () => {
    const cell = await k.execute(
      'import { ConvTransposeExplainer } from "upsampling-lab/widgets";\nconst e = new ConvTransposeExplainer();\nconsole.log("ids", e.outputMap.modelId, e.explanation.modelId);\ne',
      { timeoutMs: 90_000 },
    );
    expect(cell.reply.content.status).toBe("ok");
    const [, outputId, htmlId] =
      /ids (\w+) (\w+)/.exec(
        ofType(cell.outputs, "stream")
          .map((m) => String(m.content.text))
          .join(""),
      ) ?? [];
    const result = ofType(cell.outputs, "execute_result")[0];
    expect(Object.keys(result.content.data as object)).toEqual(
      expect.arrayContaining(["application/vnd.jupyter.widget-view+json", "image/svg+xml", "image/png"]),
    );
    const msgId = await k.send("shell", "comm_msg", {
      comm_id: outputId,
      data: { method: "custom", content: { event: "click", channel: 0, row: 1, col: 1, value: 4 } },
    });
    const outputs = await k.idle(msgId);
    const html = ofType(outputs, "comm_msg").find((m) => m.content.comm_id === htmlId)!;
    expect(String(stateOf(html).value)).toContain("0 + 2 + 2 + 0 = 4");
    expect(k.badSignatures).toBe(0);
  });

  it("a widget changed after display: update_display_data with its final text, under the cell, before idle; none for a widget left alone", async () => {
    const cell = await k.execute(
      'import { IntProgress, display } from "upsampling-lab/widgets";\n' +
        "const still = new IntProgress({ max: 4, value: 1 });\nawait display(still);\n" +
        "const moving = new IntProgress({ max: 4 });\nawait display(moving);\nfor (let i = 1; i <= 4; i++) moving.value = i;",
      { timeoutMs: 90_000 },
    );
    expect(cell.reply.content.status).toBe("ok");
    const shown = ofType(cell.outputs, "display_data");
    expect(shown).toHaveLength(2);
    const updates = ofType(cell.outputs, "update_display_data");
    expect(updates).toHaveLength(1);
    expect(updates[0].parent_header.msg_id).toBe(cell.msgId);
    expect((updates[0].content.transient as { display_id: string }).display_id).toBe(
      (shown[1].content.transient as { display_id: string }).display_id,
    );
    expect((updates[0].content.data as Record<string, string>)["text/plain"]).toContain("value=4");
    expect(cell.outputs.indexOf(updates[0])).toBeGreaterThan(cell.outputs.indexOf(shown[1]));
  });
});
