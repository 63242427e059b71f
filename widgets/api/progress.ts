/**
 * Progress bars: `IntProgress` and `FloatProgress` (full ipywidgets 8 state).
 */
import { clampValueToBounds } from "./boundedValue";
import { Layout } from "./layout";
import { domWidgetSpec, modelHeader, type DescriptionOptions } from "./modelSpec";
import { ProgressStyle } from "./styles";
import { float, int, nullable, oneOf, type Trait } from "./traits";
import { widgetWithState } from "./stateProperties";

/** Options of the progress bars. */
export interface ProgressOptions extends DescriptionOptions {
  value?: number;
  min?: number;
  max?: number;
  bar_style?: "success" | "info" | "warning" | "danger" | "" | null;
  orientation?: "horizontal" | "vertical";
}

const BAR_STYLES = ["success", "info", "warning", "danger", ""];

/** State of a progress bar: `value` out of `max`. */
export type ProgressState = { value: number; min: number; max: number; description: string; bar_style: string | null };

abstract class Progress extends widgetWithState<ProgressState>()(["value", "min", "max", "description"]) {
  protected override normalize(state: Record<string, unknown>, what: string): Record<string, unknown> {
    return clampValueToBounds(what, state);
  }
}

function progressTraits(n: () => Trait, barStyle: Trait): Record<string, Trait> {
  return { bar_style: barStyle, max: n(), min: n(), orientation: oneOf(["horizontal", "vertical"]), value: n() };
}

/** An integer progress bar: `new IntProgress({max: 16, description: "step"})`. */
export class IntProgress extends Progress {
  /** Opens an IntProgress model (with its layout and ProgressStyle). */
  constructor(options?: ProgressOptions) {
    const { spec, options: opts } = domWidgetSpec(
      "IntProgress",
      options,
      modelHeader("IntProgressModel", "ProgressView"),
      { bar_style: "", max: 100, min: 0, orientation: "horizontal", value: 0 },
      progressTraits(() => int(), oneOf(BAR_STYLES)),
      (a) => new Layout(a),
      (a) => new ProgressStyle(a),
    );
    super(spec, opts, "IntProgress");
  }
}

/** A float progress bar. */
export class FloatProgress extends Progress {
  /** Opens a FloatProgress model (with its layout and ProgressStyle). */
  constructor(options?: ProgressOptions) {
    const { spec, options: opts } = domWidgetSpec(
      "FloatProgress",
      options,
      modelHeader("FloatProgressModel", "ProgressView"),
      { bar_style: "", max: 100.0, min: 0.0, orientation: "horizontal", value: 0.0 },
      progressTraits(() => float(), nullable(oneOf(BAR_STYLES))),
      (a) => new Layout(a),
      (a) => new ProgressStyle(a),
    );
    super(spec, opts, "FloatProgress");
  }
}
