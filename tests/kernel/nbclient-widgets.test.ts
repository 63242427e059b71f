/**
 * nbclient executes a generated notebook whose cells open standard widget models through the kernel
 * bridge (jupyter.widget comms, protocol 2.1.0), display a slider and update it; the saved notebook
 * must carry the widget state in its metadata and the widget view in the cell output.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./kernel-client";
import { kernelspecEnv, venvPython } from "./jupyter-env";

const OPEN_SLIDER = `const bridge = (globalThis as any)[Symbol.for("upsampling-lab.kernel-bridge.v1")];
const versions = { _model_module_version: "2.0.0", _view_module_version: "2.0.0", _view_count: null };
const layout = await bridge.openComm("jupyter.widget", { state: { _model_name: "LayoutModel", _model_module: "@jupyter-widgets/base", _view_name: "LayoutView", _view_module: "@jupyter-widgets/base", ...versions }, buffer_paths: [] });
const style = await bridge.openComm("jupyter.widget", { state: { _model_name: "SliderStyleModel", _model_module: "@jupyter-widgets/controls", _view_name: "StyleView", _view_module: "@jupyter-widgets/base", description_width: "", handle_color: null, ...versions }, buffer_paths: [] });
const slider = await bridge.openComm("jupyter.widget", { state: {
  _model_name: "IntSliderModel", _model_module: "@jupyter-widgets/controls", _view_name: "IntSliderView", _view_module: "@jupyter-widgets/controls", ...versions,
  value: 7, min: 0, max: 10, step: 1, description: "kernel size", description_allow_html: false, behavior: "drag-tap", orientation: "horizontal",
  readout: true, readout_format: "d", continuous_update: true, disabled: false, tabbable: null, tooltip: null, _dom_classes: [],
  layout: "IPY_MODEL_" + layout.commId, style: "IPY_MODEL_" + style.commId,
}, buffer_paths: [] });
await bridge.display({ "application/vnd.jupyter.widget-view+json": { version_major: 2, version_minor: 0, model_id: slider.commId }, "text/plain": "IntSlider(value=7)" });`;

const UPDATE_SLIDER = `await slider.send({ method: "update", state: { value: 9 }, buffer_paths: [] });
slider.commId`;

const RUN_NOTEBOOK = `
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, kernel_name="upsampling-lab", timeout=120, store_widget_state=True,
               resources={"metadata": {"path": sys.argv[2]}}).execute()
nbformat.write(nb, sys.argv[3])
`;

function cell(source: string): object {
  return { cell_type: "code", metadata: {}, source, outputs: [], execution_count: null };
}

describe("nbclient with widgets", () => {
  it("saves the state of widgets opened through the kernel bridge", { timeout: 180_000 }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nbclient-"));
    const input = path.join(dir, "widgets.ipynb");
    const output = path.join(dir, "widgets.out.ipynb");
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "upsampling-lab", display_name: "TypeScript (Upsampling Lab)", language: "typescript" } },
      cells: [cell(OPEN_SLIDER), cell(UPDATE_SLIDER)],
    };
    fs.writeFileSync(input, JSON.stringify(notebook));
    const result = spawnSync(venvPython(), ["-c", RUN_NOTEBOOK, input, path.join(REPO, "notebooks"), output], {
      env: kernelspecEnv(),
      encoding: "utf8",
      timeout: 170_000,
    });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);

    const saved = JSON.parse(fs.readFileSync(output, "utf8"));
    const [first, second] = saved.cells;
    const view = first.outputs.find((o: { data?: object }) => o.data && "application/vnd.jupyter.widget-view+json" in o.data);
    const modelId: string = view.data["application/vnd.jupyter.widget-view+json"].model_id;
    expect([second.outputs[0].data["text/plain"]].flat().join("")).toBe(`'${modelId}'`);
    const state = saved.metadata.widgets["application/vnd.jupyter.widget-state+json"];
    expect(state.version_major).toBe(2);
    const slider = state.state[modelId];
    expect(slider).toMatchObject({
      model_name: "IntSliderModel",
      model_module: "@jupyter-widgets/controls",
      model_module_version: "2.0.0",
    });
    expect(slider.state.value).toBe(9);
    const names = Object.values(state.state)
      .map((m) => (m as { model_name: string }).model_name)
      .sort();
    expect(names).toEqual(["IntSliderModel", "LayoutModel", "SliderStyleModel"]);
  });
});
