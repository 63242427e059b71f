/**
 * The kernel's implementation of the bridge that notebook code uses (`widgets/bridge`): display,
 * display updates and clear_output on the current request, comms, widget state providers (and the
 * `jupyter.widget.control` comm they serve), end-of-execute hooks, output observers and input.
 */
import { createRequire } from "node:module";
import {
  registerKernelBridge,
  type Comm,
  type JsonObject,
  type KernelBridge,
  type MimeBundle,
  type PublishedOutput,
  type WidgetStateProvider,
} from "../../widgets/bridge";
import type { CommManager } from "./comm-manager";
import { kernelLog } from "./log";
import type { Publisher } from "./publisher";
import { checkInputArguments, type UserInput } from "./user-input";
import { collectWidgetStates } from "./widget-control";
import type { Json } from "./wire-message";

/** Iopub message types told to the bridge's output observers. */
const OBSERVED_OUTPUTS = new Set(["display_data", "update_display_data", "execute_result", "stream", "error", "clear_output"]);

/** The observers registered through `KernelBridge.onOutput`. */
export class OutputObservers {
  private readonly observers = new Set<(output: PublishedOutput) => void>();

  /** Adds an observer; returns its remover. */
  add(observer: (output: PublishedOutput) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Tells every observer of an iopub message (other message types are ignored). */
  tell(msgType: string, content: Json, parent: Json): void {
    if (this.observers.size === 0 || !OBSERVED_OUTPUTS.has(msgType)) return;
    const parentMsgId = typeof parent.msg_id === "string" ? parent.msg_id : "";
    for (const observer of [...this.observers]) {
      try {
        observer({ msgType, content: content as JsonObject, parentMsgId });
      } catch (error) {
        kernelLog(`output observer failed: ${(error as Error)?.stack ?? String(error)}`);
      }
    }
  }
}

/** The kernel parts the bridge reaches. */
export interface BridgeParts {
  publisher: Publisher;
  comms: CommManager;
  executeEndHooks: Set<() => void | Promise<void>>;
  outputObservers: OutputObservers;
  userInput: UserInput;
}

/** Builds the kernel's bridge, registers it on `globalThis` and serves `jupyter.widget.control`. */
export function installKernelBridge(parts: BridgeParts): KernelBridge {
  const { publisher, comms } = parts;
  const providers = new Set<WidgetStateProvider>();
  const bridge: KernelBridge = {
    async display(bundle: MimeBundle, options = {}): Promise<void> {
      if (typeof bundle !== "object" || bundle === null || Array.isArray(bundle)) {
        throw new TypeError(`display: bundle must be a mime bundle object, got ${bundle === null ? "null" : typeof bundle}`);
      }
      if (options.update === true && typeof options.displayId !== "string") {
        throw new TypeError("display: update: true needs a displayId (the id given when the output was first displayed)");
      }
      publisher.publish(options.update === true ? "update_display_data" : "display_data", {
        data: bundle,
        metadata: options.metadata ?? {},
        transient: options.displayId === undefined ? {} : { display_id: options.displayId },
      });
    },
    async clearOutput(wait = false): Promise<void> {
      publisher.publish("clear_output", { wait: wait === true });
    },
    async openComm(targetName: string, data: JsonObject, options = {}): Promise<Comm> {
      const metadata =
        targetName === "jupyter.widget" && options.metadata?.version === undefined
          ? { version: "2.1.0", ...(options.metadata ?? {}) }
          : options.metadata;
      return comms.open(targetName, data, { ...options, metadata });
    },
    registerCommTarget(targetName, handler): void {
      comms.registerTarget(targetName, handler);
    },
    currentParentHeader(): JsonObject | undefined {
      const parent = publisher.context.getStore()?.parent;
      return parent === undefined ? undefined : { ...parent };
    },
    registerWidgetStateProvider(provider: WidgetStateProvider): () => void {
      if (typeof provider !== "function")
        throw new TypeError(`registerWidgetStateProvider: provider must be a function, got ${typeof provider}`);
      providers.add(provider);
      return () => providers.delete(provider);
    },
    onExecuteEnd(hook) {
      if (typeof hook !== "function") throw new TypeError(`onExecuteEnd: hook must be a function, got ${typeof hook}`);
      parts.executeEndHooks.add(hook);
      return () => parts.executeEndHooks.delete(hook);
    },
    onOutput(observer) {
      if (typeof observer !== "function") throw new TypeError(`onOutput: observer must be a function, got ${typeof observer}`);
      return parts.outputObservers.add(observer);
    },
    async input(prompt, options) {
      const checked = checkInputArguments("input", prompt, options);
      return parts.userInput.ask(checked.prompt, { password: checked.password });
    },
  };
  registerKernelBridge(bridge);
  comms.registerTarget("jupyter.widget.control", (comm) => {
    comm.onMsg(async (msg) => {
      if (msg.data.method !== "request_states") {
        kernelLog(`jupyter.widget.control: unknown method ${JSON.stringify(msg.data.method)}`);
        return;
      }
      const { states, bufferPaths, buffers } = collectWidgetStates(providers, kernelLog);
      await comm.send({ method: "update_states", states, buffer_paths: bufferPaths }, { buffers });
    });
  });
  // Compatibility with tslab's own display API (`import * as tslab from "tslab"; tslab.display.html(...)`).
  try {
    const tslabJupyter = createRequire(__filename)("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
    tslabJupyter.lastWriteDisplayData = (content: Json, update: boolean): void =>
      publisher.publish(update ? "update_display_data" : "display_data", content);
  } catch (error) {
    kernelLog(`tslab display API unavailable: ${(error as Error).message}`);
  }
  return bridge;
}
