/**
 * `jslink` / `jsdlink`: keep two widget attributes in step in the browser
 * (`LinkModel` / `DirectionalLinkModel`), with no round trip through the kernel.
 */
import { CONTROLS_MODULE, CONTROLS_VERSION, modelHeader } from "./modelSpec";
import { describe } from "../../src/args";
import { type Trait } from "./traits";
import { Widget, widgetRef } from "./widget";

/** A widget attribute: `[widget, "value"]`. */
export type WidgetAttribute = readonly [Widget, string];

function endpoint(): Trait {
  const ref = widgetRef();
  return (name, v) => {
    if (!Array.isArray(v) || v.length !== 2 || typeof v[1] !== "string") {
      throw new TypeError(`${name} must be a [widget, attribute name] pair, got ${describe(v)}`);
    }
    const w = ref(`${name}[0]`, v[0]) as Widget;
    if (!(v[1] in w.fullState())) {
      throw new RangeError(`${name}: ${w.modelName} has no synced attribute '${v[1]}'`);
    }
    return [w, v[1]];
  };
}

/** A link between two widget attributes (close it to unlink). */
export class Link extends Widget {
  /** Opens a LinkModel (both ways) or a DirectionalLinkModel (source to target only). */
  constructor(source: WidgetAttribute, target: WidgetAttribute, directional = false) {
    super(
      {
        defaults: {
          ...modelHeader(directional ? "DirectionalLinkModel" : "LinkModel", null, CONTROLS_MODULE, CONTROLS_VERSION),
          source: [],
          target: [],
        },
        traits: { source: endpoint(), target: endpoint() },
      },
      { source, target },
      directional ? "jsdlink" : "jslink",
    );
  }
}

/** Links `source` and `target` both ways in the browser: `jslink([play, "value"], [slider, "value"])`. */
export function jslink(source: WidgetAttribute, target: WidgetAttribute): Link {
  return new Link(source, target);
}

/** Copies `source` into `target` in the browser (one way). */
export function jsdlink(source: WidgetAttribute, target: WidgetAttribute): Link {
  return new Link(source, target, true);
}
