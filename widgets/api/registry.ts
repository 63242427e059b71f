/**
 * The live widget models of this process, by model id: used to resolve
 * `"IPY_MODEL_<id>"` references from the frontend and to answer the
 * `jupyter.widget.control` comm's `request_states` (through the kernel bridge).
 */
import type { KernelBridge, WidgetStateEntry } from "../bridge";
import { toWire } from "./serialize";

/** What the registry needs of a widget. */
export interface RegisteredModel {
  readonly modelId: string;
  /** `_model_name`, `_model_module`, `_model_module_version` and the full state. */
  fullState(): Record<string, unknown>;
}

const live = new Map<string, RegisteredModel>();
const bridgesWithProvider = new WeakSet<KernelBridge>();

/** Adds a widget to the live set. */
export function registerModel(model: RegisteredModel): void {
  live.set(model.modelId, model);
}

/** Removes a widget (after it closed). */
export function unregisterModel(modelId: string): void {
  live.delete(modelId);
}

/** The live widget with this model id, if any. */
export function liveModel(modelId: string): RegisteredModel | undefined {
  return live.get(modelId);
}

/** How many widgets are live (open and not closed). */
export function liveModelCount(): number {
  return live.size;
}

/** Every live widget's state, as `update_states` reports it. */
export function allWidgetStates(): Record<string, WidgetStateEntry> {
  const out: Record<string, WidgetStateEntry> = {};
  for (const [id, model] of live) {
    const wire = toWire(model.fullState());
    out[id] = {
      model_name: String(wire.state._model_name),
      model_module: String(wire.state._model_module),
      model_module_version: String(wire.state._model_module_version),
      state: wire.state,
      buffer_paths: wire.buffer_paths,
      buffers: wire.buffers,
    };
  }
  return out;
}

/** Registers `allWidgetStates` with the kernel once per bridge (older bridges without the hook are skipped). */
export function ensureStateProvider(bridge: KernelBridge): void {
  if (bridgesWithProvider.has(bridge)) return;
  bridgesWithProvider.add(bridge);
  const register = (bridge as Partial<KernelBridge>).registerWidgetStateProvider;
  if (typeof register === "function") register.call(bridge, allWidgetStates);
}
