/**
 * Static figures follow state. A widget displayed and then changed (a progress bar advanced in a
 * loop, a heatmap given new values, an `Output` that captured more) would otherwise keep, in the
 * saved notebook and its HTML/PDF export, the figure and text it had when it was displayed.
 *
 * Every output where `display()` showed a widget is remembered with a digest of the static part of
 * the bundle sent (all but the widget view) and a fingerprint of the state versions of the widgets
 * it draws. At the end of each execute request (the kernel's `onExecuteEnd` hook, still under that
 * request, before its reply and idle status, so nbclient applies it) each output that request made
 * whose fingerprint moved is redrawn, and sent as `update_display_data` only when its static part
 * really changed.
 *
 * Only the request's own outputs: JupyterLab renders an updated widget output again with a new
 * view of the same model (its `WidgetRenderer` renders the model again; the old view's DOM goes but
 * the view stays subscribed to the model until the output is cleared), and it applies updates to
 * outputs of earlier cells too (it keeps their execute futures). Refreshing earlier outputs would
 * re-create, say, an interact's view after every cell run that follows a slider drag. So an output
 * keeps the state its own cell left it in; `widget.refreshFigure()` updates every output of a
 * widget on request.
 */
import { createHash } from "node:crypto";
import type { KernelBridge, MimeBundle } from "../bridge";
import type { Scene } from "../../src/figure";
import type { Widget } from "./widget";
import { warn } from "./warnings";

const WIDGET_VIEW = "application/vnd.jupyter.widget-view+json";

/** One output where `display()` showed a widget. */
export interface TrackedDisplay {
  readonly widget: Widget;
  readonly bridge: KernelBridge;
  readonly displayId: string;
  /** `msg_id` of the request whose output holds it. */
  readonly parentMsgId: string;
  /** `staticPartOf` the bundle last sent (a digest: figures of large maps run to megabytes). */
  sent: string;
  /** `staticFingerprint` of the widget when `sent` was drawn. */
  fingerprint: string;
}

const displays = new Map<string, TrackedDisplay>();
const hookedBridges = new WeakSet<KernelBridge>();
/** Request msg_ids whose output an `Output` widget captures right now (with a count of captures). */
const capturing = new Map<string, number>();

/** A digest of the static part of a display bundle (every mimetype but the widget view), to compare. */
export function staticPartOf(bundle: MimeBundle): string {
  const part: MimeBundle = {};
  for (const key of Object.keys(bundle).sort()) if (key !== WIDGET_VIEW) part[key] = bundle[key];
  return createHash("sha256").update(JSON.stringify(part)).digest("base64");
}

/** The state versions of `widget` and of every widget its static figure draws, as one string. */
export function staticFingerprint(widget: Widget): string {
  const seen = new Set<Widget>();
  const parts: string[] = [];
  const visit = (w: Widget): void => {
    if (seen.has(w)) return;
    seen.add(w);
    parts.push(`${w.modelId}:${w.staticVersion}`);
    for (const part of w.staticParts()) visit(part);
  };
  visit(widget);
  return parts.join(",");
}

/**
 * Remembers that `widget` was displayed under `displayId` with `bundle` (by the request
 * `parentMsgId`), unless an `Output` widget captured that display.
 */
export function trackDisplay(
  widget: Widget,
  bridge: KernelBridge,
  displayId: string,
  bundle: MimeBundle,
  parentMsgId: string,
): void {
  ensureHooks(bridge);
  // Shown inside an Output widget, not in the cell: the Output's own display follows it.
  if (isCaptured(parentMsgId)) return;
  displays.set(displayId, {
    widget,
    bridge,
    displayId,
    parentMsgId,
    sent: staticPartOf(bundle),
    fingerprint: staticFingerprint(widget),
  });
}

/** How many displays are remembered (for tests). */
export function trackedDisplayCount(): number {
  return displays.size;
}

/**
 * Sends `update_display_data` for each remembered display of `bridge` (that `filter` accepts) whose
 * static figure or text changed since it was sent. Displays of closed widgets are forgotten.
 */
export async function refreshDisplays(bridge: KernelBridge, filter: (d: TrackedDisplay) => boolean = () => true): Promise<void> {
  for (const d of [...displays.values()]) {
    if (d.bridge !== bridge || !filter(d)) continue;
    if (d.widget.closed) {
      displays.delete(d.displayId);
      continue;
    }
    const fingerprint = staticFingerprint(d.widget);
    if (fingerprint === d.fingerprint) continue;
    d.fingerprint = fingerprint;
    let bundle: MimeBundle;
    try {
      bundle = d.widget.fullBundle();
    } catch (error) {
      warn(`could not redraw the static figure of ${d.widget.modelName} ${d.widget.modelId}: ${(error as Error).message}`);
      continue;
    }
    const sent = staticPartOf(bundle);
    if (sent === d.sent) continue;
    d.sent = sent;
    // The new state reaches the frontend before its output is rendered again.
    await d.widget.flush();
    await bridge.display(bundle, { displayId: d.displayId, update: true });
  }
}

/** Marks the output of request `msgId` as captured by an `Output` widget (until `endCapture`). */
export function beginCapture(msgId: string): void {
  capturing.set(msgId, (capturing.get(msgId) ?? 0) + 1);
}

/** Ends one `beginCapture(msgId)`. */
export function endCapture(msgId: string): void {
  const n = (capturing.get(msgId) ?? 0) - 1;
  if (n > 0) capturing.set(msgId, n);
  else capturing.delete(msgId);
}

/** True while an `Output` widget captures the output of request `msgId`. */
export function isCaptured(msgId: string): boolean {
  return capturing.has(msgId);
}

const sceneThunks = new Map<string, () => Scene | undefined>();
const SCENE_THUNK_LIMIT = 32;

/**
 * Remembers how to draw again, as a scene, a display whose `image/svg+xml` is `svg` (a tensor
 * displayed while an `Output` captured it), so the `Output`'s static figure can compose it.
 * Keeps the last 32.
 */
export function rememberFigureScene(svg: string, scene: () => Scene | undefined): void {
  sceneThunks.delete(svg);
  sceneThunks.set(svg, scene);
  if (sceneThunks.size > SCENE_THUNK_LIMIT) sceneThunks.delete(sceneThunks.keys().next().value as string);
}

/** The scene of a display whose `image/svg+xml` is `svg`, if `rememberFigureScene` knows it. */
export function figureSceneOf(svg: string): Scene | undefined {
  return sceneThunks.get(svg)?.();
}

function ensureHooks(bridge: KernelBridge): void {
  if (hookedBridges.has(bridge)) return;
  hookedBridges.add(bridge);
  bridge.onExecuteEnd?.(() => {
    const current = bridge.currentParentHeader()?.msg_id;
    return refreshDisplays(bridge, (d) => d.parentMsgId === current);
  });
  bridge.onOutput?.((output) => {
    // A cleared cell output no longer holds the displays made under that request.
    if (output.msgType !== "clear_output" || isCaptured(output.parentMsgId)) return;
    for (const d of [...displays.values()])
      if (d.bridge === bridge && d.parentMsgId === output.parentMsgId) displays.delete(d.displayId);
  });
}
