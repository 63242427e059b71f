/**
 * `Widget`: the kernel side of one widget model (protocol 2.1.0). The model id is
 * the comm id. The full state goes out in `comm_open`; kernel-side changes go out as
 * `update` messages (binary values as buffers); frontend `update`s are validated,
 * echoed (`echo_update`) and applied; `request_state` is answered with the full state;
 * `custom` messages reach `onCustom` handlers.
 */
import { randomUUID } from "node:crypto";
import { requireKernelBridge, type Comm, type CommMessage, type KernelBridge, type MimeBundle } from "../bridge";
import type { Scene } from "../../src/figure";
import { WIDGET_PROTOCOL_VERSION } from "../shared/protocol";
import { staticFigures } from "./staticFigure";
import { trackDisplay, refreshDisplays } from "./staticRefresh";
import { ensureStateProvider, liveModel, registerModel, unregisterModel } from "./registry";
import { fromWire, isModelReference, toWire } from "./serialize";
import { describe } from "../../src/args";
import { json, type Trait } from "./traits";
import { reportCallbackError, warn } from "./warnings";

/** State of a widget with no declared state type: any attribute name, values unknown. */
export type AnyState = Record<string, unknown>;

/** A change of one attribute, as passed to `observe` callbacks. */
export interface ChangeEvent {
  /** The attribute that changed. */
  name: string;
  old: unknown;
  new: unknown;
  /** The widget whose attribute changed. */
  owner: Widget;
}

/** Called after an attribute changed (from kernel code or from the frontend). */
export type ChangeCallback = (change: ChangeEvent) => void | Promise<void>;

/** Called with the content and buffers of a `custom` message from the frontend. */
export type CustomMessageCallback = (content: unknown, buffers: DataView[]) => void | Promise<void>;

/** The MIME type of a widget view in a notebook output. */
export const WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json";

const PROTECTED_PREFIXES = ["_model_", "_view_"];

/** True when two attribute values are the same (deep for plain arrays/objects; by identity for buffers and widgets). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) && Number.isNaN(b);
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b) || isModelReference(a) || isModelReference(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return false;
}

/** A trait accepting a widget, or a `"IPY_MODEL_<id>"` reference to a live widget (from the frontend). */
export function widgetRef(): Trait {
  return (name, v) => {
    if (typeof v === "string" && v.startsWith("IPY_MODEL_")) {
      const model = liveModel(v.slice("IPY_MODEL_".length));
      if (model === undefined) throw new RangeError(`${name} refers to ${v}, which is not a live widget`);
      return model;
    }
    if (!(v instanceof Widget)) throw new TypeError(`${name} must be a widget, got ${describe(v)}`);
    return v;
  };
}

/** How a widget class describes its model. */
export interface WidgetSpec {
  /** Full default state, including `_model_*` and `_view_*` keys. */
  defaults: Record<string, unknown>;
  /** Validators by attribute; attributes without one accept any JSON value. */
  traits: Record<string, Trait>;
  /** Models created for this widget (its own layout and style), closed with it. */
  owned?: Widget[];
}

/**
 * The base of every widget model, typed by its `State` (attribute name -> value type): `get` and
 * `set` take the state's names and values, e.g. `slider.get("value")` is a number and
 * `slider.set({value: "3"})` does not compile. `widgetWithState` (stateProperties.ts) adds a
 * property per attribute (`slider.value = 3`), so controls write no accessor pairs by hand.
 */
export class Widget<State extends AnyState = AnyState> {
  /** The model id: the id of the comm shared with the frontend. */
  readonly modelId: string;
  /** Resolves once the comm is open (never rejects; see `openError`). */
  readonly ready: Promise<void>;
  /** Why the comm could not be opened, if it could not. */
  openError: Error | undefined;

  private stateValues: Record<string, unknown>;
  private readonly traits: Record<string, Trait>;
  private comm: Comm | undefined;
  private sendChain: Promise<void>;
  private readonly observers = new Map<string, Set<ChangeCallback>>();
  private readonly customHandlers = new Set<CustomMessageCallback>();
  private frontendLock: Record<string, unknown> | undefined;
  private isClosed = false;
  private readonly owned: Widget[];
  private displayedIn: string | undefined;
  private version = 0;
  /** The bridge this widget talks through. */
  protected readonly bridge: KernelBridge;

  /**
   * Validates `options` (attribute names of the model; unknown names are errors),
   * builds the full state and opens the comm (`comm_open` with the full state).
   */
  constructor(spec: WidgetSpec, options: Record<string, unknown> | undefined, what: string) {
    this.bridge = requireKernelBridge(what);
    this.traits = spec.traits;
    this.owned = spec.owned ?? [];
    const state: Record<string, unknown> = { ...spec.defaults };
    if (options !== undefined) {
      if (options === null || typeof options !== "object" || Array.isArray(options)) {
        throw new TypeError(`${what}: options must be an object, got ${describe(options)}`);
      }
      const allowed = Object.keys(spec.defaults).filter((k) => !PROTECTED_PREFIXES.some((p) => k.startsWith(p)));
      for (const [k, v] of Object.entries(options)) {
        if (v === undefined) continue;
        if (!allowed.includes(k)) {
          throw new TypeError(`${what}: unknown option '${k}'; allowed options are ${allowed.map((a) => `'${a}'`).join(", ")}`);
        }
        state[k] = this.check(`${what}: ${k}`, k, v);
      }
    }
    this.stateValues = this.normalize(state, what);
    this.modelId = randomUUID().replace(/-/g, "");
    ensureStateProvider(this.bridge);
    registerModel(this);
    const wire = toWire(this.stateValues);
    const opening = this.bridge.openComm(
      "jupyter.widget",
      { state: wire.state, buffer_paths: wire.buffer_paths },
      { metadata: { version: WIDGET_PROTOCOL_VERSION }, buffers: wire.buffers, commId: this.modelId },
    );
    this.ready = opening.then(
      (comm) => {
        this.comm = comm;
        comm.onMsg((msg) => this.handleMessage(msg));
        comm.onClose(() => this.forget());
      },
      (error: unknown) => {
        this.openError = error instanceof Error ? error : new Error(String(error));
        unregisterModel(this.modelId);
        warn(`could not open ${this.modelName} ${this.modelId}: ${this.openError.message}`);
      },
    );
    this.sendChain = this.ready;
  }

  /** `_model_name` of this widget, e.g. `IntSliderModel`. */
  get modelName(): string {
    return String(this.stateValues._model_name);
  }

  /** True once the widget was closed (by `close()` or by the frontend). */
  get closed(): boolean {
    return this.isClosed;
  }

  /** The current value of attribute `name`. */
  get<K extends keyof State & string>(name: K): State[K] {
    if (!(name in this.stateValues)) throw new TypeError(`${this.modelName} has no attribute '${name}'`);
    return this.stateValues[name] as State[K];
  }

  /** A copy of the full state (attribute name -> value; widgets and buffers as objects). */
  fullState(): Record<string, unknown> {
    return { ...this.stateValues };
  }

  /**
   * Changes attributes; sends one `update` with those that changed, then calls their observers.
   * Throws a clear error (and changes nothing) when a value is invalid.
   */
  set(changes: Partial<State>): void {
    if (changes === null || typeof changes !== "object")
      throw new TypeError(`${this.modelName}.set: changes must be an object, got ${describe(changes)}`);
    const what = `${this.modelName.replace(/Model$/, "")}`;
    const next = { ...this.stateValues };
    for (const [k, v] of Object.entries(changes)) {
      if (!(k in next)) throw new TypeError(`${what}: unknown attribute '${k}'`);
      if (PROTECTED_PREFIXES.some((p) => k.startsWith(p))) throw new TypeError(`${what}: '${k}' cannot be changed`);
      next[k] = this.check(`${what}: ${k}`, k, v);
    }
    const normalized = this.normalize(next, what);
    const changed = Object.keys(normalized).filter((k) => !sameValue(this.stateValues[k], normalized[k]));
    if (changed.length === 0) return;
    const old = this.stateValues;
    this.stateValues = normalized;
    this.version++;
    const lock = this.frontendLock;
    const outgoing = changed.filter((k) => !(lock && k in lock && sameValue(lock[k], normalized[k])));
    if (outgoing.length > 0) this.sendState(outgoing, "update");
    for (const k of changed) this.notify({ name: k, old: old[k], new: normalized[k], owner: this });
  }

  /**
   * Calls `callback` after each change of the named attribute(s) (`"*"` for all).
   * Returns a function that removes the callback.
   */
  observe(names: (keyof State & string) | "*" | readonly ((keyof State & string) | "*")[], callback: ChangeCallback): () => void {
    if (typeof callback !== "function") throw new TypeError(`observe: callback must be a function, got ${describe(callback)}`);
    const list = typeof names === "string" ? [names] : [...names];
    for (const n of list) {
      if (n !== "*" && !(n in this.stateValues)) {
        throw new TypeError(
          `observe: ${this.modelName} has no attribute '${n}'; attributes are ${Object.keys(this.stateValues)
            .filter((k) => !k.startsWith("_"))
            .join(", ")}`,
        );
      }
      let set = this.observers.get(n);
      if (!set) this.observers.set(n, (set = new Set()));
      set.add(callback);
    }
    return () => {
      for (const n of list) this.observers.get(n)?.delete(callback);
    };
  }

  /** Calls `callback` with each `custom` message the frontend sends to this model. Returns a remover. */
  onCustom(callback: CustomMessageCallback): () => void {
    if (typeof callback !== "function") throw new TypeError(`onCustom: callback must be a function, got ${describe(callback)}`);
    this.customHandlers.add(callback);
    return () => this.customHandlers.delete(callback);
  }

  /** Sends a `custom` message to the frontend views of this model. */
  sendCustom(content: unknown, buffers: ArrayBufferView[] = []): Promise<void> {
    return this.enqueue((comm) => comm.send({ method: "custom", content }, { buffers }), []);
  }

  /** Closes the model (`comm_close`); its views disappear. Idempotent. */
  close(): Promise<void> {
    if (this.isClosed) return this.sendChain;
    const done = this.enqueue((comm) => comm.close(), []);
    this.forget();
    for (const owned of this.ownedModels()) void owned.close();
    return done;
  }

  /** Waits until every message sent so far (comm_open, updates) has been handed to the kernel. */
  flush(): Promise<void> {
    return this.sendChain;
  }

  /** Models created by and for this widget (its layout and style), closed with it. */
  protected ownedModels(): Widget[] {
    return [...this.owned];
  }

  /** Cross-attribute rules (e.g. a slider's value clamped to min..max); returns the state to keep. */
  protected normalize(state: Record<string, unknown>, _what: string): Record<string, unknown> {
    return state;
  }

  /**
   * What this widget looks like as a static figure (heatmaps, captions, control values),
   * or undefined when it has no static form. Boxes compose their children's.
   */
  figureScene(): Scene | undefined {
    return undefined;
  }

  /**
   * Counts the changes of what this widget shows: every state change, and (see `staticChanged`)
   * changes kept outside the synced state. Static figures are redrawn only when it moved.
   */
  get staticVersion(): number {
    return this.version;
  }

  /** True while an update from the frontend is being applied (inside `observe` callbacks of its changes). */
  protected get applyingFrontendUpdate(): boolean {
    return this.frontendLock !== undefined;
  }

  /** Marks the static figure as out of date without a state change (e.g. an `Output` captured something). */
  protected staticChanged(): void {
    this.version++;
  }

  /** The widgets whose static figures are part of this one's (a box's children, what an `Output` shows). */
  staticParts(): Widget[] {
    return [];
  }

  /** Whether the static figure is drawn when it holds no heatmap (a lone control or label: no, its text says it all). */
  protected staticFigureWithoutMaps(): boolean {
    return false;
  }

  /**
   * The display bundle of this widget: its view, text, and, when it shows heatmaps,
   * their static figures (`image/svg+xml`, `image/png`) for export without JavaScript.
   */
  protected displayBundle(): MimeBundle {
    const bundle: MimeBundle = { "text/plain": this.toString() };
    if (this.stateValues._view_name !== null && this.stateValues._view_name !== undefined) {
      bundle[WIDGET_VIEW_MIMETYPE] = { version_major: 2, version_minor: 0, model_id: this.modelId };
    }
    let figures: ReturnType<typeof staticFigures>;
    try {
      figures = staticFigures(this.figureScene(), { withoutMaps: this.staticFigureWithoutMaps() });
    } catch (error) {
      warn(`could not draw the static figure of ${this.modelName} ${this.modelId}: ${(error as Error).message}`);
    }
    if (figures) {
      bundle["image/svg+xml"] = figures.svg;
      bundle["image/png"] = figures.pngBase64;
    }
    return bundle;
  }

  /** The full display bundle: view, static figure (when it shows maps) and text. */
  fullBundle(): MimeBundle {
    return this.displayBundle();
  }

  /**
   * Records a display id under which `display()` showed this widget with `bundle`: at the end of
   * each cell, outputs whose static figure or text went out of date are updated (see `staticRefresh`).
   */
  rememberDisplay(displayId: string, bundle: MimeBundle = this.displayBundle()): void {
    const parent = this.bridge.currentParentHeader()?.msg_id;
    this.displayedIn = typeof parent === "string" ? parent : undefined;
    trackDisplay(this, this.bridge, displayId, bundle, this.displayedIn ?? "");
  }

  /**
   * Redraws now the static figure (SVG/PNG) and text of every output where `display()` showed
   * this widget, when they changed (`update_display_data`; the kernel also does this at the end
   * of each cell). JupyterLab re-creates the live view of an updated output (same model).
   */
  async refreshFigure(): Promise<void> {
    await this.flush();
    await refreshDisplays(this.bridge, (d) => d.widget === this);
  }

  /**
   * The mime bundle of the kernel's last-expression output. A widget that `display()` (or
   * `show()`) already showed in this cell answers with text only, so `await show(x)` as the
   * last line shows one view, not two.
   */
  [Symbol.for("Jupyter.display")](): MimeBundle {
    const parent = this.bridge.currentParentHeader()?.msg_id;
    if (this.displayedIn !== undefined && parent === this.displayedIn) return { "text/plain": this.toString() };
    return this.displayBundle();
  }

  /** A one-line description, e.g. `IntSlider(value=2, min=0, max=4)`. */
  toString(): string {
    const name = this.modelName.replace(/Model$/, "");
    const shown = ["value", "description"].filter((k) => k in this.stateValues && this.stateValues[k] !== "");
    return `${name}(${shown.map((k) => `${k}=${describe(this.stateValues[k])}`).join(", ")})`;
  }

  private check(label: string, key: string, value: unknown): unknown {
    const trait = this.traits[key] ?? json();
    try {
      return trait(key, value);
    } catch (error) {
      const e = error as Error;
      const Ctor = e instanceof RangeError ? RangeError : TypeError;
      throw new Ctor(`${label.split(":")[0]}: ${e.message}`);
    }
  }

  private notify(change: ChangeEvent): void {
    const callbacks = [...(this.observers.get(change.name) ?? []), ...(this.observers.get("*") ?? [])];
    for (const cb of callbacks) {
      try {
        const r = cb(change);
        if (r && typeof (r as Promise<void>).then === "function") {
          (r as Promise<void>).then(undefined, (e: unknown) => reportCallbackError(`an observer of '${change.name}'`, e));
        }
      } catch (e) {
        reportCallbackError(`an observer of '${change.name}'`, e);
      }
    }
  }

  private sendState(
    keys: readonly string[],
    method: "update" | "echo_update",
    values: Record<string, unknown> = this.stateValues,
  ): Promise<void> {
    const partial: Record<string, unknown> = {};
    for (const k of keys) partial[k] = values[k];
    const wire = toWire(partial);
    return this.enqueue(
      (comm) => comm.send({ method, state: wire.state, buffer_paths: wire.buffer_paths }, { buffers: wire.buffers }),
      wire.references,
    );
  }

  private enqueue(send: (comm: Comm) => Promise<void>, references: readonly { modelId: string }[]): Promise<void> {
    const next = this.sendChain.then(async () => {
      // Referenced models must be open on the frontend before a state naming them arrives.
      await Promise.all(references.map((r) => (r instanceof Widget ? r.ready : undefined)));
      const comm = this.comm;
      if (comm === undefined || comm.closed) return;
      await send(comm);
    });
    this.sendChain = next.catch((error: unknown) =>
      warn(`sending to ${this.modelName} ${this.modelId} failed: ${(error as Error)?.message ?? String(error)}`),
    );
    return this.sendChain;
  }

  private forget(): void {
    this.isClosed = true;
    unregisterModel(this.modelId);
  }

  private async handleMessage(msg: CommMessage): Promise<void> {
    const data = msg.data ?? {};
    const method = data.method;
    try {
      if (method === "update") this.applyFrontendUpdate(data.state, data.buffer_paths, msg.buffers ?? []);
      else if (method === "request_state") await this.sendState(Object.keys(this.stateValues), "update");
      else if (method === "custom") await this.dispatchCustom(data.content, msg.buffers ?? []);
      else warn(`ignored a message with unknown method ${describe(method)} for ${this.modelName} ${this.modelId}`);
    } catch (error) {
      warn(
        `could not handle a '${String(method)}' message for ${this.modelName} ${this.modelId}: ${(error as Error)?.message ?? String(error)}`,
      );
    }
  }

  private async dispatchCustom(content: unknown, buffers: DataView[]): Promise<void> {
    for (const cb of [...this.customHandlers]) {
      try {
        await cb(content, buffers);
      } catch (e) {
        reportCallbackError(`a custom message handler of ${this.modelName}`, e);
      }
    }
  }

  private applyFrontendUpdate(rawState: unknown, bufferPaths: unknown, buffers: DataView[]): void {
    let incoming: Record<string, unknown>;
    try {
      incoming = fromWire(rawState, bufferPaths, buffers);
    } catch (error) {
      warn(`ignored a malformed update for ${this.modelName} ${this.modelId}: ${(error as Error).message}`);
      return;
    }
    const accepted: Record<string, unknown> = {};
    const rejected: string[] = [];
    for (const [k, v] of Object.entries(incoming)) {
      if (!(k in this.stateValues)) {
        warn(`ignored unknown attribute '${k}' in an update for ${this.modelName} ${this.modelId}`);
        continue;
      }
      if (PROTECTED_PREFIXES.some((p) => k.startsWith(p))) {
        if (!sameValue(v, this.stateValues[k]))
          warn(`ignored a change of '${k}' from the frontend for ${this.modelName} ${this.modelId}`);
        continue;
      }
      try {
        accepted[k] = (this.traits[k] ?? json())(k, v);
      } catch (error) {
        warn(`ignored an invalid '${k}' from the frontend for ${this.modelName} ${this.modelId}: ${(error as Error).message}`);
        rejected.push(k);
      }
    }
    if (Object.keys(accepted).length > 0) {
      // Protocol 2.1.0: echo the accepted state so every frontend (and the sender) agrees on it.
      void this.sendState(Object.keys(accepted), "echo_update", accepted);
      this.frontendLock = accepted;
      try {
        this.set(accepted as Partial<State>);
      } catch (error) {
        warn(`ignored an update for ${this.modelName} ${this.modelId}: ${(error as Error).message}`);
        rejected.push(...Object.keys(accepted));
      } finally {
        this.frontendLock = undefined;
      }
    }
    // Put the frontend back in step for values the kernel did not accept.
    if (rejected.length > 0) void this.sendState([...new Set(rejected)], "update");
  }
}
