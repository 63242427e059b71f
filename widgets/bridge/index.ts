/**
 * The bridge between notebook code and whatever executes it: display, display updates, comms,
 * widget state providers and input from the user.
 *
 * The runtime (the Upsampling Lab Jupyter kernel today; a page runtime or a JupyterLite kernel
 * tomorrow) implements `KernelBridge` and registers it on `globalThis` under `KERNEL_BRIDGE_KEY`
 * (a `Symbol.for` key, so two copies of this package loaded from different folders still find
 * the same runtime). The widget API (`upsampling-lab/widgets`) reaches the runtime only through
 * this interface. This module is neutral: no Node API, no import, so a browser runtime can use it.
 */

/** Registry key of the kernel bridge on `globalThis`. Bump the suffix on breaking changes. */
export const KERNEL_BRIDGE_KEY: unique symbol = Symbol.for("upsampling-lab.kernel-bridge.v1") as never;

/** A JSON object as carried in Jupyter message content. */
export type JsonObject = { [key: string]: unknown };

/** A mime bundle: mimetype -> data (`text/plain`, `image/svg+xml`, `application/vnd.jupyter.widget-view+json`, ...). */
export type MimeBundle = { [mimetype: string]: unknown };

/** Binary buffers sent with a message (any typed array view or raw buffer). */
export type OutgoingBuffers = ReadonlyArray<ArrayBuffer | ArrayBufferView>;

/** Options for `KernelBridge.display`. */
export interface DisplayOptions {
  /** Output metadata, keyed by mimetype. */
  metadata?: JsonObject;
  /** Display id, so the same output can be replaced later with `update: true`. */
  displayId?: string;
  /** Send `update_display_data` for `displayId` instead of a new `display_data`. */
  update?: boolean;
}

/** A message arriving on a comm from the frontend. */
export interface CommMessage {
  /** `content.data` of the `comm_msg` / `comm_open` / `comm_close`. */
  data: JsonObject;
  /** Message metadata. */
  metadata: JsonObject;
  /** Binary buffers, each a view on its own bytes. */
  buffers: DataView[];
  /** Header of the message itself (it becomes the parent of output produced while handling it). */
  header: JsonObject;
}

/** One end of a Jupyter comm, owned by the kernel's comm manager. */
export interface Comm {
  /** The comm id shared with the frontend. */
  readonly commId: string;
  /** The target this comm was opened for, e.g. `jupyter.widget`. */
  readonly targetName: string;
  /** True once either side closed the comm. */
  readonly closed: boolean;
  /** Sends `comm_msg` on iopub, parented to the current request. */
  send(data: JsonObject, options?: { metadata?: JsonObject; buffers?: OutgoingBuffers }): Promise<void>;
  /** Sends `comm_close` and forgets the comm. */
  close(data?: JsonObject): Promise<void>;
  /** Sets the handler for messages from the frontend (replaces any previous one). */
  onMsg(handler: (msg: CommMessage) => void | Promise<void>): void;
  /** Sets the handler called once when the frontend closes the comm. */
  onClose(handler: (msg: CommMessage) => void): void;
}

/**
 * Full state of one live widget model, as the `jupyter.widget.control` comm reports it in
 * `update_states` (ipywidgets 8 / protocol 2.1.0). Binary values are listed in `buffer_paths`
 * (paths inside `state`, e.g. `["values"]`) with the matching entries of `buffers`, exactly as
 * in the model's `comm_open` data.
 */
export interface WidgetStateEntry {
  model_name: string;
  model_module: string;
  model_module_version: string;
  /** JSON state; values at `buffer_paths` may be left out or null (the buffers fill them). */
  state: JsonObject;
  /** Paths inside `state` of the binary values. */
  buffer_paths?: Array<Array<string | number>>;
  /** The binary values, one per path. */
  buffers?: OutgoingBuffers;
}

/** Returns the state of every live widget model, keyed by model id (= comm id). */
export type WidgetStateProvider = () => Record<string, WidgetStateEntry>;

/**
 * An output the kernel published on iopub (`display_data`, `update_display_data`, `execute_result`,
 * `stream`, `error`, `clear_output`), as told to output observers.
 */
export interface PublishedOutput {
  /** The message type, e.g. `stream`. */
  msgType: string;
  /** The message content (for `display_data`, `data` is the bundle given to `display`). */
  content: JsonObject;
  /** `msg_id` of the request the output belongs to (its parent header), or "" outside any. */
  parentMsgId: string;
}

/** Options for `KernelBridge.input`. */
export interface InputOptions {
  /** Ask for a password: the frontend hides what the user types. */
  password?: boolean;
}

/** What notebook code may ask of the running kernel. */
export interface KernelBridge {
  /** Publishes a `display_data` (or `update_display_data`) to the current request's output. */
  display(bundle: MimeBundle, options?: DisplayOptions): Promise<void>;
  /** Publishes `clear_output` to the current request's output. */
  clearOutput(wait?: boolean): Promise<void>;
  /** Opens a comm from the kernel side (`comm_open` on iopub). */
  openComm(
    targetName: string,
    data: JsonObject,
    options?: { metadata?: JsonObject; buffers?: OutgoingBuffers; commId?: string },
  ): Promise<Comm>;
  /** Registers a handler for comms the frontend opens for `targetName`. */
  registerCommTarget(targetName: string, handler: (comm: Comm, msg: CommMessage) => void | Promise<void>): void;
  /**
   * The header of the request whose output is being produced right now
   * (the executing cell, or the comm message whose handler is running), or undefined outside any.
   */
  currentParentHeader(): JsonObject | undefined;
  /**
   * Registers a source of live widget states for the `jupyter.widget.control` comm
   * (`request_states` -> `update_states`); the widget API calls this once. States of all
   * registered providers are merged. Returns a function that unregisters the provider.
   */
  registerWidgetStateProvider(provider: WidgetStateProvider): () => void;
  /**
   * Registers `hook`, awaited at the end of every execute request (after the cell and its
   * `execute_result`, before the reply and the idle status) with that request as the current
   * parent, so what it displays or updates still belongs to the cell (the widget API refreshes the
   * static figures of widgets the cell changed). Returns a remover.
   */
  onExecuteEnd?(hook: () => void | Promise<void>): () => void;
  /**
   * Registers `observer`, told synchronously of every output published on iopub (the widget API's
   * `Output` records what it captured). Returns a remover.
   */
  onOutput?(observer: (output: PublishedOutput) => void): () => void;
  /**
   * Asks the user for one line of input (Jupyter's `input_request` on the stdin channel) and
   * resolves with the answer. Rejects at once with a clear error when the frontend does not take
   * input for the current request (`allow_stdin: false`, e.g. nbclient, or no running cell), and
   * with `KeyboardInterrupt` when the kernel is interrupted while waiting. A runtime without a
   * user to ask leaves it out.
   */
  input?(prompt: string, options?: InputOptions): Promise<string>;
  /**
   * False when the runtime shows only live widget views and never a saved figure (a live exported
   * page): the widget API then builds no static SVG/PNG figures for widget outputs. Absent: true.
   */
  readonly staticFigures?: boolean;
}

/** The running kernel's bridge, or undefined outside a kernel (plain Node, tests). */
export function findKernelBridge(): KernelBridge | undefined {
  return (globalThis as { [KERNEL_BRIDGE_KEY]?: KernelBridge })[KERNEL_BRIDGE_KEY];
}

/** The running kernel's bridge; throws a clear error when code runs outside a runtime (the Upsampling Lab kernel). */
export function requireKernelBridge(what: string): KernelBridge {
  const bridge = findKernelBridge();
  if (bridge === undefined) {
    throw new Error(
      `${what} needs the Upsampling Lab Jupyter kernel ("TypeScript (Upsampling Lab)"); ` +
        "no kernel is running in this process. Open the notebook in JupyterLab with that kernel.",
    );
  }
  return bridge;
}

/** Registers `bridge` as the running kernel's bridge (the kernel calls this once at start). */
export function registerKernelBridge(bridge: KernelBridge): void {
  (globalThis as { [KERNEL_BRIDGE_KEY]?: KernelBridge })[KERNEL_BRIDGE_KEY] = bridge;
}
