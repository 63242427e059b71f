/**
 * `Checkbox`: a boolean control (`CheckboxModel`, full ipywidgets 8 state).
 */
import type { Scene } from "../../src/figure";
import { Layout } from "./layout";
import { controlCaption } from "./staticFigure";
import { domWidgetSpec, modelHeader, type DescriptionOptions } from "./modelSpec";
import { CheckboxStyle } from "./styles";
import { widgetWithState } from "./stateProperties";
import { bool } from "./traits";

/** Options of `Checkbox`. */
export interface CheckboxOptions extends DescriptionOptions {
  value?: boolean;
  disabled?: boolean;
  indent?: boolean;
}

/** State of a checkbox (the attributes code reads and writes). */
export type CheckboxState = { value: boolean; description: string; disabled: boolean; indent: boolean };

/** A checkbox: `new Checkbox({value: true, description: "show values"})`; `value` is checked or not. */
export class Checkbox extends widgetWithState<CheckboxState>()(["value", "description", "disabled"]) {
  /** Opens a Checkbox model (with its layout and CheckboxStyle). */
  constructor(options?: CheckboxOptions) {
    const { spec, options: opts } = domWidgetSpec(
      "Checkbox",
      options,
      modelHeader("CheckboxModel", "CheckboxView"),
      { disabled: false, indent: true, value: false },
      { disabled: bool(), indent: bool(), value: bool() },
      (a) => new Layout(a),
      (a) => new CheckboxStyle(a),
    );
    super(spec, opts, "Checkbox");
  }

  /** `description = true|false`, for static figures. */
  override figureScene(): Scene {
    return controlCaption(this.description, String(this.value));
  }
}
