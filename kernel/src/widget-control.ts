/**
 * The kernel side of `jupyter.widget.control`: the frontend's `request_states` is answered with
 * `update_states` holding the full state of every live widget model, collected from the providers
 * the widget API registered through `KernelBridge.registerWidgetStateProvider`.
 */
import type { WidgetStateEntry, WidgetStateProvider } from "../../widgets/bridge";
import type { Logger } from "./comm-manager";
import { toBytes } from "./buffers";
import type { Json } from "./wire-message";

/** Merged states of all providers, binary values moved to buffers at `[modelId, "state", ...path]`. */
export function collectWidgetStates(
  providers: Iterable<WidgetStateProvider>,
  log: Logger,
): { states: Json; bufferPaths: Array<Array<string | number>>; buffers: Uint8Array[] } {
  const states: Json = {};
  const bufferPaths: Array<Array<string | number>> = [];
  const buffers: Uint8Array[] = [];
  for (const provider of providers) {
    let entries: Record<string, WidgetStateEntry>;
    try {
      entries = provider();
    } catch (error) {
      log(`a widget state provider failed: ${(error as Error).message}`);
      continue;
    }
    for (const [modelId, entry] of Object.entries(entries)) {
      states[modelId] = {
        model_name: entry.model_name,
        model_module: entry.model_module,
        model_module_version: entry.model_module_version,
        state: entry.state,
      };
      const paths = entry.buffer_paths ?? [];
      const bytes = toBytes(entry.buffers);
      paths.forEach((p, i) => {
        if (bytes[i] !== undefined) {
          bufferPaths.push([modelId, "state", ...p]);
          buffers.push(bytes[i]);
        }
      });
    }
  }
  return { states, bufferPaths, buffers };
}
