/**
 * `ConvTransposeExplainer`: a transposed convolution taken apart on screen. Input,
 * kernel and output heatmaps side by side; sliders for input size, kernel size, stride,
 * padding, output padding and dilation; a method view (scatter / zero-insertion /
 * matrix); a Play control stepping through the method; and a click on an output cell
 * showing its sum of terms (`0 + 2 + 2 + 0 = 4`) with the input pixels and kernel
 * entries that produced it highlighted. Built on `src/explain`.
 */
import { arange, Tensor, formatNumber } from "../../src/tensor";
import {
  contributions,
  convolutionMatrixExplanation,
  scatterSteps,
  zeroInsertionSteps,
  type ConvolutionMatrixExplanation,
  type ScatterExplanation,
  type ZeroInsertionExplanation,
} from "../../src/explain";
import type { HeatmapHighlight } from "../shared/protocol";
import { HBox, VBox } from "./boxes";
import { Heatmap } from "./heatmap";
import { jslink } from "./link";
import { Play } from "./play";
import { ToggleButtons } from "./selection";
import { IntSlider } from "./sliders";
import { HTML } from "./text";
import { describe } from "../../src/args";
import type { Widget } from "./widget";

/** The three ways of computing a transposed convolution the explainer can step through. */
export type ExplainMethod = "scatter" | "zero-insertion" | "matrix";

/** Options of `ConvTransposeExplainer`. */
export interface ConvTransposeExplainerOptions {
  /** The 2-D input (default: `arange(n * n)` as `n x n`, with `inputSize` n). */
  x?: Tensor;
  /** The 2-D kernel (default: `arange(k * k)` as `k x k`, with `kernelSize` k). */
  kernel?: Tensor;
  /** Side of the generated input, 1..8 (default 2; ignored when `x` is given). */
  inputSize?: number;
  /** Side of the generated kernel, 1..5 (default 2; ignored when `kernel` is given). */
  kernelSize?: number;
  /** Stride 1..4 (default 1). */
  stride?: number;
  /** Padding 0..4 (default 0). */
  padding?: number;
  /** Output padding 0..3 (default 0; must be smaller than the stride or the dilation). */
  outputPadding?: number;
  /** Dilation 1..3 (default 1). */
  dilation?: number;
  /** Method shown first (default `scatter`). */
  method?: ExplainMethod;
}

const OPTION_NAMES = ["x", "kernel", "inputSize", "kernelSize", "stride", "padding", "outputPadding", "dilation", "method"];
const METHODS: ExplainMethod[] = ["scatter", "zero-insertion", "matrix"];
const SCATTER = "#ff3b30";
const BLOCK = "#ff9500";
const WINDOW = "#007aff";
const CLICK = "#af52de";

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function square(n: number): Tensor {
  return arange(n * n).reshape([n, n]);
}

function checkTensor2d(name: string, t: unknown): Tensor | undefined {
  if (t === undefined) return undefined;
  if (!(t instanceof Tensor) || t.rank !== 2 || t.size === 0) {
    throw new RangeError(
      `ConvTransposeExplainer: ${name} must be a non-empty 2-D tensor, got ${t instanceof Tensor ? `shape [${t.shape.join(", ")}]` : describe(t)}`,
    );
  }
  return t;
}

function intOption(name: string, v: unknown, dflt: number, lo: number, hi: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi) {
    throw new RangeError(`ConvTransposeExplainer: ${name} must be an integer in ${lo}..${hi}, got ${describe(v)}`);
  }
  return v;
}

/** The explanation of the current parameters in the current method. */
type Explained =
  | { method: "scatter"; scatter: ScatterExplanation }
  | { method: "zero-insertion"; zero: ZeroInsertionExplanation }
  | { method: "matrix"; matrix: ConvolutionMatrixExplanation; output: Tensor };

/** The explainer widget; display it, or use `explainConvTranspose(...)`. */
export class ConvTransposeExplainer extends VBox {
  /** The parameter controls. */
  readonly controls: {
    inputSize: IntSlider;
    kernelSize: IntSlider;
    stride: IntSlider;
    padding: IntSlider;
    outputPadding: IntSlider;
    dilation: IntSlider;
    method: ToggleButtons;
  };
  /** Steps through the method (linked to `stepSlider` in the browser). */
  readonly play: Play;
  /** The current step (0: before the first). */
  readonly stepSlider: IntSlider;
  /** Heatmaps: the input, the kernel (rotated in the zero-insertion view), the work area (stretched/padded input, or Cᵀ), the output. */
  readonly inputMap: Heatmap;
  readonly kernelMap: Heatmap;
  readonly workMap: Heatmap;
  readonly outputMap: Heatmap;
  /** The text under the maps: the current step, or the clicked output pixel's sum of terms. */
  readonly explanation: HTML;
  private readonly maps: HBox;
  private givenX: Tensor | undefined;
  private givenKernel: Tensor | undefined;
  private explained: Explained | undefined;
  private problem: string | undefined;

  /** Builds the explainer for `options` (the article's 2x2 example by default). */
  constructor(options: ConvTransposeExplainerOptions = {}) {
    if (options === null || typeof options !== "object")
      throw new TypeError(`ConvTransposeExplainer: options must be an object, got ${describe(options)}`);
    for (const k of Object.keys(options)) {
      if (!OPTION_NAMES.includes(k))
        throw new TypeError(
          `ConvTransposeExplainer: unknown option '${k}'; allowed options are ${OPTION_NAMES.map((n) => `'${n}'`).join(", ")}`,
        );
    }
    const x = checkTensor2d("x", options.x);
    const kernel = checkTensor2d("kernel", options.kernel);
    const method = options.method ?? "scatter";
    if (!METHODS.includes(method))
      throw new RangeError(
        `ConvTransposeExplainer: method must be one of ${METHODS.map((m) => `'${m}'`).join(", ")}, got ${describe(method)}`,
      );
    const slider = (description: string, value: number, min: number, max: number, disabled = false): IntSlider =>
      new IntSlider({
        description,
        value,
        min,
        max,
        disabled,
        continuous_update: false,
        style: { description_width: "initial" },
      });
    const controls = {
      inputSize: slider("input size", x ? x.shape[0] : intOption("inputSize", options.inputSize, 2, 1, 8), 1, 8, x !== undefined),
      kernelSize: slider(
        "kernel size",
        kernel ? kernel.shape[0] : intOption("kernelSize", options.kernelSize, 2, 1, 5),
        1,
        5,
        kernel !== undefined,
      ),
      stride: slider("stride", intOption("stride", options.stride, 1, 1, 4), 1, 4),
      padding: slider("padding", intOption("padding", options.padding, 0, 0, 4), 0, 4),
      outputPadding: slider("output padding", intOption("outputPadding", options.outputPadding, 0, 0, 3), 0, 3),
      dilation: slider("dilation", intOption("dilation", options.dilation, 1, 1, 3), 1, 3),
      method: new ToggleButtons({ options: METHODS, value: method, description: "method" }),
    };
    const play = new Play({ interval: 900, description: "step" });
    const stepSlider = new IntSlider({ description: "step", continuous_update: true });
    jslink([play, "value"], [stepSlider, "value"]);
    jslink([play, "max"], [stepSlider, "max"]);
    const seed = new Tensor(new Float32Array([0]), [1, 1]);
    const mapOptions = { cellSize: 36 };
    const inputMap = new Heatmap(seed, { ...mapOptions, title: "input x" });
    const kernelMap = new Heatmap(seed, { ...mapOptions, title: "kernel" });
    const workMap = new Heatmap(seed, { ...mapOptions, title: "" });
    const outputMap = new Heatmap(seed, { ...mapOptions, title: "output y" });
    const maps = new HBox([inputMap, kernelMap, outputMap], { layout: { flex_flow: "row wrap", align_items: "flex-start" } });
    const explanation = new HTML();
    const rows: Widget[] = [
      new HBox([controls.inputSize, controls.kernelSize, controls.stride]),
      new HBox([controls.padding, controls.outputPadding, controls.dilation]),
      controls.method,
      new HBox([play, stepSlider]),
      maps,
      explanation,
    ];
    super(rows);
    this.controls = controls;
    this.play = play;
    this.stepSlider = stepSlider;
    this.inputMap = inputMap;
    this.kernelMap = kernelMap;
    this.workMap = workMap;
    this.outputMap = outputMap;
    this.maps = maps;
    this.explanation = explanation;
    this.givenX = x;
    this.givenKernel = kernel;
    for (const c of Object.values(controls)) c.observe("value", () => this.recompute());
    stepSlider.observe("value", () => this.renderStep());
    // In the browser the Play drives the slider through jslink; kernel-side changes of the Play are mirrored here.
    play.observe("value", (c) => {
      if (stepSlider.value !== c.new) stepSlider.value = c.new as number;
    });
    outputMap.onClick((click) => this.explainPixel(click.row, click.col));
    this.recompute();
  }

  /** The input being explained. */
  get x(): Tensor {
    return this.givenX ?? square(this.controls.inputSize.value);
  }
  /** Replaces the input (its size slider is then disabled). */
  set x(t: Tensor) {
    this.givenX = checkTensor2d("x", t);
    this.controls.inputSize.set({ disabled: true, value: Math.min(8, t.shape[0]) });
    this.recompute();
  }

  /** The kernel being explained. */
  get kernel(): Tensor {
    return this.givenKernel ?? square(this.controls.kernelSize.value);
  }
  /** Replaces the kernel (its size slider is then disabled). */
  set kernel(t: Tensor) {
    this.givenKernel = checkTensor2d("kernel", t);
    this.controls.kernelSize.set({ disabled: true, value: Math.min(5, t.shape[0]) });
    this.recompute();
  }

  /** The transposed-convolution options of the sliders. */
  get convOptions(): { stride: number; padding: number; outputPadding: number; dilation: number } {
    return {
      stride: this.controls.stride.value,
      padding: this.controls.padding.value,
      outputPadding: this.controls.outputPadding.value,
      dilation: this.controls.dilation.value,
    };
  }

  /** The method shown. */
  get method(): ExplainMethod {
    return this.controls.method.value as ExplainMethod;
  }

  /** The final output of the current parameters (undefined while they are invalid). */
  get output(): Tensor | undefined {
    const e = this.explained;
    if (!e) return undefined;
    return e.method === "scatter" ? e.scatter.output : e.method === "zero-insertion" ? e.zero.output : e.output;
  }

  /** Number of steps of the current method. */
  get stepCount(): number {
    const e = this.explained;
    if (!e) return 0;
    if (e.method === "scatter") return e.scatter.steps.length;
    if (e.method === "zero-insertion") return 2 + e.zero.windows.length;
    return e.matrix.CT.shape[0];
  }

  /** Shows step `k` (0..stepCount) of the current method. */
  set step(k: number) {
    this.stepSlider.value = k;
  }
  get step(): number {
    return this.stepSlider.value;
  }

  /** Shows the terms of output pixel `[row, col]` and highlights where they come from (what a click does). */
  explainPixel(row: number, col: number): void {
    if (this.problem !== undefined) return;
    let c: ReturnType<typeof contributions>;
    try {
      c = contributions(this.x, this.kernel, this.convOptions, [row, col]);
    } catch (error) {
      this.explanation.value = `<span style="color:#c00">${escapeHtml((error as Error).message)}</span>`;
      return;
    }
    const rotated = this.method === "zero-insertion";
    const [kh, kw] = this.kernel.shape;
    const inputHl: HeatmapHighlight[] = c.terms.map((t) => ({
      row: t.input.position[0],
      col: t.input.position[1],
      style: "shade",
      color: CLICK,
    }));
    const kernelHl: HeatmapHighlight[] = c.terms.map((t) => {
      const [u, v] = t.kernel.position;
      return { row: rotated ? kh - 1 - u : u, col: rotated ? kw - 1 - v : v, style: "shade", color: CLICK };
    });
    this.inputMap.highlights = inputHl;
    this.kernelMap.highlights = kernelHl;
    this.outputMap.highlights = [{ row, col, color: CLICK, label: `y[${row},${col}]` }];
    const terms = c.terms.length === 0 ? "no input pixel reaches it (output padding)" : escapeHtml(c.expanded);
    this.explanation.value =
      `<b>y[${row}, ${col}]</b> = ${escapeHtml(c.formula)}<br>` + `<span style="opacity:0.8">input · kernel: ${terms}</span>`;
  }

  private recompute(): void {
    const x = this.x;
    const kernel = this.kernel;
    const opts = this.convOptions;
    try {
      if (this.method === "scatter") this.explained = { method: "scatter", scatter: scatterSteps(x, kernel, opts) };
      else if (this.method === "zero-insertion")
        this.explained = { method: "zero-insertion", zero: zeroInsertionSteps(x, kernel, opts) };
      else {
        const output = scatterSteps(x, kernel, opts).output;
        const matrix = convolutionMatrixExplanation([output.shape[0], output.shape[1]], kernel, {
          stride: opts.stride,
          padding: opts.padding,
          dilation: opts.dilation,
        });
        this.explained = { method: "matrix", matrix, output };
      }
      this.problem = undefined;
    } catch (error) {
      this.explained = undefined;
      this.problem = (error as Error).message;
    }
    this.inputMap.update({ values: x, highlights: [] });
    this.kernelMap.update({
      values:
        this.method === "zero-insertion" && this.explained?.method === "zero-insertion"
          ? this.explained.zero.rotatedKernel
          : kernel,
      highlights: [],
      title: this.method === "zero-insertion" ? "kernel rotated 180°" : "kernel",
    });
    const wantWork = this.explained !== undefined && this.method !== "scatter";
    const children = wantWork
      ? [this.inputMap, this.kernelMap, this.workMap, this.outputMap]
      : [this.inputMap, this.kernelMap, this.outputMap];
    if (this.maps.children.length !== children.length) this.maps.children = children;
    const n = this.stepCount;
    this.stepSlider.set({ max: Math.max(0, n), value: n });
    this.play.set({ max: Math.max(0, n), value: n, playing: false });
    this.renderStep();
  }

  private renderStep(): void {
    const e = this.explained;
    if (!e) {
      this.explanation.value = `<span style="color:#c00">${escapeHtml(this.problem ?? "invalid parameters")}</span>`;
      return;
    }
    const k = Math.min(this.stepSlider.value, this.stepCount);
    if (e.method === "scatter") this.renderScatter(e.scatter, k);
    else if (e.method === "zero-insertion") this.renderZeroInsertion(e.zero, k);
    else this.renderMatrix(e.matrix, e.output, k);
    // Cells shrink for larger maps so the row of maps stays about a page wide.
    for (const map of [this.inputMap, this.kernelMap, this.workMap, this.outputMap]) {
      const [h, w] = map.shape.slice(-2);
      map.update({ cellSize: Math.max(12, Math.min(36, Math.floor(320 / Math.max(h, w)))) });
    }
  }

  private blockSize(): [number, number] {
    const [kh, kw] = this.kernel.shape;
    const d = this.convOptions.dilation;
    return [(kh - 1) * d + 1, (kw - 1) * d + 1];
  }

  private renderScatter(s: ScatterExplanation, k: number): void {
    const n = s.steps.length;
    if (k === 0) {
      this.inputMap.highlights = [];
      this.kernelMap.highlights = [];
      this.outputMap.update({ values: new Tensor(new Float32Array(s.output.size), s.output.shape), highlights: [] });
      this.explanation.value = `Scatter: each of the ${n} input pixels multiplies the whole kernel and adds the block to the output, ${this.convOptions.stride} apart. Press play.`;
      return;
    }
    const step = s.steps[k - 1];
    const [bh, bw] = this.blockSize();
    const [r, c] = step.position;
    this.inputMap.highlights = [{ row: r, col: c, color: SCATTER, label: `x[${r},${c}]` }];
    this.kernelMap.highlights = [
      { row: 0, col: 0, height: this.kernel.shape[0], width: this.kernel.shape[1], style: "shade", color: BLOCK },
    ];
    this.outputMap.update({
      values: step.runningOutput,
      highlights: [
        {
          row: step.outputOrigin[0],
          col: step.outputOrigin[1],
          height: bh,
          width: bw,
          color: BLOCK,
          label: `${formatNumber(step.value)}·k`,
        },
      ],
    });
    const cropped = step.cells.filter((cell) => cell.output === null).length;
    this.explanation.value =
      `Step ${k}/${n}: x[${r}, ${c}] = ${formatNumber(step.value)}; the block ${formatNumber(step.value)} × kernel lands at output row ${step.outputOrigin[0]}, column ${step.outputOrigin[1]}` +
      (cropped > 0 ? ` (${cropped} of its entries fall in the padding and are cropped)` : "") +
      `; the output shows the running sum.`;
  }

  private renderZeroInsertion(z: ZeroInsertionExplanation, k: number): void {
    const [bh, bw] = this.blockSize();
    const { stride, padding } = this.convOptions;
    this.inputMap.highlights = [];
    this.kernelMap.highlights = [];
    if (k <= 1) {
      const stretched = k === 0;
      this.workMap.update({
        values: stretched ? z.stretched : z.padded,
        title: stretched ? "stretched input" : "padded input",
        highlights: [],
      });
      this.outputMap.update({ values: new Tensor(new Float32Array(z.output.size), z.output.shape), highlights: [] });
      this.explanation.value = stretched
        ? `Step 1: insert z = s − 1 = ${z.z[0]} zero(s) between input pixels (stride ${stride}).`
        : `Step 2: pad by p' = d·(k − 1) − p per side (padding ${padding}): [top, left, bottom, right] = [${z.padding.join(", ")}]; then slide the rotated kernel with stride 1.`;
      return;
    }
    const done = Math.min(k - 1, z.windows.length);
    const w = z.windows[done - 1];
    const partial = new Float32Array(z.output.size);
    const ow = z.output.shape[1];
    for (let i = 0; i < done; i++) {
      const p = z.windows[i].position;
      partial[p[0] * ow + p[1]] = z.windows[i].dot;
    }
    this.workMap.update({
      values: z.padded,
      title: "padded input",
      highlights: [{ row: w.origin[0], col: w.origin[1], height: bh, width: bw, color: WINDOW, label: "window" }],
    });
    this.outputMap.update({
      values: new Tensor(partial, z.output.shape),
      highlights: [{ row: w.position[0], col: w.position[1], color: WINDOW }],
    });
    this.explanation.value = `Window ${done}/${z.windows.length}: y[${w.position[0]}, ${w.position[1]}] = ${escapeHtml(w.formula)}`;
  }

  private renderMatrix(m: ConvolutionMatrixExplanation, output: Tensor, k: number): void {
    const rows = m.CT.shape[0];
    const cols = m.CT.shape[1];
    this.inputMap.highlights = [];
    this.kernelMap.highlights = [];
    if (k === 0) {
      this.workMap.update({ values: m.CT, title: `Cᵀ (${rows}×${cols})`, highlights: [] });
      this.outputMap.update({ values: output, highlights: [] });
      this.explanation.value = `Matrix view: flatten x to a column of ${cols}; y = Cᵀ·x, where C is the ${m.C.shape[0]}×${m.C.shape[1]} matrix of the convolution with the same kernel, stride and padding. Each row of Cᵀ makes one output pixel.`;
      return;
    }
    const [r, c] = m.columnPixels[k - 1];
    this.workMap.update({
      values: m.CT,
      title: `Cᵀ (${rows}×${cols})`,
      highlights: [{ row: k - 1, col: 0, width: cols, color: WINDOW, label: m.columnLabels[k - 1].replace("x", "y") }],
    });
    const terms = contributions(this.x, this.kernel, this.convOptions, [r, c]);
    this.inputMap.highlights = terms.terms.map((t) => ({
      row: t.input.position[0],
      col: t.input.position[1],
      style: "shade" as const,
      color: WINDOW,
    }));
    this.outputMap.update({ values: output, highlights: [{ row: r, col: c, color: WINDOW }] });
    this.explanation.value = `Row ${k - 1} of Cᵀ · x = y[${r}, ${c}] = ${escapeHtml(terms.formula)}`;
  }
}

/** Builds a `ConvTransposeExplainer` (display it, or let it be the cell's last expression). */
export function explainConvTranspose(options?: ConvTransposeExplainerOptions): ConvTransposeExplainer {
  return new ConvTransposeExplainer(options);
}
