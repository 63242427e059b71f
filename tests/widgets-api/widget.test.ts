import { beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  Checkbox,
  Dropdown,
  FloatSlider,
  HBox,
  IntRangeSlider,
  IntSlider,
  Label,
  Output,
  Play,
  ToggleButtons,
  VBox,
  display,
  jslink,
  liveModelCount,
  type ChangeEvent,
} from "../../widgets/api";
import { registerKernelBridge, type KernelBridge } from "../../widgets/bridge";
import { installRecordingBridge, settle, type RecordingBridge } from "./recordingBridge";
import { captureWarningsEachTest } from "./warningCapture";

const warnings = captureWarningsEachTest();
let bridge: RecordingBridge;
beforeEach(() => {
  bridge = installRecordingBridge();
});

describe("Widget state sync", () => {
  it("sends only changed attributes in one update, and calls observers with old and new values", async () => {
    const s = new IntSlider({ value: 2, min: 1, max: 4, description: "stride" });
    const seen: ChangeEvent[] = [];
    s.observe("value", (c) => void seen.push(c));
    s.value = 3;
    s.value = 3; // no change, no message
    s.set({ description: "s", max: 8 });
    await s.flush();
    expect(bridge.messages(s.modelId).map((m) => m.data)).toEqual([
      { method: "update", state: { value: 3 }, buffer_paths: [] },
      { method: "update", state: { description: "s", max: 8 }, buffer_paths: [] },
    ]);
    expect(seen.map((c) => [c.name, c.old, c.new])).toEqual([["value", 2, 3]]);
    expect(seen[0].owner).toBe(s);
  });

  it("applies a frontend update: echo_update first, observers run, no update bounced back", async () => {
    const s = new IntSlider({ max: 10 });
    const seen: number[] = [];
    s.observe("value", (c) => void seen.push(c.new as number));
    await s.flush();
    await bridge.frontendSends(s.modelId, { method: "update", state: { value: 7 }, buffer_paths: [] });
    expect(s.value).toBe(7);
    expect(seen).toEqual([7]);
    const msgs = bridge.messages(s.modelId);
    expect(msgs.map((m) => m.data)).toEqual([{ method: "echo_update", state: { value: 7 }, buffer_paths: [] }]);
    expect(msgs[0].parent).toBe("frontend-msg");
  });

  it("sends an update when an observer changes the value the frontend just set", async () => {
    const s = new IntSlider({ max: 10 });
    s.observe("value", (c) => {
      if ((c.new as number) % 2 === 1) s.value = (c.new as number) - 1; // only even values
    });
    await bridge.frontendSends(s.modelId, { method: "update", state: { value: 5 }, buffer_paths: [] });
    expect(s.value).toBe(4);
    expect(bridge.messages(s.modelId).map((m) => m.data.method)).toEqual(["echo_update", "update"]);
    expect(bridge.messages(s.modelId)[1].data.state).toEqual({ value: 4 });
  });

  it("clamps values to min..max like ipywidgets, and rejects min > max naming both", async () => {
    const s = new IntSlider({ value: 50, min: 0, max: 100 });
    s.max = 10;
    expect(s.value).toBe(10);
    expect(() => s.set({ min: 20 })).toThrow(/IntSlider: min must not exceed max, got min 20 and max 10/);
    expect(s.min).toBe(0);
    const r = new IntRangeSlider({ value: [8, 2], max: 5 });
    expect(r.value).toEqual([2, 5]);
  });

  it("types get and set by the state's names, with a property per attribute", () => {
    const s = new IntSlider({ value: 2, max: 9, description: "k" });
    expectTypeOf(s.get("value")).toEqualTypeOf<number>();
    expectTypeOf(s.get("description")).toEqualTypeOf<string>();
    expectTypeOf(s.value).toEqualTypeOf<number>();
    expectTypeOf(new IntRangeSlider().value).toEqualTypeOf<[number, number]>();
    expectTypeOf(new Checkbox().value).toEqualTypeOf<boolean>();
    s.value = 5;
    expect([s.get("value"), s.value, s.max, s.description]).toEqual([5, 5, 9, "k"]);
    s.set({ max: 4 });
    expect(s.value).toBe(4); // clamped by the slider's own rule, as through set
    expect(Object.getOwnPropertyNames(s)).not.toContain("value"); // a prototype property over the state
    const range = new IntRangeSlider({ value: [1, 3] });
    range.value.push(9); // a copy: editing it cannot bypass set
    expect(range.value).toEqual([1, 3]);
  });

  it("rejects unknown options and wrong types with the name and the value", () => {
    expect(() => new IntSlider({ vlaue: 3 } as never)).toThrow(
      /IntSlider: unknown option 'vlaue'; allowed options are .*'value'/,
    );
    expect(() => new IntSlider({ value: 2.5 })).toThrow(/IntSlider: value must be an integer, got 2.5/);
    expect(() => new FloatSlider({ value: NaN })).toThrow(/FloatSlider: value must be a finite number, got NaN/);
    expect(() => new Checkbox({ value: "yes" as never })).toThrow(/Checkbox: value must be true or false, got 'yes'/);
    const s = new IntSlider();
    // Names outside the slider's state do not compile; at run time (untyped notebook code) they throw.
    expect(() => s.set({ nope: 1 } as never)).toThrow(/unknown attribute 'nope'/);
    expect(() => s.set({ _model_name: "X" } as never)).toThrow(/'_model_name' cannot be changed/);
    expect(() => s.observe("nope" as never, () => undefined)).toThrow(/has no attribute 'nope'/);
  });

  it("survives malformed frontend messages with a logged warning and resyncs rejected values", async () => {
    const s = new IntSlider({ value: 3, max: 10 });
    await s.flush();
    await bridge.frontendSends(s.modelId, { method: "update", state: { value: "seven" }, buffer_paths: [] });
    await bridge.frontendSends(s.modelId, { method: "update", state: { bogus: 1 } });
    await bridge.frontendSends(s.modelId, { method: "update", state: "not an object" });
    await bridge.frontendSends(s.modelId, { method: "update", state: { value: 1 }, buffer_paths: [["value"]] });
    await bridge.frontendSends(s.modelId, { method: "launch_rockets" });
    await bridge.frontendSends(s.modelId, { method: "update", state: { _model_name: "EvilModel" } });
    expect(s.value).toBe(3);
    expect(s.modelName).toBe("IntSliderModel");
    expect(warnings.join("\n")).toMatch(/ignored an invalid 'value' from the frontend.*value must be an integer, got 'seven'/);
    expect(warnings.join("\n")).toMatch(/ignored unknown attribute 'bogus'/);
    expect(warnings.join("\n")).toMatch(/malformed update.*state must be an object/);
    expect(warnings.join("\n")).toMatch(/buffer_paths lists 1 paths but the message has 0 buffers/);
    expect(warnings.join("\n")).toMatch(/unknown method 'launch_rockets'/);
    expect(warnings.join("\n")).toMatch(/ignored a change of '_model_name'/);
    // The rejected value is sent back so the slider shows the kernel's value again.
    expect(bridge.messages(s.modelId).map((m) => m.data)).toEqual([{ method: "update", state: { value: 3 }, buffer_paths: [] }]);
  });

  it("answers request_state with the full state, parented to the request", async () => {
    const s = new IntSlider({ value: 2 });
    await bridge.frontendSends(s.modelId, { method: "request_state" }, [], "req-9");
    const [reply] = bridge.messages(s.modelId);
    expect(reply.parent).toBe("req-9");
    expect(reply.data.method).toBe("update");
    expect(reply.data.state).toEqual(bridge.opened(s.modelId).data.state);
  });

  it("reports errors thrown by observers without breaking the widget", async () => {
    const s = new IntSlider({ max: 10 });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => void errors.push(a.join(" "));
    try {
      s.observe("value", () => {
        throw new Error("boom");
      });
      await bridge.frontendSends(s.modelId, { method: "update", state: { value: 4 }, buffer_paths: [] });
    } finally {
      console.error = original;
    }
    expect(s.value).toBe(4);
    expect(String(errors[0])).toMatch(/Error in an observer of 'value': Error: boom/);
  });

  it("delivers custom messages to onCustom handlers and sends custom messages", async () => {
    const s = new Label();
    const got: unknown[] = [];
    s.onCustom((content) => void got.push(content));
    await bridge.frontendSends(s.modelId, { method: "custom", content: { event: "click" } });
    await s.sendCustom({ hello: 1 });
    expect(got).toEqual([{ event: "click" }]);
    expect(bridge.messages(s.modelId).at(-1)!.data).toEqual({ method: "custom", content: { hello: 1 } });
  });

  it("closes the comm and its own layout and style; frontend closes unregister the model", async () => {
    const before = liveModelCount();
    const s = new IntSlider();
    expect(liveModelCount()).toBe(before + 3);
    await s.close();
    await settle();
    const closed = bridge.log.filter((r) => r.kind === "comm_close").map((r) => (r as { commId: string }).commId);
    expect(closed).toContain(s.modelId);
    expect(closed).toHaveLength(3);
    expect(liveModelCount()).toBe(before);
    const c = new Checkbox();
    await bridge.frontendCloses(c.modelId);
    expect(c.closed).toBe(true);
  });

  it("registers a state provider reporting every live model for jupyter.widget.control", () => {
    const s = new IntSlider({ value: 5 });
    expect(bridge.providers).toHaveLength(1);
    const states = bridge.providers[0]();
    expect(states[s.modelId].model_name).toBe("IntSliderModel");
    expect(states[s.modelId].model_module).toBe("@jupyter-widgets/controls");
    expect(states[s.modelId].model_module_version).toBe("2.0.0");
    expect(states[s.modelId].state.value).toBe(5);
  });

  it("throws a clear error outside the kernel", () => {
    registerKernelBridge(undefined as unknown as KernelBridge);
    expect(() => new IntSlider()).toThrow(/IntSlider needs the Upsampling Lab Jupyter kernel/);
  });
});

describe("display", () => {
  it("sends the widget view (version 2.0) with text after the model is open", async () => {
    const s = new IntSlider({ value: 2, description: "stride" });
    await display(s);
    const d = bridge.log.at(-1)!;
    expect(d.kind).toBe("display");
    if (d.kind !== "display") return;
    expect(d.bundle["application/vnd.jupyter.widget-view+json"]).toEqual({
      version_major: 2,
      version_minor: 0,
      model_id: s.modelId,
    });
    expect(d.bundle["text/plain"]).toBe("IntSlider(value=2, description='stride')");
    expect(bridge.log.indexOf(bridge.opened(s.modelId))).toBeLessThan(bridge.log.length - 1);
  });

  it("shows any value: Jupyter.display bundles, or text", async () => {
    await display({ [Symbol.for("Jupyter.display")]: () => ({ "text/html": "<b>x</b>" }) });
    await display([1, 2]);
    await display("plain");
    const bundles = bridge.log.filter((r) => r.kind === "display").map((r) => (r as { bundle: unknown }).bundle);
    expect(bundles[0]).toMatchObject({ "text/html": "<b>x</b>" });
    expect(bundles[1]).toEqual({ "text/plain": "[ 1, 2 ]" });
    expect(bundles[2]).toEqual({ "text/plain": "plain" });
  });
});

describe("controls", () => {
  it("Dropdown and ToggleButtons map labels to values through index", async () => {
    const d = new Dropdown({ options: ["nearest", "bilinear"], description: "mode" });
    expect(bridge.opened(d.modelId).data.state).toMatchObject({ _options_labels: ["nearest", "bilinear"], index: 0 });
    expect(d.value).toBe("nearest");
    const seen: unknown[] = [];
    d.observe("value", (c) => void seen.push([c.old, c.new]));
    await bridge.frontendSends(d.modelId, { method: "update", state: { index: 1 }, buffer_paths: [] });
    expect(d.value).toBe("bilinear");
    expect(seen).toEqual([["nearest", "bilinear"]]);
    const t = new ToggleButtons({
      options: [
        ["one", 1],
        ["two", 2],
      ],
      value: 2,
    });
    expect(t.index).toBe(1);
    expect(t.label).toBe("two");
    expect(() => (t.value = 3)).toThrow(/value 3 is not one of the options \[1, 2\]/);
    await bridge.frontendSends(t.modelId, { method: "update", state: { index: 5 }, buffer_paths: [] });
    expect(warnings.join("\n")).toMatch(/index must be in 0..1 or null, got 5/);
    expect(t.index).toBe(1);
  });

  it("boxes refer to children opened before them, and update children in place", async () => {
    const a = new Label({ value: "a" });
    const b = new Checkbox();
    const box = new HBox([a, b]);
    expect(bridge.opened(box.modelId).data.state).toMatchObject({
      children: [`IPY_MODEL_${a.modelId}`, `IPY_MODEL_${b.modelId}`],
    });
    const c = new Label({ value: "c" });
    box.children = [c];
    await box.flush();
    expect(bridge.messages(box.modelId).at(-1)!.data.state).toEqual({ children: [`IPY_MODEL_${c.modelId}`] });
    await bridge.frontendSends(box.modelId, {
      method: "update",
      state: { children: [`IPY_MODEL_${a.modelId}`] },
      buffer_paths: [],
    });
    expect(box.children).toEqual([a]);
    expect(() => new VBox([{} as never])).toThrow(/children\[0\] must be a widget/);
  });

  it("jslink checks that both ends have the attribute", () => {
    const p = new Play({ max: 9 });
    const s = new IntSlider({ max: 9 });
    expect(() => jslink([p, "value"], [s, "valu"])).toThrow(/IntSliderModel has no synced attribute 'valu'/);
    expect(() => jslink([p, "value"], ["x" as never, "value"])).toThrow(/must be a widget/);
  });
});

describe("Output", () => {
  it("captures a callback's output: msg_id set to the current request before, cleared after", async () => {
    const out = new Output();
    await out.flush();
    bridge.parent = { msg_id: "comm-msg-7" };
    let logLengthAtRun = -1;
    const result = await out.capture(async () => {
      logLengthAtRun = bridge.log.length;
      return 42;
    });
    expect(result).toBe(42);
    const msgs = bridge.messages(out.modelId).map((m) => m.data.state);
    expect(msgs).toEqual([{ msg_id: "comm-msg-7" }, { msg_id: "" }]);
    // The msg_id update was on the wire before the callback ran.
    expect(bridge.log.indexOf(bridge.messages(out.modelId)[0])).toBeLessThan(logLengthAtRun);
  });

  it("resets msg_id even when the callback throws, and appends outputs directly", async () => {
    const out = new Output();
    await expect(
      out.capture(() => {
        throw new Error("bad");
      }),
    ).rejects.toThrow("bad");
    expect(out.get("msg_id")).toBe("");
    out.appendStdout("hello\n");
    out.appendDisplay({ "text/plain": "x" });
    expect(out.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "hello\n" },
      { output_type: "display_data", data: { "text/plain": "x" }, metadata: {} },
    ]);
    await out.clear();
    expect(out.outputs).toEqual([]);
  });
});
