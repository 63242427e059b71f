/**
 * Sliders: `IntSlider`, `FloatSlider` and `IntRangeSlider` with their full
 * ipywidgets 8 state (`behavior: "drag-tap"`, readout, orientation, ...).
 * The value is kept within min..max, as ipywidgets does.
 */
import type { Scene } from "../../src/figure";
import { formatNumber } from "../../src/tensor";
import { checkBounds, clampValueToBounds } from "./boundedValue";
import { Layout } from "./layout";
import { controlCaption } from "./staticFigure";
import { domWidgetSpec, modelHeader, type DescriptionOptions } from "./modelSpec";
import { SliderStyle } from "./styles";
import { arrayOf, bool, float, int, nullable, oneOf, str, type Trait } from "./traits";
import { widgetWithState } from "./stateProperties";

const SLIDER_TRAITS: Record<string, Trait> = {
  behavior: oneOf(["drag-tap", "drag-snap", "tap", "drag", "snap"]),
  continuous_update: bool(),
  disabled: bool(),
  orientation: oneOf(["horizontal", "vertical"]),
  readout: bool(),
  readout_format: str(),
};

/** Options shared by the sliders. */
export interface SliderOptions extends DescriptionOptions {
  behavior?: "drag-tap" | "drag-snap" | "tap" | "drag" | "snap";
  continuous_update?: boolean;
  disabled?: boolean;
  orientation?: "horizontal" | "vertical";
  readout?: boolean;
  readout_format?: string;
}

/** Options of `IntSlider` and `FloatSlider`. */
export interface NumberSliderOptions extends SliderOptions {
  value?: number;
  min?: number;
  max?: number;
  step?: number | null;
}

function sliderDefaults(value: unknown, min: number, max: number, step: number | null, format: string): Record<string, unknown> {
  return {
    behavior: "drag-tap",
    continuous_update: true,
    disabled: false,
    max,
    min,
    orientation: "horizontal",
    readout: true,
    readout_format: format,
    step,
    value,
  };
}

/** State of a number slider (the attributes code reads and writes). */
export type NumberSliderState = {
  value: number;
  min: number;
  max: number;
  step: number | null;
  description: string;
  disabled: boolean;
  continuous_update: boolean;
  readout: boolean;
  readout_format: string;
  orientation: "horizontal" | "vertical";
};

/** Values of a slider-like widget: a number `value` with `min`, `max`, `step`, and the `description` beside it. */
abstract class NumberSlider extends widgetWithState<NumberSliderState>()([
  "value",
  "min",
  "max",
  "step",
  "description",
  "disabled",
  "continuous_update",
  "readout",
  "readout_format",
  "orientation",
]) {
  protected override normalize(state: Record<string, unknown>, what: string): Record<string, unknown> {
    return clampValueToBounds(what, state);
  }

  /** `description = value`, for static figures. */
  override figureScene(): Scene {
    return controlCaption(this.description, formatNumber(this.value));
  }
}

/** A slider of integers: `new IntSlider({value: 2, min: 1, max: 4, description: "stride"})`. */
export class IntSlider extends NumberSlider {
  /** Opens an IntSlider model (with its layout and SliderStyle). */
  constructor(options?: NumberSliderOptions) {
    const { spec, options: opts } = domWidgetSpec(
      "IntSlider",
      options,
      modelHeader("IntSliderModel", "IntSliderView"),
      sliderDefaults(0, 0, 100, 1, "d"),
      { ...SLIDER_TRAITS, value: int(), min: int(), max: int(), step: int(1) },
      (a) => new Layout(a),
      (a) => new SliderStyle(a),
    );
    super(spec, opts, "IntSlider");
  }
}

/** A slider of floats: `new FloatSlider({value: 0.5, min: 0, max: 1, step: 0.05})`. */
export class FloatSlider extends NumberSlider {
  /** Opens a FloatSlider model (with its layout and SliderStyle). */
  constructor(options?: NumberSliderOptions) {
    const { spec, options: opts } = domWidgetSpec(
      "FloatSlider",
      options,
      modelHeader("FloatSliderModel", "FloatSliderView"),
      sliderDefaults(0, 0, 100, 0.1, ".2f"),
      { ...SLIDER_TRAITS, value: float(), min: float(), max: float(), step: nullable(float(0)) },
      (a) => new Layout(a),
      (a) => new SliderStyle(a),
    );
    super(spec, opts, "FloatSlider");
  }
}

/** Options of `IntRangeSlider`. */
export interface IntRangeSliderOptions extends SliderOptions {
  value?: [number, number];
  min?: number;
  max?: number;
  step?: number;
}

/** State of a range slider. */
export type IntRangeSliderState = Omit<NumberSliderState, "value" | "step"> & { value: [number, number]; step: number };

/** A slider selecting an integer range `value` = `[lo, hi]`. */
export class IntRangeSlider extends widgetWithState<IntRangeSliderState>()([
  "value",
  "min",
  "max",
  "step",
  "description",
  "disabled",
]) {
  /** Opens an IntRangeSlider model (with its layout and SliderStyle). */
  constructor(options?: IntRangeSliderOptions) {
    const { spec, options: opts } = domWidgetSpec(
      "IntRangeSlider",
      options,
      modelHeader("IntRangeSliderModel", "IntRangeSliderView"),
      sliderDefaults([0, 1], 0, 100, 1, "d"),
      { ...SLIDER_TRAITS, value: arrayOf(int(), 2), min: int(), max: int(), step: int(1) },
      (a) => new Layout(a),
      (a) => new SliderStyle(a),
    );
    super(spec, opts, "IntRangeSlider");
  }

  /** `description = [lo, hi]`, for static figures. */
  override figureScene(): Scene {
    return controlCaption(this.description, `[${this.value.join(", ")}]`);
  }

  protected override normalize(state: Record<string, unknown>, what: string): Record<string, unknown> {
    const [min, max] = checkBounds(what, state);
    const [a, b] = state.value as number[];
    const clamp = (v: number): number => Math.min(max, Math.max(min, v));
    return { ...state, value: [clamp(Math.min(a, b)), clamp(Math.max(a, b))] };
  }
}
