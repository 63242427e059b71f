/**
 * Style models of the standard controls (`*StyleModel`, `@jupyter-widgets/controls`
 * 2.0.0, viewed by the base `StyleView`): description width, handle and bar colours, fonts.
 */
import { BASE_MODULE, BASE_VERSION, CONTROLS_MODULE, CONTROLS_VERSION, modelHeader } from "./modelSpec";
import { nullable, str, type Trait } from "./traits";
import { Widget } from "./widget";

function styleSpec(
  modelName: string,
  defaults: Record<string, unknown>,
): { defaults: Record<string, unknown>; traits: Record<string, Trait> } {
  const traits: Record<string, Trait> = {};
  for (const [k, v] of Object.entries(defaults)) traits[k] = v === null ? nullable(str()) : str();
  return {
    defaults: {
      ...modelHeader(modelName, "StyleView", CONTROLS_MODULE, CONTROLS_VERSION, BASE_MODULE, BASE_VERSION),
      ...defaults,
    },
    traits,
  };
}

/** Style of widgets with a description (`DescriptionStyleModel`): `description_width`. */
export class DescriptionStyle extends Widget {
  /** Opens a description style model. */
  constructor(options?: { description_width?: string }) {
    super(styleSpec("DescriptionStyleModel", { description_width: "" }), options, "DescriptionStyle");
  }
}

/** Style of sliders (`SliderStyleModel`): `description_width`, `handle_color`. */
export class SliderStyle extends Widget {
  /** Opens a slider style model. */
  constructor(options?: { description_width?: string; handle_color?: string | null }) {
    super(styleSpec("SliderStyleModel", { description_width: "", handle_color: null }), options, "SliderStyle");
  }
}

/** Style of progress bars (`ProgressStyleModel`): `bar_color`, `description_width`. */
export class ProgressStyle extends Widget {
  /** Opens a progress style model. */
  constructor(options?: { bar_color?: string | null; description_width?: string }) {
    super(styleSpec("ProgressStyleModel", { bar_color: null, description_width: "" }), options, "ProgressStyle");
  }
}

/** Style of checkboxes (`CheckboxStyleModel`): `background`, `description_width`. */
export class CheckboxStyle extends Widget {
  /** Opens a checkbox style model. */
  constructor(options?: { background?: string | null; description_width?: string }) {
    super(styleSpec("CheckboxStyleModel", { background: null, description_width: "" }), options, "CheckboxStyle");
  }
}

/** Style of toggle buttons (`ToggleButtonsStyleModel`): `button_width`, `description_width`, `font_weight`. */
export class ToggleButtonsStyle extends Widget {
  /** Opens a toggle-buttons style model. */
  constructor(options?: { button_width?: string; description_width?: string; font_weight?: string }) {
    super(
      styleSpec("ToggleButtonsStyleModel", { button_width: "", description_width: "", font_weight: "" }),
      options,
      "ToggleButtonsStyle",
    );
  }
}

/** Style of labels (`LabelStyleModel`): background, description width, font and text colour. */
export class LabelStyle extends Widget {
  /** Opens a label style model. */
  constructor(options?: Record<string, string | null>) {
    super(
      styleSpec("LabelStyleModel", {
        background: null,
        description_width: "",
        font_family: null,
        font_size: null,
        font_style: null,
        font_variant: null,
        font_weight: null,
        text_color: null,
        text_decoration: null,
      }),
      options,
      "LabelStyle",
    );
  }
}

/** Style of HTML widgets (`HTMLStyleModel`): background, description width, font size, text colour. */
export class HTMLStyle extends Widget {
  /** Opens an HTML style model. */
  constructor(options?: Record<string, string | null>) {
    super(
      styleSpec("HTMLStyleModel", { background: null, description_width: "", font_size: null, text_color: null }),
      options,
      "HTMLStyle",
    );
  }
}
