/**
 * Loads the plotly.js cartesian bundle (about 1.5 MB) on first use, as its own chunk,
 * so JupyterLab starts without it and a notebook with no heatmap never fetches it.
 */
import type { PlotlyApi } from "./plotly-types";

let loading: Promise<PlotlyApi> | null = null;

/** The plotly.js API, loaded once; a failed load is retried on the next call. */
export function loadPlotly(): Promise<PlotlyApi> {
  if (!loading) {
    loading = import("plotly.js-cartesian-dist-min").then(
      (module) => {
        // The bundle is UMD: depending on the bundler the API is the default export or the namespace.
        const api = ((module as { default?: PlotlyApi }).default ?? module) as PlotlyApi;
        if (typeof api.react !== "function") throw new Error("plotly.js bundle has no Plotly.react");
        return api;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
  }
  return loading;
}
