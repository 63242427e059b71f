/**
 * `Play`: an animation control that steps an integer value from min to max every
 * `interval` ms in the browser (`PlayModel`, full ipywidgets 8 state).
 */
import { clampValueToBounds } from "./boundedValue";
import { Layout } from "./layout";
import { domWidgetSpec, modelHeader, type DescriptionOptions } from "./modelSpec";
import { DescriptionStyle } from "./styles";
import { bool, int } from "./traits";
import { widgetWithState } from "./stateProperties";

/** Options of `Play`. */
export interface PlayOptions extends DescriptionOptions {
  value?: number;
  min?: number;
  max?: number;
  step?: number;
  interval?: number;
  playing?: boolean;
  repeat?: boolean;
  show_repeat?: boolean;
  disabled?: boolean;
}

/** State of a play button. */
export type PlayState = {
  value: number;
  min: number;
  max: number;
  step: number;
  interval: number;
  playing: boolean;
  repeat: boolean;
  disabled: boolean;
};

/** A play button stepping `value` through min..max (`playing` while it runs): link it to a slider or observe it. */
export class Play extends widgetWithState<PlayState>()(["value", "min", "max", "step", "interval", "playing", "repeat"]) {
  /** Opens a Play model (with its layout and DescriptionStyle). */
  constructor(options?: PlayOptions) {
    const { spec, options: opts } = domWidgetSpec(
      "Play",
      options,
      modelHeader("PlayModel", "PlayView"),
      { disabled: false, interval: 100, max: 100, min: 0, playing: false, repeat: false, show_repeat: true, step: 1, value: 0 },
      {
        disabled: bool(),
        interval: int(1),
        max: int(),
        min: int(),
        playing: bool(),
        repeat: bool(),
        show_repeat: bool(),
        step: int(1),
        value: int(),
      },
      (a) => new Layout(a),
      (a) => new DescriptionStyle(a),
    );
    super(spec, opts, "Play");
  }

  protected override normalize(state: Record<string, unknown>, what: string): Record<string, unknown> {
    return clampValueToBounds(what, state);
  }
}
