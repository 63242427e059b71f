/**
 * `Layout`: the CSS layout model every DOM widget refers to (`LayoutModel`,
 * `@jupyter-widgets/base` 2.0.0), all attributes null (browser default) unless set.
 */
import { BASE_MODULE, BASE_VERSION, modelHeader } from "./modelSpec";
import { nullable, str, type Trait } from "./traits";
import { Widget } from "./widget";

/** Every attribute of `LayoutModel` (CSS properties, snake_case). */
export const LAYOUT_ATTRIBUTES = [
  "align_content",
  "align_items",
  "align_self",
  "border_bottom",
  "border_left",
  "border_right",
  "border_top",
  "bottom",
  "display",
  "flex",
  "flex_flow",
  "grid_area",
  "grid_auto_columns",
  "grid_auto_flow",
  "grid_auto_rows",
  "grid_column",
  "grid_gap",
  "grid_row",
  "grid_template_areas",
  "grid_template_columns",
  "grid_template_rows",
  "height",
  "justify_content",
  "justify_items",
  "left",
  "margin",
  "max_height",
  "max_width",
  "min_height",
  "min_width",
  "object_fit",
  "object_position",
  "order",
  "overflow",
  "padding",
  "right",
  "top",
  "visibility",
  "width",
] as const;

/** Options of `Layout`: CSS values as strings (null: unset). */
export type LayoutOptions = Partial<Record<(typeof LAYOUT_ATTRIBUTES)[number], string | null>>;

/** The layout model of a widget: `new Layout({width: "300px", grid_template_columns: "1fr 1fr"})`. */
export class Layout extends Widget {
  /** Opens a layout model with the given CSS attributes. */
  constructor(options?: LayoutOptions) {
    const defaults: Record<string, unknown> = modelHeader("LayoutModel", "LayoutView", BASE_MODULE, BASE_VERSION);
    const traits: Record<string, Trait> = {};
    for (const a of LAYOUT_ATTRIBUTES) {
      defaults[a] = null;
      traits[a] = nullable(str());
    }
    super({ defaults, traits }, options, "Layout");
  }
}
