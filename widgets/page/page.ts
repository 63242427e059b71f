/**
 * The live side of an exported notebook page (bundled into `exports/_static/live-page.js`).
 * It starts the page runtime (worker.ts, from a blob: URL so it also works from file://), hands it
 * the compiled cells embedded in the page, renders what the cells output with ipywidgets'
 * standalone `HTMLManager` (standard controls) plus this project's heatmap and line plot views,
 * and replaces each cell's saved static output with its live output once the cell has run.
 * A cell that fails keeps its static output and shows its error; the status line says which.
 */
import "@lumino/widgets/style/index.css";
import "@fortawesome/fontawesome-free/css/all.min.css";
import "@jupyter-widgets/controls/css/widgets-base.css";
import "../lab/style/index.css";
import { HTMLManager } from "@jupyter-widgets/html-manager/lib/htmlmanager";
import type { WidgetModel } from "@jupyter-widgets/base";
import { HeatmapModel, HeatmapView } from "../lab/src/heatmap";
import { LinePlotModel, LinePlotView } from "../lab/src/line-plot";
import { WIDGETS_MODULE_NAME } from "../shared/protocol";
import { cellIndexOf, type PageCell, type PageToWorker, type WorkerToPage } from "./messages";
import { appendOutput, renderBundle, renderError, renderStream } from "./render-output";
import { setStatus } from "./status";
import { pageLanguage, secondsText, statusText, type PageLanguage } from "./status-text";

/** Global the runtime script (`_static/live-runtime.js`) sets once it started the worker. */
const RUNTIME_GLOBAL = "UPSAMPLING_LAB_RUNTIME";

/** What `_static/live-runtime.js` leaves: the worker already running the cells, and what it said so far. */
interface StartedRuntime {
  worker: Worker | null;
  early: WorkerToPage[];
  error: string | null;
}
/** Id of the script element holding the page's compiled cells. */
const CELLS_ELEMENT_ID = "upsampling-lab-live-cells";

const OWN_CLASSES: Record<string, unknown> = { HeatmapModel, HeatmapView, LinePlotModel, LinePlotView };

type CommCallbacks = { iopub?: { status?: (msg: unknown) => void } };

/** The frontend end of a comm whose other end is in the worker. */
class WorkerComm {
  private msgHandler: ((msg: unknown) => void) | undefined;
  private closeHandler: ((msg: unknown) => void) | undefined;
  /** Messages that arrived before the model set its handler (the model's class loads asynchronously). */
  private early: unknown[] = [];
  private sent = 0;
  constructor(
    readonly comm_id: string,
    readonly target_name: string,
    private readonly worker: Worker,
  ) {}
  open(): string {
    return "";
  }
  send(
    data: Record<string, unknown>,
    callbacks?: CommCallbacks,
    _metadata?: unknown,
    buffers?: Array<ArrayBuffer | ArrayBufferView>,
  ): string {
    const own = (buffers ?? []).map((b) =>
      ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength).slice().buffer : b.slice(0),
    );
    const message: PageToWorker = { type: "comm_msg", commId: this.comm_id, data, buffers: own };
    this.worker.postMessage(message, own);
    // The worker handles messages in order and has no busy/idle cycle the model should wait for.
    const status = callbacks?.iopub?.status;
    if (status) queueMicrotask(() => status({ content: { execution_state: "idle" } }));
    return `${this.comm_id}-${++this.sent}`;
  }
  close(): string {
    const message: PageToWorker = { type: "comm_close", commId: this.comm_id };
    this.worker.postMessage(message);
    return "";
  }
  on_msg(handler: (msg: unknown) => void): void {
    this.msgHandler = handler;
    for (const msg of this.early.splice(0)) handler(msg);
  }
  on_close(handler: (msg: unknown) => void): void {
    this.closeHandler = handler;
  }
  receive(msg: unknown): void {
    if (this.msgHandler) this.msgHandler(msg);
    else this.early.push(msg);
  }
  closed(): void {
    this.closeHandler?.({ content: { comm_id: this.comm_id, data: {} } });
  }
}

/** `HTMLManager` that finds this project's views itself (no loader, no network). */
class PageManager extends HTMLManager {
  override loadClass(className: string, moduleName: string, moduleVersion: string): Promise<typeof WidgetModel> {
    if (moduleName === WIDGETS_MODULE_NAME) {
      const found = OWN_CLASSES[className];
      if (found === undefined) return Promise.reject(new Error(`${moduleName} has no class ${className}`));
      return Promise.resolve(found as typeof WidgetModel);
    }
    return super.loadClass(className, moduleName, moduleVersion) as Promise<typeof WidgetModel>;
  }
}

/** Where one cell's live outputs go, beside its static ones. */
interface CellArea {
  cell: HTMLElement | null;
  /** Where the live outputs go, inside `wrapper` (shown once the cell has run). */
  live: HTMLElement;
  wrapper: HTMLElement;
}

function cellAreas(cells: PageCell[]): CellArea[] {
  return cells.map((c) => {
    const cell = document.getElementById(`cell-id=${c.id}`);
    const wrapper = document.createElement("div");
    wrapper.className = "jp-Cell-outputWrapper ul-live-outputs";
    wrapper.hidden = true;
    const live = document.createElement("div");
    live.className = "jp-OutputArea jp-Cell-outputArea";
    wrapper.appendChild(live);
    cell?.appendChild(wrapper);
    return { cell, live, wrapper };
  });
}

/** How the status line names a cell: its prompt (`In [5]`), or its place among the code cells when the page does not show it (check cells). */
function cellName(language: PageLanguage, area: CellArea, index: number): string {
  const prompt = area.cell?.querySelector(".jp-InputPrompt")?.textContent?.replace(/\s+/g, " ").trim().replace(/:$/, "");
  return prompt ? statusText(language, "cellPrompt", { prompt }) : statusText(language, "checkCell", { index: index + 1 });
}

/** Shows a cell's live outputs in place of its static ones. */
function goLive(area: CellArea): void {
  if (area.cell === null || area.live.childElementCount === 0) return;
  const saved = area.cell.querySelector<HTMLElement>(":scope > .jp-Cell-outputWrapper:not(.ul-live-outputs)");
  if (saved) saved.classList.add("ul-replaced");
  area.wrapper.hidden = false;
}

/** What the export embedded: the compiled cells (the files they read go to the runtime only). */
function readNotebook(): { cells: PageCell[] } {
  const element = document.getElementById(CELLS_ELEMENT_ID);
  if (element === null) throw new Error(`the page has no #${CELLS_ELEMENT_ID} element`);
  return JSON.parse(element.textContent ?? "{}") as { cells: PageCell[] };
}

/**
 * ipywidgets' controls typeset HTML through MathJax 2's `MathJax.Hub.Queue` whenever `window.MathJax`
 * exists; the exported page carries MathJax 3 (loaded deferred, after this script). Whatever object
 * `window.MathJax` is (the configuration, then MathJax itself) gets a `Hub.Queue` that calls MathJax 3's
 * `typesetPromise` once MathJax is ready.
 */
function bridgeMathJax2(): void {
  type MathJaxObject = { Hub?: unknown; typesetPromise?: (elements: unknown[]) => Promise<void> };
  const page = window as unknown as { MathJax?: MathJaxObject };
  const withHub = (mathJax: MathJaxObject | undefined): MathJaxObject | undefined => {
    if (mathJax !== null && typeof mathJax === "object" && mathJax.Hub === undefined) {
      mathJax.Hub = {
        Queue: (command: unknown[]): void => {
          const element = command[2];
          const typeset = page.MathJax?.typesetPromise;
          if (typeof typeset === "function" && element instanceof Element)
            void typeset.call(page.MathJax, [element]).catch(() => undefined);
        },
      };
    }
    return mathJax;
  };
  let current = withHub(page.MathJax);
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    get: () => current,
    set: (value: MathJaxObject | undefined) => {
      current = withHub(value);
    },
  });
}

/** Starts the runtime and renders what it says. */
function start(language: PageLanguage): void {
  // When the page's script began, in ms since navigation started (the bench reads it beside liveMs).
  document.documentElement.dataset.liveStartMs = String(Math.round(performance.now()));
  const runtime = (window as unknown as Record<string, StartedRuntime | undefined>)[RUNTIME_GLOBAL];
  if (runtime === undefined) {
    setStatus("failed", statusText(language, "missingRuntime"));
    return;
  }
  if (runtime.worker === null || runtime.error !== null) {
    setStatus("failed", statusText(language, "couldNotStart", { reason: runtime.error ?? "no worker" }));
    return;
  }
  bridgeMathJax2();
  const { cells } = readNotebook();
  const areas = cellAreas(cells);
  const worker = runtime.worker;
  const manager = new PageManager();
  const comms = new Map<string, WorkerComm>();
  const displays = new Map<string, HTMLElement[]>();
  const failures: string[] = [];
  let running = -1;

  const areaFor = (parentMsgId: string): HTMLElement | undefined => areas[cellIndexOf(parentMsgId)]?.live;

  /** Output models capturing outputs of `msgId` (the widget API sets `msg_id` while capturing). */
  const capturingModels = async (
    msgId: string,
  ): Promise<Array<{ outputs: { add(o: unknown): void; clear(wait?: boolean): void } }>> => {
    const models = await Promise.all(
      Object.values((manager as unknown as { _models: Record<string, Promise<WidgetModel>> })._models),
    );
    return models.filter((m) => m.get("_model_name") === "OutputModel" && m.get("msg_id") === msgId) as never;
  };

  const onOutput = async (parentMsgId: string, msgType: string, content: Record<string, unknown>): Promise<void> => {
    const capturing = parentMsgId === "" ? [] : await capturingModels(parentMsgId);
    if (capturing.length > 0) {
      for (const model of capturing) {
        if (msgType === "clear_output") model.outputs.clear(content.wait === true);
        else model.outputs.add({ output_type: msgType === "update_display_data" ? "display_data" : msgType, ...content });
      }
      return;
    }
    const transient = content.transient as { display_id?: string } | undefined;
    if (msgType === "update_display_data") {
      for (const el of displays.get(transient?.display_id ?? "") ?? []) {
        if (el.dataset.widget !== "true") await renderBundle(manager, el, content.data as Record<string, unknown>);
      }
      return;
    }
    const area = areaFor(parentMsgId);
    if (area === undefined) return;
    if (msgType === "clear_output") area.replaceChildren();
    else if (msgType === "stream") renderStream(area, String(content.name), String(content.text));
    else if (msgType === "error") renderError(area, content as never, statusText(language, "cellFailed"));
    else if (msgType === "display_data" || msgType === "execute_result") {
      const el = appendOutput(area);
      if (transient?.display_id) displays.set(transient.display_id, [...(displays.get(transient.display_id) ?? []), el]);
      await renderBundle(manager, el, content.data as Record<string, unknown>);
    }
  };

  // Messages are handled one after another, in the order the runtime sent them.
  let queue = Promise.resolve();
  const enqueue = (message: WorkerToPage): void => {
    queue = queue.then(() => handle(message)).catch((error: unknown) => console.error("[live page]", error));
  };
  worker.onerror = (event): void => {
    setStatus("failed", statusText(language, "stopped", { reason: event.message }));
  };

  const handle = async (message: WorkerToPage): Promise<void> => {
    switch (message.type) {
      case "comm_open": {
        const comm = new WorkerComm(message.commId, message.target, worker);
        comms.set(message.commId, comm);
        if (message.target !== "jupyter.widget") return;
        await manager.handle_comm_open(
          comm as never,
          {
            content: { comm_id: message.commId, target_name: message.target, data: message.data },
            metadata: message.metadata,
            buffers: message.buffers.map((b) => new DataView(b)),
          } as never,
        );
        return;
      }
      case "comm_msg":
        comms.get(message.commId)?.receive({
          content: { comm_id: message.commId, data: message.data },
          metadata: message.metadata,
          buffers: message.buffers.map((b) => new DataView(b)),
        });
        return;
      case "comm_close":
        comms.get(message.commId)?.closed();
        comms.delete(message.commId);
        return;
      case "output":
        await onOutput(message.parentMsgId, message.msgType, message.content);
        return;
      case "cell_start":
        running = message.index;
        setStatus("running", statusText(language, "running", { index: message.index + 1, count: cells.length }));
        return;
      case "cell_end": {
        const area = areas[message.index];
        if (message.error) {
          failures.push(`${cellName(language, area, message.index)} (${message.error.ename}: ${message.error.evalue})`);
          area.cell?.classList.add("ul-live-failed");
          // The cell keeps its saved output; its error shows under it.
          area.wrapper.hidden = false;
        } else goLive(area);
        return;
      }
      case "done": {
        running = -1;
        const note = message.note ? ` ${statusText(language, message.note === "no-wasm" ? "noWasm" : "noSimd")}` : "";
        if (failures.length === 0)
          setStatus("live", statusText(language, "live", { seconds: secondsText(language, message.ms) }) + note);
        else
          setStatus(
            "partial",
            statusText(language, failures.length === 1 ? "partialOne" : "partialMany", { failures: failures.join("; ") }) + note,
          );
        return;
      }
    }
  };
  void running;
  // The runtime started before this script loaded: first what it said meanwhile, then the rest.
  for (const message of runtime.early.splice(0)) enqueue(message);
  worker.onmessage = (event: MessageEvent<WorkerToPage>): void => enqueue(event.data);
}

// The export's check after this script: the page script ran (a truncated copy never gets here).
document.documentElement.dataset.livePage = "started";
const language = pageLanguage(document);
try {
  start(language);
} catch (error) {
  setStatus("failed", statusText(language, "couldNotStart", { reason: error instanceof Error ? error.message : String(error) }));
}
