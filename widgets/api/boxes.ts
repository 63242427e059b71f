/**
 * Containers: `HBox`, `VBox` and `GridBox` (children as widget references,
 * each child opened before the box that names it).
 */
import { stackScenes, type Scene } from "../../src/figure";
import { wrappedRow } from "./staticFigure";
import { Layout } from "./layout";
import { domWidgetSpec, modelHeader, type DOMWidgetOptions } from "./modelSpec";
import { describe } from "../../src/args";
import { arrayOf, oneOf } from "./traits";
import { widgetWithState } from "./stateProperties";
import { widgetRef, type Widget } from "./widget";

/** Options of the boxes. */
export interface BoxOptions extends DOMWidgetOptions {
  children?: Widget[];
  box_style?: "success" | "info" | "warning" | "danger" | "";
}

/** State of a box: the widgets inside, in order. */
export type BoxState = { children: Widget[]; box_style: string };

abstract class Box extends widgetWithState<BoxState>()(["children", "box_style"]) {
  /**
   * The children's static figures, side by side (HBox, wrapped into rows no wider than an
   * exported page) or stacked (VBox, GridBox).
   */
  override figureScene(): Scene | undefined {
    const scenes = this.children.map((c) => c.figureScene()).filter((s): s is Scene => s !== undefined);
    if (scenes.length === 0) return undefined;
    return this.modelName === "HBoxModel" ? wrappedRow(scenes, undefined, 16) : stackScenes(scenes, "column", 16);
  }

  /** A box's static figure is made of its children's. */
  override staticParts(): Widget[] {
    return this.children;
  }

  /** A box draws its static figure even without heatmaps: its controls' values and text are what it shows. */
  protected override staticFigureWithoutMaps(): boolean {
    return true;
  }
}

function boxArgs(what: string, model: string, view: string, children: unknown, options?: BoxOptions) {
  if (children !== undefined && !Array.isArray(children))
    throw new TypeError(`${what}: children must be an array of widgets, got ${describe(children)}`);
  const merged = { ...(options ?? {}), ...(children !== undefined ? { children } : {}) };
  return domWidgetSpec(
    what,
    merged,
    modelHeader(model, view),
    { box_style: "", children: [] },
    { box_style: oneOf(["success", "info", "warning", "danger", ""]), children: arrayOf(widgetRef()) },
    (a) => new Layout(a),
  );
}

/** Children side by side: `new HBox([input, kernel, output])`. */
export class HBox extends Box {
  /** Opens an HBox model holding `children`. */
  constructor(children?: Widget[], options?: BoxOptions) {
    const { spec, options: opts } = boxArgs("HBox", "HBoxModel", "HBoxView", children, options);
    super(spec, opts, "HBox");
  }
}

/** Children stacked vertically: `new VBox([controls, heatmaps])`. */
export class VBox extends Box {
  /** Opens a VBox model holding `children`. */
  constructor(children?: Widget[], options?: BoxOptions) {
    const { spec, options: opts } = boxArgs("VBox", "VBoxModel", "VBoxView", children, options);
    super(spec, opts, "VBox");
  }
}

/** Children in a CSS grid (set `layout: {grid_template_columns: "repeat(3, 1fr)"}`). */
export class GridBox extends Box {
  /** Opens a GridBox model holding `children`. */
  constructor(children?: Widget[], options?: BoxOptions) {
    const { spec, options: opts } = boxArgs("GridBox", "GridBoxModel", "GridBoxView", children, options);
    super(spec, opts, "GridBox");
  }
}
