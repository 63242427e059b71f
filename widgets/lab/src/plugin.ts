/**
 * The JupyterLab plugin of upsampling-lab-widgets: registers the heatmap and line plot models and views
 * with the Jupyter widget manager under the extension's npm name and version (read from
 * package.json through the shared protocol). The views and plotly.js load on first use.
 */
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { IJupyterWidgetRegistry } from "@jupyter-widgets/base";
import { WIDGETS_MODULE_NAME, WIDGETS_MODULE_VERSION } from "../../shared/protocol";

/** Registers the `HeatmapModel` / `HeatmapView` and `LinePlotModel` / `LinePlotView` module with the widget registry. */
const plugin: JupyterFrontEndPlugin<void> = {
  id: `${WIDGETS_MODULE_NAME}:plugin`,
  description: "Feature maps as heatmaps: the views of Upsampling Lab's widget models.",
  requires: [IJupyterWidgetRegistry],
  autoStart: true,
  activate: (_app: JupyterFrontEnd, registry: IJupyterWidgetRegistry): void => {
    registry.registerWidget({
      name: WIDGETS_MODULE_NAME,
      version: WIDGETS_MODULE_VERSION,
      exports: async () => {
        const [{ HeatmapModel, HeatmapView }, { LinePlotModel, LinePlotView }] = await Promise.all([
          import("./heatmap"),
          import("./line-plot"),
        ]);
        return { HeatmapModel, HeatmapView, LinePlotModel, LinePlotView };
      },
    });
  },
};

export default plugin;
