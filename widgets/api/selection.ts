/**
 * Selection controls: `Dropdown` and `ToggleButtons`. The frontend sees the option
 * labels (`_options_labels`) and the selected `index`; the kernel keeps the values
 * behind the labels, so `value` may be any value (a string, a number, an object).
 */
import type { Scene } from "../../src/figure";
import { Layout } from "./layout";
import { controlCaption } from "./staticFigure";
import { domWidgetSpec, modelHeader, type DescriptionOptions } from "./modelSpec";
import { DescriptionStyle, ToggleButtonsStyle } from "./styles";
import { describe } from "../../src/args";
import { arrayOf, bool, int, nullable, oneOf, str } from "./traits";
import { widgetWithState } from "./stateProperties";
import type { ChangeCallback, WidgetSpec } from "./widget";

/**
 * Options as labels (`["nearest", "bilinear"]`) or `[label, value]` pairs; `V` is the type of the
 * values (inferred: `string` for labels, `number` for `[["one", 1], ["two", 2]]`).
 */
export type SelectionOptions<V = unknown> = ReadonlyArray<(V & (string | number | boolean)) | readonly [string, V]>;

/** Options of the selection controls (`V`: the type of the option values). */
export interface SelectionWidgetOptions<V = unknown> extends DescriptionOptions {
  /** The choices. */
  options?: SelectionOptions<V>;
  /** The selected value (default: the first option). */
  value?: V;
  /** The selected index (default 0 when there are options). */
  index?: number | null;
  disabled?: boolean;
}

function splitOptions(what: string, options: unknown): { labels: string[]; values: unknown[] } {
  if (!Array.isArray(options))
    throw new TypeError(`${what}: options must be an array of labels or [label, value] pairs, got ${describe(options)}`);
  const labels: string[] = [];
  const values: unknown[] = [];
  options.forEach((o: unknown, i) => {
    if (Array.isArray(o)) {
      if (o.length !== 2 || typeof o[0] !== "string")
        throw new TypeError(`${what}: options[${i}] must be a label or a [label, value] pair, got ${describe(o)}`);
      labels.push(o[0]);
      values.push(o[1]);
    } else if (typeof o === "string" || typeof o === "number" || typeof o === "boolean") {
      labels.push(String(o));
      values.push(o);
    } else {
      throw new TypeError(`${what}: options[${i}] must be a label or a [label, value] pair, got ${describe(o)}`);
    }
  });
  return { labels, values };
}

function prepare<V>(
  what: string,
  options: SelectionWidgetOptions<V> | undefined,
): { rest: Record<string, unknown>; values: unknown[] } {
  const { options: choices = [], value, index, ...rest } = options ?? {};
  const { labels, values } = splitOptions(what, choices);
  let selected: number | null = labels.length > 0 ? 0 : null;
  if (index !== undefined) selected = index;
  if (value !== undefined) {
    const i = values.findIndex((v) => Object.is(v, value));
    if (i < 0) throw new RangeError(`${what}: value ${describe(value)} is not one of the options ${describe(values)}`);
    selected = i;
  }
  return { rest: { ...rest, _options_labels: labels, index: selected }, values };
}

/** State of a selection widget: the labels shown and the selected index (null: none). */
export type SelectionState = { _options_labels: string[]; index: number | null; description: string; disabled: boolean };

/** What a selection widget's `observe` takes: its state's names, `value`, `label`, or `"*"`. */
type ObservedName = keyof SelectionState | "value" | "label" | "*";

/** Base of Dropdown and ToggleButtons: options, index, value (of type `V`) and label. */
abstract class SelectionWidget<V> extends widgetWithState<SelectionState>()(["index", "description", "disabled"]) {
  private optionValues: unknown[];

  constructor(spec: WidgetSpec, options: Record<string, unknown>, values: unknown[], what: string) {
    super(spec, options, what);
    this.optionValues = values;
  }

  /** The option values (labels for plain label options). */
  get options(): V[] {
    return [...this.optionValues] as V[];
  }
  /** Replaces the options; the selection moves to the first option (or none). */
  set options(options: SelectionOptions<V>) {
    const what = this.modelName.replace(/Model$/, "");
    const { labels, values } = splitOptions(what, options);
    this.optionValues = values;
    this.set({ _options_labels: labels, index: labels.length > 0 ? 0 : null });
  }

  /** The selected value, or null when nothing is selected. */
  get value(): V | null {
    const i = this.index;
    return i === null ? null : (this.optionValues[i] as V);
  }
  set value(v: V) {
    const i = this.optionValues.findIndex((x) => Object.is(x, v));
    if (i < 0)
      throw new RangeError(
        `${this.modelName.replace(/Model$/, "")}: value ${describe(v)} is not one of the options ${describe(this.optionValues)}`,
      );
    this.set({ index: i });
  }

  /** The selected label, or null. */
  get label(): string | null {
    const i = this.index;
    return i === null ? null : this.get("_options_labels")[i];
  }

  /** Like `Widget.observe`; `"value"` and `"label"` are observed through `index` and report values/labels. */
  override observe(names: ObservedName | readonly ObservedName[], callback: ChangeCallback): () => void {
    const list = typeof names === "string" ? [names] : [...names];
    const removers: (() => void)[] = [];
    const direct = list.filter((n): n is Exclude<ObservedName, "value" | "label"> => n !== "value" && n !== "label");
    if (direct.length > 0) removers.push(super.observe(direct, callback));
    for (const n of list.filter((x) => x === "value" || x === "label")) {
      removers.push(
        super.observe("index", (change) => {
          const at = (i: unknown): unknown =>
            i === null
              ? null
              : n === "value"
                ? this.optionValues[i as number]
                : (this.get("_options_labels") as string[])[i as number];
          return callback({ name: n, old: at(change.old), new: at(change.new), owner: this });
        }),
      );
    }
    return () => removers.forEach((r) => r());
  }

  /** `description = label`, for static figures. */
  override figureScene(): Scene {
    return controlCaption(this.description, this.label ?? "(none)");
  }

  protected override normalize(state: Record<string, unknown>, what: string): Record<string, unknown> {
    const n = (state._options_labels as string[]).length;
    const i = state.index as number | null;
    if (i !== null && (i < 0 || i >= n)) throw new RangeError(`${what}: index must be in 0..${n - 1} or null, got ${i}`);
    return state;
  }
}

/** A dropdown list: `new Dropdown({options: ["nearest", "bilinear"], description: "mode"})`. */
export class Dropdown<V = unknown> extends SelectionWidget<V> {
  /** Opens a Dropdown model (with its layout and DescriptionStyle). */
  constructor(options?: SelectionWidgetOptions<V>) {
    const { rest, values } = prepare("Dropdown", options);
    const { spec, options: opts } = domWidgetSpec(
      "Dropdown",
      rest,
      modelHeader("DropdownModel", "DropdownView"),
      { _options_labels: [], disabled: false, index: null },
      { _options_labels: arrayOf(str()), disabled: bool(), index: nullable(int(0)) },
      (a) => new Layout(a),
      (a) => new DescriptionStyle(a),
    );
    super(spec, opts, values, "Dropdown");
  }
}

/** Options of `ToggleButtons`. */
export interface ToggleButtonsOptions<V = unknown> extends SelectionWidgetOptions<V> {
  button_style?: "primary" | "success" | "info" | "warning" | "danger" | "" | null;
  icons?: string[];
  tooltips?: string[];
}

/** A row of buttons, one selected: `new ToggleButtons({options: ["scatter", "zero-insertion", "matrix"]})`. */
export class ToggleButtons<V = unknown> extends SelectionWidget<V> {
  /** Opens a ToggleButtons model (with its layout and ToggleButtonsStyle). */
  constructor(options?: ToggleButtonsOptions<V>) {
    const { rest, values } = prepare("ToggleButtons", options);
    const { spec, options: opts } = domWidgetSpec(
      "ToggleButtons",
      rest,
      modelHeader("ToggleButtonsModel", "ToggleButtonsView"),
      { _options_labels: [], button_style: "", disabled: false, icons: [], index: null, tooltips: [] },
      {
        _options_labels: arrayOf(str()),
        button_style: nullable(oneOf(["primary", "success", "info", "warning", "danger", ""])),
        disabled: bool(),
        icons: arrayOf(str()),
        index: nullable(int(0)),
        tooltips: arrayOf(str()),
      },
      (a) => new Layout(a),
      (a) => new ToggleButtonsStyle(a),
    );
    super(spec, opts, values, "ToggleButtons");
  }
}
