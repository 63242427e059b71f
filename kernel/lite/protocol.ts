/**
 * Messages between the JupyterLite kernel plugin (the page's main thread, kernel/lite/extension)
 * and the kernel's Web Worker (kernel/lite/worker, built into `dist/lite/kernel-worker.js`),
 * exchanged with `postMessage`. The plugin translates Jupyter messages to and from these; the
 * worker compiles and runs the cells. Contents (`content`, `data`, `metadata`) are Jupyter message
 * contents as the messaging spec defines them, so the plugin copies them as they are.
 *
 * The plugin publishes what only it knows: `status` (busy/idle) around each request, and
 * `execute_input` (its execution count goes to the worker as `ExecuteMessage.executionCount`).
 *
 * Order of events:
 * - The plugin starts the worker and posts `init`; the worker answers `ready` (the first `execute`
 *   may be posted before: requests are queued and handled in order). It builds its compiler after
 *   that, when the first cell needs it or while it waits (kernel/lite/worker/engine.ts).
 * - Each request (`execute`, `complete`, `inspect`, `is_complete`, `comm_info`) carries a `msgId`
 *   (the Jupyter request's `header.msg_id`); the worker answers with exactly one `reply` carrying the
 *   same `msgId` and the Jupyter reply's `msgType` and `content` (`status` included). Outputs of an
 *   execute request arrive as `output` messages with `parentMsgId` = that `msgId`, all before its
 *   `reply`. Outputs produced while a frontend comm message is handled carry the `msgId` of that
 *   comm message (`comm_msg.msgId`, when the plugin gives one).
 * - Requests are handled one at a time in the order received, except `comm_msg`/`comm_close`
 *   (handled at once, also while a cell awaits: a slider moved during `await` still works) and
 *   `input_reply`.
 * - Interrupt: the plugin terminates the worker and starts a new one (`init` again); the running
 *   cell fails with a message saying the kernel's state was lost. Restart: the same, no message.
 *
 * Compatibility: fields are only ever added (optional), never renamed or removed.
 */

/** Version of this protocol, sent in `ready`; bumped only on additions. */
export const LITE_PROTOCOL_VERSION = 1;

/** A JSON object as carried in Jupyter message contents. */
export type JsonObject = { [key: string]: unknown };

/**
 * Main thread -> worker: start. May be sent again (the plugin starts a worker as the app loads and
 * names the notebook's folder once a kernel takes it over): the worker keeps its compiler and cells,
 * takes the new files location and browsing context, and answers `ready` again.
 */
export interface InitMessage {
  type: "init";
  /**
   * The site's base URL, absolute, ending with `/` (JupyterLite's `PageConfig.getBaseUrl()`); the
   * notebook's files are fetched from `<siteBaseUrl>files/<folder of notebookPath>/<path>`.
   */
  siteBaseUrl: string;
  /**
   * Path of the notebook in the site's contents (e.g. `vi/03-transposed-convolution-step-by-step.ipynb`),
   * or of its folder (a path not ending in `.ipynb`, e.g. the kernel's `location`: `vi`), or "" for
   * the top folder. Files a cell names are looked up relative to that folder.
   */
  notebookPath: string;
  /**
   * JupyterLite's `IServiceWorkerManager.browsingContextId`, when its service worker is enabled
   * (`serviceWorkerManager.enabled`). With it (and `ExecuteMessage.parentHeader`), a synchronous
   * `prompt()` asks through the service worker's `api/stdin/kernel` route, as JupyterLite's own
   * kernels do; without it, `prompt()` throws an error saying to use `await input()`.
   */
  browsingContextId?: string;
  /**
   * Absolute URL of the compiler's script (`kernel-compiler.js`: the TypeScript compiler and the
   * files it checks against, 90% of the kernel's code), which the worker loads with `importScripts`
   * when it first needs to compile, so a visit whose cells come from the compile cache never loads it.
   */
  compilerUrl?: string;
}

/** Main thread -> worker: an `execute_request`. */
export interface ExecuteMessage {
  type: "execute";
  msgId: string;
  code: string;
  silent: boolean;
  storeHistory: boolean;
  /** True when the frontend answers `input_request`s for this request. */
  allowStdin: boolean;
  /**
   * The execution count the plugin published in `execute_input` (JupyterLite's
   * `BaseKernel.executionCount`); the worker uses it in `execute_result` and `execute_reply`.
   * Absent: the worker counts itself (requests with `storeHistory` and not `silent`).
   */
  executionCount?: number;
  /**
   * The Jupyter execute_request's `header` (its `session` routes a synchronous `prompt()`'s
   * input_request back to this notebook through JupyterLite's service worker; see `InitMessage`).
   */
  parentHeader?: JsonObject;
  /**
   * As the request's `stop_on_error` (absent: true): when this cell fails, execute requests the
   * worker received before its reply went out are answered `status: "aborted"` without running.
   */
  stopOnError?: boolean;
}

/** Main thread -> worker: a `complete_request` (`cursorPos` as the request's `cursor_pos`: Unicode code points). */
export interface CompleteMessage {
  type: "complete";
  msgId: string;
  code: string;
  cursorPos: number;
}

/** Main thread -> worker: an `inspect_request`. */
export interface InspectMessage {
  type: "inspect";
  msgId: string;
  code: string;
  cursorPos: number;
  detailLevel: number;
}

/** Main thread -> worker: an `is_complete_request`. */
export interface IsCompleteMessage {
  type: "is_complete";
  msgId: string;
  code: string;
}

/** Main thread -> worker: a `comm_info_request`. */
export interface CommInfoMessage {
  type: "comm_info";
  msgId: string;
  targetName?: string;
}

/** Comm messages, both directions (the frontend's `comm_open`/`comm_msg`/`comm_close` content, flattened). */
export interface CommOpenMessage {
  type: "comm_open";
  commId: string;
  targetName: string;
  data: JsonObject;
  metadata: JsonObject;
  buffers: ArrayBuffer[];
  /** msg_id of the Jupyter message (main -> worker only): the parent of outputs its handler produces. */
  msgId?: string;
}

/** A `comm_msg`, both directions. */
export interface CommMsgMessage {
  type: "comm_msg";
  commId: string;
  data: JsonObject;
  metadata: JsonObject;
  buffers: ArrayBuffer[];
  /** msg_id of the Jupyter message (main -> worker only): the parent of outputs its handler produces. */
  msgId?: string;
}

/** A `comm_close`, both directions. */
export interface CommCloseMessage {
  type: "comm_close";
  commId: string;
  data: JsonObject;
  metadata?: JsonObject;
  buffers?: ArrayBuffer[];
  msgId?: string;
}

/** Main thread -> worker: the user's answer to the last `input_request`. */
export interface InputReplyMessage {
  type: "input_reply";
  value: string;
}

/** Everything the main thread sends. */
export type MainToWorker =
  | InitMessage
  | ExecuteMessage
  | CompleteMessage
  | InspectMessage
  | IsCompleteMessage
  | CommInfoMessage
  | CommOpenMessage
  | CommMsgMessage
  | CommCloseMessage
  | InputReplyMessage;

/** Worker -> main thread: the compiler is loaded; `kernel_info_reply` content without `status`. */
export interface ReadyMessage {
  type: "ready";
  protocolVersion: number;
  /** `protocol_version`, `implementation`, `language_info`, `banner`, `help_links`... */
  kernelInfo: JsonObject;
}

/**
 * Worker -> main thread: an iopub output of a request: `msgType` is `stream`, `display_data`,
 * `update_display_data`, `execute_result`, `error` or `clear_output`; `content` is its Jupyter
 * content (for `display_data`, `transient.display_id` when the display has an id). `execute_result`
 * and `execute_input` need the execution count: `execute_result` content carries it.
 */
export interface OutputMessage {
  type: "output";
  parentMsgId: string;
  msgType: string;
  content: JsonObject;
}

/**
 * Worker -> main thread: the reply to a request: `msgType` is `execute_reply`, `complete_reply`,
 * `inspect_reply`, `is_complete_reply` or `comm_info_reply`; `content` its Jupyter content.
 */
export interface ReplyMessage {
  type: "reply";
  msgId: string;
  msgType: string;
  content: JsonObject;
}

/**
 * Worker -> main thread: ask the user for a line (answered with `input_reply`): what `await
 * input()` of "upsampling-lab/widgets" sends. A synchronous `prompt()` goes through the service
 * worker instead and never reaches the plugin.
 */
export interface InputRequestMessage {
  type: "input_request";
  parentMsgId: string;
  prompt: string;
  password: boolean;
}

/** Everything the worker sends. */
export type WorkerToMain =
  ReadyMessage | OutputMessage | ReplyMessage | InputRequestMessage | CommOpenMessage | CommMsgMessage | CommCloseMessage;

/** The text the plugin shows as the failed cell's error when an interrupt restarted the worker. */
export const STATE_LOST_MESSAGE =
  "The kernel was interrupted: its Web Worker was stopped and a new one started, so every variable of earlier cells is gone. Run the cells again from the top.";
