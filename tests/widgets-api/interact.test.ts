import { beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { full, tensor } from "../../src/tensor";
import {
  Checkbox,
  Dropdown,
  FloatSlider,
  HTML,
  Heatmap,
  IntSlider,
  LatestOnlyRunner,
  ToggleButtons,
  interact,
  interactive,
} from "../../widgets/api";
import { installRecordingBridge, settle, type RecordingBridge } from "./recordingBridge";
import { captureWarningsEachTest } from "./warningCapture";

captureWarningsEachTest();
let bridge: RecordingBridge;
beforeEach(() => {
  bridge = installRecordingBridge();
});

describe("interact", () => {
  it("builds controls from the spec", () => {
    const w = interactive(
      {
        stride: [1, 4],
        scale: [0.5, 2],
        mode: ["nearest", "bilinear"],
        many: ["a", "b", "c", "d", "e"],
        flag: true,
        s: new IntSlider({ min: 3, max: 9, value: 5 }),
      },
      () => undefined,
    );
    expect(w.controls.stride).toBeInstanceOf(IntSlider);
    expect(w.controls.stride.fullState()).toMatchObject({ min: 1, max: 4, step: 1, value: 1, description: "stride" });
    expect(w.controls.scale).toBeInstanceOf(FloatSlider);
    expect(w.controls.mode).toBeInstanceOf(ToggleButtons);
    expect(w.controls.many).toBeInstanceOf(Dropdown);
    expect(w.controls.flag).toBeInstanceOf(Checkbox);
    expect(w.controls.s.fullState().description).toBe("s");
    expect(w.values()).toEqual({ stride: 1, scale: 0.5, mode: "nearest", many: "a", flag: true, s: 5 });
  });

  it("rejects specs it cannot turn into controls, naming the control", () => {
    expect(() => interactive({ x: [3, 1] }, () => undefined)).toThrow(/control 'x' needs min <= max, got \[3, 1\]/);
    expect(() => interactive({ x: "abc" as never }, () => undefined)).toThrow(/control 'x' must be \[min, max\].*got 'abc'/);
    expect(() => interactive({ x: [1, 2] }, 5 as never)).toThrow(/fn must be a function/);
    expect(() => interactive({ x: [1, 2] }, () => undefined, { title: "x" } as never)).toThrow(/unknown option 'title'/);
  });

  it("starts a {min, max, step?, value?} slider at its value, and checks it", () => {
    const w = interactive(
      { padding: { min: 0, max: 3, value: 1 }, scale: { min: 0, max: 2, step: 0.25, value: 1.5 }, low: { min: 2, max: 5 } },
      () => undefined,
    );
    expect(w.controls.padding).toBeInstanceOf(IntSlider);
    expect(w.controls.padding.fullState()).toMatchObject({ min: 0, max: 3, step: 1, value: 1, description: "padding" });
    expect(w.controls.scale).toBeInstanceOf(FloatSlider);
    expect(w.controls.scale.fullState()).toMatchObject({ min: 0, max: 2, step: 0.25, value: 1.5 });
    expect(w.values()).toEqual({ padding: 1, scale: 1.5, low: 2 });
    expect(() => interactive({ p: { min: 0, max: 3, value: 4 } }, () => undefined)).toThrow(
      /control 'p' needs min <= value <= max, got {"min":0,"max":3,"value":4}/,
    );
    expect(() => interactive({ p: { min: 0, max: 3, start: 1 } as never }, () => undefined)).toThrow(
      /control 'p' has unknown key 'start'/,
    );
    expect(() => interactive({ p: { min: 0, max: Number.NaN } }, () => undefined)).toThrow(
      /control 'p' needs max to be a finite number, got NaN/,
    );
    expect(() => interactive({ p: { max: 3 } as never }, () => undefined)).toThrow(
      /control 'p' needs min to be a finite number, got undefined/,
    );
  });

  it("types fn's values and the controls from the widgets given", () => {
    const w = interactive(
      {
        s: new IntSlider({ max: 9, value: 5 }),
        mode: new Dropdown({ options: ["nearest", "bilinear"] }),
        k: new ToggleButtons({
          options: [
            ["one", 1],
            ["two", 2],
          ] as const,
        }),
        flag: new Checkbox({ value: true }),
        n: [0, 3],
        p: { min: 0, max: 3, value: 2 },
      },
      (values) => {
        expectTypeOf(values.s).toEqualTypeOf<number>();
        expectTypeOf(values.mode).toEqualTypeOf<string | null>();
        expectTypeOf(values.k).toEqualTypeOf<1 | 2 | null>();
        expectTypeOf(values.flag).toEqualTypeOf<boolean>();
        expectTypeOf(values.n).toEqualTypeOf<number>();
        expectTypeOf(values.p).toEqualTypeOf<number>();
        return undefined;
      },
    );
    expectTypeOf(w.controls.s).toEqualTypeOf<IntSlider>();
    expectTypeOf(w.controls.mode).toEqualTypeOf<Dropdown<string>>();
    expect(w.values()).toEqual({ s: 5, mode: "nearest", k: 1, flag: true, n: 0, p: 2 });
    // @ts-expect-error a Dropdown's value must be one of its options' type
    expect(() => new Dropdown({ options: ["a", "b"], value: 3 })).toThrow(/value 3 is not one of the options/);
  });

  it("runs fn, displays once, and on every change updates the same heatmap in place", async () => {
    const calls: unknown[] = [];
    const w = await interact({ k: [1, 3], label: ["a", "b"] }, ({ k, label }) => {
      calls.push([k, label]);
      return { y: full([k, k], k), note: `k=${k}` };
    });
    const displays = () => bridge.log.filter((r) => r.kind === "display");
    expect(displays()).toHaveLength(1);
    const d = displays()[0];
    if (d.kind !== "display") return;
    expect(d.bundle["application/vnd.jupyter.widget-view+json"]).toMatchObject({ model_id: w.modelId });
    expect(d.bundle["image/svg+xml"]).toContain(">1</text>");
    const h = w.heatmaps.get("y")!;
    expect(h).toBeInstanceOf(Heatmap);
    expect(h.title).toBe("y");
    expect(h.shape).toEqual([1, 1]);

    await bridge.frontendSends(w.controls.k.modelId, { method: "update", state: { value: 3 }, buffer_paths: [] });
    await w.idle();
    await h.flush();
    expect(calls).toEqual([
      [1, "a"],
      [3, "a"],
    ]);
    expect(w.heatmaps.get("y")).toBe(h);
    expect(h.shape).toEqual([3, 3]);
    expect(displays()).toHaveLength(1); // no new outputs
    const update = bridge.messages(h.modelId).at(-1)!;
    expect(update.data.state).toEqual({ values: null, shape: [3, 3] });
    expect(update.parent).toBe("frontend-msg");
    expect(w.fullState().children).toBeDefined();
  });

  it("coalesces a burst of changes: one run in flight, then one run with the latest values", async () => {
    let release: () => void = () => undefined;
    const seen: number[] = [];
    const w = interactive({ k: [0, 100] }, async ({ k }) => {
      seen.push(k);
      await new Promise<void>((r) => (release = r));
      return tensor([[k]]);
    });
    const first = w.rerun();
    await settle();
    expect(seen).toEqual([0]);
    for (let v = 1; v <= 20; v++) w.controls.k.set({ value: v });
    release();
    await settle();
    expect(seen).toEqual([0, 20]);
    release();
    await first;
    expect(w.runs).toBe(2);
    expect(w.heatmaps.get("")!.values.toArray()).toEqual([[20]]);
  });

  it("prints fn's errors into the output widget and keeps serving later changes", async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => void errors.push(a.join(" "));
    try {
      const w = await interact({ k: [0, 2] }, ({ k }) => {
        if (k === 1) throw new RangeError("k must not be 1");
        return tensor([[k]]);
      });
      w.controls.k.set({ value: 1 });
      await w.idle();
      expect(String(w.lastError)).toMatch(/k must not be 1/);
      expect(errors).toEqual(["RangeError: k must not be 1"]);
      // The output widget captured the error: its msg_id was set around the run.
      expect(bridge.messages(w.output.modelId).map((m) => m.data.state)).toContainEqual({ msg_id: "cell-1" });
      w.controls.k.set({ value: 2 });
      await w.idle();
      expect(w.lastError).toBeUndefined();
      expect(w.heatmaps.get("")!.values.toArray()).toEqual([[2]]);
    } finally {
      console.error = original;
    }
  });
});

describe("interact results", () => {
  it("moves the state of a freshly returned Heatmap into the one on screen, and reuses heatmaps of keys that come back", async () => {
    const w = await interact({ k: [1, 2], show: true }, ({ k, show }) =>
      show ? { y: new Heatmap(full([k, k], k), { title: `k = ${k}` }), note: `k=${k}` } : { note: "hidden" },
    );
    const first = w.heatmaps.get("y")!;
    w.controls.k.set({ value: 2 });
    await w.idle();
    expect(w.heatmaps.get("y")).toBe(first);
    expect(first.title).toBe("k = 2");
    expect(first.shape).toEqual([2, 2]);
    expect((w.children[2] as HTML).value).toBe("<pre><b>note</b>: k=2</pre>");
    w.controls.show.set({ value: false });
    await w.idle();
    expect(w.heatmaps.size).toBe(0);
    w.controls.show.set({ value: true });
    await w.idle();
    expect(w.heatmaps.get("y")).toBe(first);
    const kValue: number = w.values().k;
    const showValue: boolean = w.values().show;
    expect([kValue, showValue]).toEqual([2, true]);
  });
});

describe("LatestOnlyRunner", () => {
  it("never runs twice at once and runs once more after a burst", async () => {
    let active = 0;
    let maxActive = 0;
    const r = new LatestOnlyRunner(async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((res) => setTimeout(res, 5));
      active--;
    });
    for (let i = 0; i < 50; i++) r.request();
    await r.idle();
    expect(maxActive).toBe(1);
    expect(r.runs).toBe(1);
    r.request();
    await new Promise((res) => setTimeout(res, 1));
    for (let i = 0; i < 50; i++) r.request();
    await r.idle();
    expect(r.runs).toBe(3);
  });
});
