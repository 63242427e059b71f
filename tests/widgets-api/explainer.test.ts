import { beforeEach, describe, expect, it } from "vitest";
import { ones, tensor, zeros } from "../../src/tensor";
import { convTranspose2d } from "../../src/conv";
import { ConvTransposeExplainer, display } from "../../widgets/api";
import { installRecordingBridge, type RecordingBridge } from "./recordingBridge";
import { captureWarningsEachTest } from "./warningCapture";

captureWarningsEachTest();
let bridge: RecordingBridge;
beforeEach(() => {
  bridge = installRecordingBridge();
});

describe("ConvTransposeExplainer", () => {
  it("shows the article's 2x2 example: input, kernel and output heatmaps", () => {
    const e = new ConvTransposeExplainer();
    expect(e.x.toArray()).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(e.kernel.toArray()).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(e.outputMap.values.toArray()).toEqual([
      [0, 0, 1],
      [0, 4, 6],
      [4, 12, 9],
    ]);
    expect(e.stepCount).toBe(4);
    expect(e.step).toBe(4);
  });

  it("clicking an output cell shows its sum of terms and highlights where they come from", async () => {
    const e = new ConvTransposeExplainer();
    await bridge.frontendSends(e.outputMap.modelId, {
      method: "custom",
      content: { event: "click", channel: 0, row: 1, col: 1, value: 4 },
    });
    expect(e.explanation.value).toContain("<b>y[1, 1]</b> = 0 + 2 + 2 + 0 = 4");
    expect(e.inputMap.highlights.map((h) => [h.row, h.col])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(e.kernelMap.highlights.map((h) => [h.row, h.col])).toEqual([
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    expect(e.outputMap.highlights).toEqual([{ row: 1, col: 1, color: "#af52de", label: "y[1,1]" }]);
  });

  it("steps through the scatter: the scattered pixel, its block in the output, the running sum", () => {
    const e = new ConvTransposeExplainer({ stride: 2 });
    e.step = 0;
    expect(e.outputMap.values.toArray()).toEqual(zeros([4, 4]).toArray());
    e.step = 2;
    expect(e.inputMap.highlights).toEqual([{ row: 0, col: 1, color: "#ff3b30", label: "x[0,1]" }]);
    expect(e.outputMap.highlights[0]).toMatchObject({ row: 0, col: 2, height: 2, width: 2 });
    expect(e.outputMap.values.toArray()).toEqual([
      [0, 0, 0, 1],
      [0, 0, 2, 3],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(e.explanation.value).toMatch(/^Step 2\/4: x\[0, 1\] = 1/);
    e.step = 4;
    expect(
      e.outputMap.values.allClose(
        convTranspose2d(e.x.reshape([1, 1, 2, 2]), e.kernel.reshape([1, 1, 2, 2]), { stride: 2 }).reshape([4, 4]),
      ),
    ).toBe(true);
  });

  it("steps through zero insertion: stretched, padded, then each window with its dot product", () => {
    const e = new ConvTransposeExplainer({
      x: tensor([
        [1, 2],
        [3, 4],
      ]),
      kernel: ones([3, 3]),
      stride: 2,
      padding: 1,
      method: "zero-insertion",
    });
    expect(e.figureScene()?.mapCount).toBe(4);
    expect(e.controls.inputSize.get("disabled")).toBe(true);
    e.step = 0;
    expect(e.workMap.shape).toEqual([3, 3]);
    expect(e.workMap.title).toBe("stretched input");
    e.step = 1;
    expect(e.workMap.shape).toEqual([5, 5]);
    e.step = 2;
    expect(e.workMap.highlights[0]).toMatchObject({ row: 0, col: 0, height: 3, width: 3, label: "window" });
    expect(e.explanation.value).toMatch(/^Window 1\/9: y\[0, 0\] = /);
    expect(e.kernelMap.title).toBe("kernel rotated 180°");
  });

  it("shows the matrix view: Cᵀ with the row making the current output pixel", () => {
    const e = new ConvTransposeExplainer({ method: "matrix" });
    expect(e.workMap.shape).toEqual([9, 4]);
    e.step = 5;
    expect(e.workMap.highlights[0]).toMatchObject({ row: 4, col: 0, width: 4 });
    expect(e.explanation.value).toContain("y[1, 1] = 0 + 2 + 2 + 0 = 4");
  });

  it("re-explains when a slider moves, and shows invalid combinations as a message", async () => {
    const e = new ConvTransposeExplainer();
    await bridge.frontendSends(e.controls.stride.modelId, { method: "update", state: { value: 3 }, buffer_paths: [] });
    expect(e.outputMap.shape).toEqual([5, 5]);
    await bridge.frontendSends(e.controls.outputPadding.modelId, { method: "update", state: { value: 3 }, buffer_paths: [] });
    expect(e.output).toBeUndefined();
    expect(e.explanation.value).toMatch(/color:#c00.*outputPadding/);
    expect(e.outputMap.shape).toEqual([5, 5]); // the last good map stays
  });

  it("rejects bad options naming them", () => {
    expect(() => new ConvTransposeExplainer({ strides: 2 } as never)).toThrow(/unknown option 'strides'/);
    expect(() => new ConvTransposeExplainer({ stride: 9 })).toThrow(/stride must be an integer in 1..4, got 9/);
    expect(() => new ConvTransposeExplainer({ x: zeros([2, 2, 2]) })).toThrow(
      /x must be a non-empty 2-D tensor, got shape \[2, 2, 2\]/,
    );
    expect(() => new ConvTransposeExplainer({ method: "fft" as never })).toThrow(/method must be one of/);
  });

  it("displays as one VBox whose static figure holds the input, kernel and output maps", async () => {
    const e = new ConvTransposeExplainer();
    await display(e);
    const d = bridge.log.find((r) => r.kind === "display");
    if (d?.kind !== "display") throw new Error("no display");
    const svg = d.bundle["image/svg+xml"] as string;
    expect(svg.match(/class="colorbar-label"/g)!.length).toBeGreaterThan(6);
    expect(svg).toContain(">12</text>");
    expect(svg).toContain(">stride = 1</text>");
    expect(svg).toContain(">method = scatter</text>");
  });
});
