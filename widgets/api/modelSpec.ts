/**
 * Building blocks of the standard models' state (ipywidgets 8 schema): module
 * names and protocol versions, and the attributes shared by DOM widgets and by
 * widgets with a description; layout and style models created (and owned) on demand.
 */
import { requireKernelBridge } from "../bridge";
import { Widget, widgetRef, type WidgetSpec } from "./widget";
import { arrayOf, bool, nullable, str, type Trait } from "./traits";

/** `_model_module` of the standard controls. */
export const CONTROLS_MODULE = "@jupyter-widgets/controls";
/** `_model_module` of layout and the style view. */
export const BASE_MODULE = "@jupyter-widgets/base";
/** `_model_module` of the Output widget. */
export const OUTPUT_MODULE = "@jupyter-widgets/output";
/** Protocol versions of those modules (not npm versions). */
export const CONTROLS_VERSION = "2.0.0";
export const BASE_VERSION = "2.0.0";
export const OUTPUT_VERSION = "1.0.0";

/** The six `_model_*` / `_view_*` attributes. */
export function modelHeader(
  modelName: string,
  viewName: string | null,
  module = CONTROLS_MODULE,
  version = CONTROLS_VERSION,
  viewModule = module,
  viewVersion = version,
): Record<string, unknown> {
  return {
    _model_module: module,
    _model_module_version: version,
    _model_name: modelName,
    _view_module: viewModule,
    _view_module_version: viewVersion,
    _view_name: viewName,
  };
}

/** A widget given as an option, or created from a plain object of attributes (then owned), or created with defaults. */
export function resolveSubModel(
  what: string,
  name: string,
  given: unknown,
  create: (attributes: Record<string, unknown> | undefined) => Widget,
  owned: Widget[],
): Widget {
  if (given instanceof Widget) return given;
  if (given === undefined || (given !== null && typeof given === "object" && !Array.isArray(given))) {
    const w = create(given as Record<string, unknown> | undefined);
    owned.push(w);
    return w;
  }
  throw new TypeError(`${what}: ${name} must be a widget or an object of its attributes, got ${String(given)}`);
}

/** Attributes of every DOM widget: `_dom_classes`, `layout`, `tabbable`, `tooltip`. */
export const DOM_TRAITS: Record<string, Trait> = {
  _dom_classes: arrayOf(str()),
  layout: widgetRef(),
  tabbable: nullable(bool()),
  tooltip: nullable(str()),
};

/** Attributes of widgets with a description. */
export const DESCRIPTION_TRAITS: Record<string, Trait> = {
  ...DOM_TRAITS,
  description: str(),
  description_allow_html: bool(),
  style: widgetRef(),
};

/** Options of every DOM widget (layout given as a Layout or as an object of CSS attributes). */
export interface DOMWidgetOptions {
  _dom_classes?: string[];
  layout?: Widget | Record<string, string | null>;
  tabbable?: boolean | null;
  tooltip?: string | null;
}

/** Options of widgets with a description (style given as a style model or an object of its attributes). */
export interface DescriptionOptions extends DOMWidgetOptions {
  description?: string;
  description_allow_html?: boolean;
  style?: Widget | Record<string, unknown>;
}

/**
 * The spec and options of a standard DOM widget: `header` + DOM defaults (+ description
 * defaults when `style` is given) + `defaults`, with its layout (and style) resolved.
 */
export function domWidgetSpec(
  what: string,
  options: object | undefined,
  header: Record<string, unknown>,
  defaults: Record<string, unknown>,
  traits: Record<string, Trait>,
  createLayout: (attributes: Record<string, unknown> | undefined) => Widget,
  createStyle?: (attributes: Record<string, unknown> | undefined) => Widget,
): { spec: WidgetSpec; options: Record<string, unknown> } {
  requireKernelBridge(what); // fail with the widget's own name before creating its layout
  const opts: Record<string, unknown> = { ...((options ?? {}) as Record<string, unknown>) };
  const owned: Widget[] = [];
  opts.layout = resolveSubModel(what, "layout", opts.layout, createLayout, owned);
  const base: Record<string, unknown> = { ...header, _dom_classes: [], layout: null, tabbable: null, tooltip: null };
  if (createStyle) {
    opts.style = resolveSubModel(what, "style", opts.style, createStyle, owned);
    Object.assign(base, { description: "", description_allow_html: false, style: null });
  }
  const allTraits = { ...(createStyle ? DESCRIPTION_TRAITS : DOM_TRAITS), ...traits };
  return { spec: { defaults: { ...base, ...defaults }, traits: allTraits, owned }, options: opts };
}
