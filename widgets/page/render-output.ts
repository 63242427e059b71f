/**
 * Renders cell outputs of a live page: a mime bundle (the widget view when its model is live,
 * else HTML, SVG, PNG or text), stream text and errors, in the elements and classes of nbconvert's
 * lab template (a prompt column, then the output) so they sit where the saved outputs sat.
 */
import type { HTMLManager } from "@jupyter-widgets/html-manager/lib/htmlmanager";
import type { CellError } from "./messages";

const WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json";

/** Appends an output row (`jp-OutputArea-child`: empty prompt, output) to `area`; returns the output element. */
export function appendOutput(area: HTMLElement, className = ""): HTMLElement {
  const child = document.createElement("div");
  child.className = `jp-OutputArea-child ${className}`.trim();
  const prompt = document.createElement("div");
  prompt.className = "jp-OutputPrompt jp-OutputArea-prompt";
  const output = document.createElement("div");
  output.className = "jp-OutputArea-output";
  child.append(prompt, output);
  area.appendChild(child);
  return output;
}

/** Renders `bundle` into the output element `el` (replacing what it held). */
export async function renderBundle(manager: HTMLManager, el: HTMLElement, bundle: Record<string, unknown>): Promise<void> {
  const view = bundle[WIDGET_VIEW_MIMETYPE] as { model_id?: string } | undefined;
  if (view?.model_id && manager.has_model(view.model_id)) {
    el.replaceChildren();
    el.dataset.widget = "true";
    const model = await manager.get_model(view.model_id);
    const widgetView = await manager.create_view(model, {});
    await manager.display_view(widgetView, el);
    return;
  }
  const html = bundle["text/html"];
  const svg = bundle["image/svg+xml"];
  const png = bundle["image/png"];
  if (typeof html === "string" || typeof svg === "string") {
    el.className = `jp-OutputArea-output ${typeof html === "string" ? "jp-RenderedHTMLCommon jp-RenderedHTML" : "jp-RenderedSVG"}`;
    el.innerHTML = (typeof html === "string" ? html : svg) as string;
  } else if (typeof png === "string") {
    el.className = "jp-RenderedImage jp-OutputArea-output";
    const img = document.createElement("img");
    img.src = `data:image/png;base64,${png}`;
    el.replaceChildren(img);
  } else {
    el.className = "jp-RenderedText jp-OutputArea-output";
    el.dataset.mimeType = "text/plain";
    const pre = document.createElement("pre");
    pre.textContent = String(bundle["text/plain"] ?? "");
    el.replaceChildren(pre);
  }
}

/** Appends stream text, joining it to the previous stream output of the same name. */
export function renderStream(area: HTMLElement, name: string, text: string): void {
  const last = area.lastElementChild as HTMLElement | null;
  const pre = last?.dataset.stream === name ? last.querySelector("pre") : null;
  if (pre) {
    pre.textContent += text;
    return;
  }
  const output = appendOutput(area);
  (output.parentElement as HTMLElement).dataset.stream = name;
  output.className = "jp-RenderedText jp-OutputArea-output";
  output.dataset.mimeType = name === "stderr" ? "application/vnd.jupyter.stderr" : "text/plain";
  const text$ = document.createElement("pre");
  text$.textContent = text;
  output.appendChild(text$);
}

/** Appends a cell's error where it happened, after `intro` (what happened, in the page's language). */
export function renderError(area: HTMLElement, error: CellError, intro: string): void {
  const output = appendOutput(area, "ul-live-error");
  output.className = "jp-RenderedText jp-OutputArea-output";
  output.dataset.mimeType = "application/vnd.jupyter.stderr";
  const pre = document.createElement("pre");
  pre.textContent = `${intro}\n${error.traceback.join("\n")}`;
  output.appendChild(pre);
}
