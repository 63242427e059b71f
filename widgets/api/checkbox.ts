/**
 * `Checkbox`: a boolean control (`CheckboxModel`, full ipywidgets 8 state).
 */
import type { Scene } from "../../src/figure";
import { Layout } from "./layout";
import { controlCaption } from "./staticFigure";
import { domWidgetSpec, modelHeader, type DescriptionOptions } from "./modelSpec";
import { CheckboxStyle } from "./styles";
import { bool } from "./traits";
import { Widget } from "./widget";

/** Options of `Checkbox`. */
export interface CheckboxOptions extends DescriptionOptions {
  value?: boolean;
  disabled?: boolean;
  indent?: boolean;
}

/** A checkbox: `new Checkbox({value: true, description: "show values"})`. */
export class Checkbox extends Widget {
  /** Opens a Checkbox model (with its layout and CheckboxStyle). */
  constructor(options?: CheckboxOptions) {
    const { spec, options: opts } = domWidgetSpec(
      "Checkbox", options, modelHeader("CheckboxModel", "CheckboxView"),
      { disabled: false, indent: true, value: false },
      { disabled: bool(), indent: bool(), value: bool() },
      (a) => new Layout(a), (a) => new CheckboxStyle(a),
    );
    super(spec, opts, "Checkbox");
  }

  /** Checked or not. */
  get value(): boolean {
    return this.get("value") as boolean;
  }
  set value(v: boolean) {
    this.set({ value: v });
  }

  /** `description = true|false`, for static figures. */
  override figureScene(): Scene {
    return controlCaption(this.get("description") as string, String(this.value));
  }
}
