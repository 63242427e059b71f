/**
 * `interact(controls, fn)`: builds controls from a spec, runs `fn` with their values,
 * shows what it returns (tensors become heatmaps), and re-runs it on every change,
 * updating the same heatmaps in place (no new outputs). Changes are coalesced: at most
 * one run is in flight and one more is pending, always with the latest values.
 */
import { Tensor } from "../../src/tensor";
import { HBox, VBox } from "./boxes";
import { Checkbox } from "./checkbox";
import { display } from "./display";
import { Heatmap, type HeatmapOptions } from "./heatmap";
import { LatestOnlyRunner } from "./latestOnly";
import { Output } from "./output";
import { Dropdown, ToggleButtons } from "./selection";
import { FloatSlider, IntSlider } from "./sliders";
import { HTML } from "./text";
import { describe } from "../../src/args";
import { Widget } from "./widget";

/**
 * A slider spec with its starting value: `{min: 0, max: 3, value: 1}` (`step` optional). It is the
 * `[min, max, step]` abbreviation plus what ipywidgets takes from the Python function's default
 * argument (`def f(padding=1)`), which a TypeScript arrow function cannot give.
 */
export interface SliderSpec {
  min: number;
  max: number;
  /** Step between values (default 1 for integers, (max - min) / 100 otherwise). */
  step?: number;
  /** Starting value, within min..max (default min). */
  value?: number;
}

/**
 * One control of an `interact` spec, as ipywidgets' abbreviations: `[min, max]` or
 * `[min, max, step]` (all integers: IntSlider, otherwise FloatSlider; starts at min),
 * `{min, max, step?, value?}` (the same slider starting at `value`), a list of strings
 * (ToggleButtons up to 4, else Dropdown), a boolean (Checkbox), or any widget with a `value`
 * (its value type is what `fn` receives).
 */
export type ControlSpec =
  readonly [number, number] | readonly [number, number, number] | SliderSpec | readonly string[] | boolean | Widget;

/** What `fn` may return: a tensor, a heatmap, or an object/array of them; text, numbers and other values are shown as text. */
export type InteractResult =
  Tensor | Heatmap | Record<string, unknown> | unknown[] | string | number | boolean | undefined | null | void;

/** Options of `interact`. */
export interface InteractOptions {
  /** Options of the heatmaps created for returned tensors (the title defaults to the result's key). */
  heatmap?: HeatmapOptions;
}

/** The value `fn` receives for one control spec (a widget's own value type for a widget). */
type ValueOf<C> = C extends boolean
  ? boolean
  : C extends readonly string[]
    ? string
    : C extends Widget & { readonly value: infer V }
      ? V
      : number;

/** The values `fn` receives: one per control. */
type Values<S> = { [K in keyof S]: ValueOf<S[K]> };

/** The widget built for one control spec (the widget itself when one was given). */
type ControlOf<C> = C extends Widget
  ? C
  : C extends boolean
    ? Checkbox
    : C extends readonly string[]
      ? ToggleButtons<string> | Dropdown<string>
      : IntSlider | FloatSlider;

/** The controls of an `interact`, by name. */
type Controls<S> = { [K in keyof S]: ControlOf<S[K]> };

const SLIDER_SPEC_KEYS = ["min", "max", "step", "value"];

/** A slider from `[min, max, step?]` or `{min, max, step?, value?}`, checked. */
function sliderFor(
  name: string,
  min: number,
  max: number,
  step: number | undefined,
  value: number | undefined,
  given: string,
): Widget {
  if (!(min <= max)) throw new RangeError(`interact: control '${name}' needs min <= max, got ${given}`);
  if (value !== undefined && !(value >= min && value <= max)) {
    throw new RangeError(`interact: control '${name}' needs min <= value <= max, got ${given}`);
  }
  const start = value ?? min;
  if ([min, max, step ?? 1, start].every((s) => Number.isInteger(s))) {
    return new IntSlider({ min, max, step: step ?? 1, value: start, description: name });
  }
  return new FloatSlider({ min, max, step: step ?? (max - min) / 100, value: start, description: name });
}

function valueOf(w: Widget): unknown {
  return (w as unknown as { value: unknown }).value;
}

/** The control for one spec entry. */
export function controlFor(name: string, spec: unknown): Widget {
  if (spec instanceof Widget) {
    if (!("value" in spec)) throw new TypeError(`interact: control '${name}' must have a value, got a ${spec.modelName}`);
    if (spec.fullState().description === "") spec.set({ description: name });
    return spec;
  }
  if (typeof spec === "boolean") return new Checkbox({ value: spec, description: name });
  if (Array.isArray(spec) && spec.length > 0 && spec.every((s) => typeof s === "string")) {
    return spec.length <= 4
      ? new ToggleButtons({ options: spec, description: name })
      : new Dropdown({ options: spec, description: name });
  }
  if (
    Array.isArray(spec) &&
    (spec.length === 2 || spec.length === 3) &&
    spec.every((s) => typeof s === "number" && Number.isFinite(s))
  ) {
    const [min, max, step] = spec as number[];
    return sliderFor(name, min, max, step, undefined, `[${spec.join(", ")}]`);
  }
  if (spec !== null && typeof spec === "object" && !Array.isArray(spec) && Object.getPrototypeOf(spec) === Object.prototype) {
    const fields = spec as Record<string, unknown>;
    const unknownKey = Object.keys(fields).find((k) => !SLIDER_SPEC_KEYS.includes(k));
    if (unknownKey !== undefined) {
      throw new TypeError(
        `interact: control '${name}' has unknown key '${unknownKey}'; a slider spec takes min, max, step and value`,
      );
    }
    for (const key of SLIDER_SPEC_KEYS) {
      const v = fields[key];
      const optional = key === "step" || key === "value";
      if (!(optional && v === undefined) && !(typeof v === "number" && Number.isFinite(v))) {
        throw new TypeError(`interact: control '${name}' needs ${key} to be a finite number, got ${describe(v)}`);
      }
    }
    const { min, max, step, value } = fields as unknown as SliderSpec;
    return sliderFor(name, min, max, step, value, describe(spec));
  }
  throw new TypeError(
    `interact: control '${name}' must be [min, max], [min, max, step], {min, max, step?, value?}, a list of strings, a boolean or a widget, got ${describe(spec)}`,
  );
}

/** The controls, result heatmaps and output of an `interact` call (a VBox). */
export class Interactive<S extends Record<string, ControlSpec> = Record<string, ControlSpec>> extends VBox {
  /** The controls by name (each typed as the widget given, or the one built from its spec). */
  readonly controls: Controls<S>;
  /** Heatmaps of the returned tensors, by result key (`""` for a single tensor). */
  readonly heatmaps = new Map<string, Heatmap>();
  /** Captures what `fn` prints and its errors. */
  readonly output: Output;
  /** The error of the last run, if it failed. */
  lastError: unknown;
  private readonly retired = new Map<string, Heatmap>();
  private readonly results: HBox;
  private readonly text: HTML;
  private readonly runner: LatestOnlyRunner;

  /** Builds the controls and the (empty) result area; call `rerun()` (or use `interact`) to run `fn`. */
  constructor(
    spec: S,
    private readonly fn: (values: Values<S>) => InteractResult | Promise<InteractResult>,
    private readonly options: InteractOptions = {},
  ) {
    if (spec === null || typeof spec !== "object" || Array.isArray(spec))
      throw new TypeError(`interact: controls must be an object of name: spec, got ${describe(spec)}`);
    if (typeof fn !== "function") throw new TypeError(`interact: fn must be a function, got ${describe(fn)}`);
    if (options === null || typeof options !== "object")
      throw new TypeError(`interact: options must be an object, got ${describe(options)}`);
    for (const k of Object.keys(options))
      if (k !== "heatmap") throw new TypeError(`interact: unknown option '${k}'; allowed options are 'heatmap'`);
    const controls = Object.fromEntries(Object.entries(spec).map(([name, s]) => [name, controlFor(name, s)])) as Controls<S>;
    const results = new HBox([], { layout: { flex_flow: "row wrap" } });
    const text = new HTML();
    const output = new Output();
    super([new VBox(Object.values(controls)), results, text, output]);
    this.controls = controls;
    this.results = results;
    this.text = text;
    this.output = output;
    this.runner = new LatestOnlyRunner(() => this.runOnce());
    for (const control of Object.values(controls)) control.observe("value", () => this.runner.request());
  }

  /** The current value of every control. */
  values(): Values<S> {
    return Object.fromEntries(Object.entries(this.controls).map(([k, w]) => [k, valueOf(w as Widget)])) as Values<S>;
  }

  /** How many times `fn` ran. */
  get runs(): number {
    return this.runner.runs;
  }

  /** Runs `fn` again with the current values (coalesced with pending runs); resolves when idle. */
  rerun(): Promise<void> {
    this.runner.request();
    return this.runner.idle();
  }

  /** Resolves when no run is in flight or pending. */
  idle(): Promise<void> {
    return this.runner.idle();
  }

  private async runOnce(): Promise<void> {
    const values = this.values();
    await this.output.capture(async () => {
      try {
        const result = await this.fn(values);
        this.lastError = undefined;
        this.showResult(result);
      } catch (error) {
        this.lastError = error;
        console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      }
    });
  }

  private showResult(result: InteractResult): void {
    const entries: [string, unknown][] =
      result === undefined || result === null
        ? []
        : result instanceof Tensor || result instanceof Heatmap
          ? [["", result]]
          : Array.isArray(result)
            ? result.map((v, i) => [String(i), v])
            : typeof result === "object"
              ? Object.entries(result)
              : [["", result]];
    const shown: Heatmap[] = [];
    const textParts: string[] = [];
    for (const [key, value] of entries) {
      const existing = this.heatmaps.get(key) ?? this.retired.get(key);
      const reusable = existing !== undefined && !existing.closed ? existing : undefined;
      this.retired.delete(key);
      if (value instanceof Heatmap) {
        if (reusable !== undefined && reusable !== value && !value.closed) {
          // A fresh Heatmap for the same key: move its state into the one on screen (in place) and drop it.
          reusable.set(heatmapAttributes(value));
          void value.close();
          this.heatmaps.set(key, reusable);
          shown.push(reusable);
        } else {
          this.heatmaps.set(key, value);
          shown.push(value);
        }
      } else if (value instanceof Tensor && value.size > 0 && value.rank >= 1 && value.rank <= 4) {
        let h = reusable;
        if (h === undefined) {
          h = new Heatmap(value, { ...(this.options.heatmap ?? {}), title: this.options.heatmap?.title ?? key });
        } else {
          h.values = value;
        }
        this.heatmaps.set(key, h);
        shown.push(h);
      } else {
        const html = String(
          value instanceof Tensor ? value.toString() : typeof value === "string" ? value : JSON.stringify(value),
        )
          .replace(/&/g, "&amp;")
          .replace(/</g, "&lt;");
        // A multi-line value (a table, a chain of shapes) starts on its own line, so its columns stay aligned.
        const separator = html.includes("\n") ? ":\n" : ": ";
        textParts.push(key === "" ? html : `<b>${key.replace(/</g, "&lt;")}</b>${separator}${html}`);
      }
    }
    for (const [key, h] of [...this.heatmaps]) {
      if (!shown.includes(h)) {
        // Kept for reuse if a later run returns this key again.
        this.heatmaps.delete(key);
        this.retired.set(key, h);
      }
    }
    const current = this.results.children;
    if (current.length !== shown.length || current.some((c, i) => c !== shown[i])) this.results.children = shown;
    this.text.value = textParts.length > 0 ? `<pre>${textParts.join("\n")}</pre>` : "";
  }
}

/** The synced heatmap attributes of `h` (everything but the model names and the layout). */
function heatmapAttributes(h: Heatmap): Record<string, unknown> {
  const state = h.fullState();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(state))
    if (!k.startsWith("_model_") && !k.startsWith("_view_") && k !== "layout") out[k] = v;
  return out;
}

/** Builds the controls and result area of `interact` without displaying or running it. */
export function interactive<S extends Record<string, ControlSpec>>(
  controls: S,
  fn: (values: Values<S>) => InteractResult | Promise<InteractResult>,
  options?: InteractOptions,
): Interactive<S> {
  return new Interactive(controls, fn, options);
}

/**
 * Builds controls from `controls` (e.g. `{stride: [1, 4], padding: [0, 3], mode: ["nearest", "bilinear"], flag: true}`),
 * runs `fn` once with their values, displays controls and results, and re-runs `fn` on every change,
 * updating the same heatmaps in place. Resolves with the widget after the first run is displayed.
 */
export async function interact<S extends Record<string, ControlSpec>>(
  controls: S,
  fn: (values: Values<S>) => InteractResult | Promise<InteractResult>,
  options?: InteractOptions,
): Promise<Interactive<S>> {
  const w = interactive(controls, fn, options);
  await w.rerun();
  await display(w);
  return w;
}
