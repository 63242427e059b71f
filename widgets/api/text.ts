/**
 * Text outputs: `Label` (plain text) and `HTML` (an HTML fragment), full ipywidgets 8 state.
 */
import type { Scene } from "../../src/figure";
import { Layout } from "./layout";
import { htmlToLines, textCaption } from "./staticFigure";
import { domWidgetSpec, modelHeader, type DescriptionOptions } from "./modelSpec";
import { HTMLStyle, LabelStyle } from "./styles";
import { str } from "./traits";
import { widgetWithState } from "./stateProperties";

/** Options of `Label` and `HTML`. */
export interface TextWidgetOptions extends DescriptionOptions {
  value?: string;
  placeholder?: string;
}

/** State of a Label or HTML widget: the text (or HTML) shown, and its description. */
export type TextState = { value: string; description: string; placeholder: string };

abstract class TextWidget extends widgetWithState<TextState>()(["value", "description"]) {
  /** The text as caption lines of a static figure. */
  override figureScene(): Scene | undefined {
    const desc = this.description;
    const lines =
      this.modelName === "HTMLModel" ? htmlToLines(this.value) : this.value.split("\n").filter((l) => l.trim() !== "");
    return textCaption(desc && lines.length > 0 ? [`${desc} ${lines[0]}`, ...lines.slice(1)] : lines);
  }
}

/** A line of plain text: `new Label({value: "0 + 2 + 2 + 0 = 4"})`. */
export class Label extends TextWidget {
  /** Opens a Label model (with its layout and LabelStyle). */
  constructor(options?: TextWidgetOptions) {
    const { spec, options: opts } = domWidgetSpec(
      "Label",
      options,
      modelHeader("LabelModel", "LabelView"),
      { placeholder: "\u200b", value: "" },
      { placeholder: str(), value: str() },
      (a) => new Layout(a),
      (a) => new LabelStyle(a as Record<string, string | null>),
    );
    super(spec, opts, "Label");
  }
}

/** An HTML fragment: `new HTML({value: "<b>y[1, 1]</b> = 4"})`. */
export class HTML extends TextWidget {
  /** Opens an HTML model (with its layout and HTMLStyle). */
  constructor(options?: TextWidgetOptions) {
    const { spec, options: opts } = domWidgetSpec(
      "HTML",
      options,
      modelHeader("HTMLModel", "HTMLView"),
      { placeholder: "\u200b", value: "" },
      { placeholder: str(), value: str() },
      (a) => new Layout(a),
      (a) => new HTMLStyle(a as Record<string, string | null>),
    );
    super(spec, opts, "HTML");
  }
}
