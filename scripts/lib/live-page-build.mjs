// Bundles of a live exported page, written into an export's shared `_static/` folder:
//   live-page.js / live-page.css (+ fonts)  the page side: ipywidgets' HTMLManager with the standard
//                                           controls, this project's heatmap and line plot views
//                                           (widgets/lab) and plotly.js, as one classic script;
//   live-runtime.js                         the page runtime (widgets/page/worker.ts: the library,
//                                           the widget API and the bridge), started at once from a
//                                           blob: URL (file:// too) with the page's cells, so the
//                                           notebook runs while the browser still parses live-page.js;
//                                           what it says waits in a global until live-page.js takes over.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Name of the global `live-runtime.js` sets (widgets/page/page.ts reads it: `StartedRuntime`). */
export const RUNTIME_GLOBAL = "UPSAMPLING_LAB_RUNTIME";
/** Id of the element holding the compiled cells (scripts/lib/live-page.mjs writes it). */
const CELLS_ELEMENT_ID = "upsampling-lab-live-cells";

/** A classic script that starts the worker with `source` and the page's cells, keeping its first messages. */
function runtimeStarter(source) {
  return `window.${RUNTIME_GLOBAL} = (function () {
  var started = { worker: null, early: [], error: null };
  try {
    var notebook = JSON.parse(document.getElementById(${JSON.stringify(CELLS_ELEMENT_ID)}).textContent);
    var worker = new Worker(URL.createObjectURL(new Blob([${JSON.stringify(source)}], { type: "text/javascript" })));
    worker.onmessage = function (event) { started.early.push(event.data); };
    worker.onerror = function (event) { started.error = event.message || "the runtime failed"; };
    worker.postMessage({ type: "run", cells: notebook.cells, assets: notebook.assets });
    started.worker = worker;
  } catch (error) {
    started.error = String((error && error.message) || error);
  }
  return started;
})();
`;
}

/** Routes the two Node modules the widget API imports to their browser versions. */
const nodeShims = {
  name: "node-shims",
  setup(b) {
    b.onResolve({ filter: /^node:(crypto|util)$/ }, (args) => ({
      path: path.join(root, "widgets", "page", "shims", `node-${args.path.slice(5)}.ts`),
    }));
  },
};

/** Builds the live page's assets into `staticDir`; returns their total size in bytes. */
export async function buildLivePage(staticDir) {
  fs.mkdirSync(staticDir, { recursive: true });
  const common = { bundle: true, platform: "browser", target: "es2022", legalComments: "none", logLevel: "error", minify: true };
  await build({
    ...common,
    entryPoints: { "live-page": path.join(root, "widgets", "page", "page.ts") },
    outdir: staticDir,
    format: "iife",
    loader: { ".woff": "file", ".woff2": "file", ".ttf": "file", ".eot": "file", ".svg": "file" },
    assetNames: "fonts/[name]",
    define: { "process.env.NODE_ENV": '"production"', global: "globalThis" },
  });
  const runtime = await build({
    ...common,
    entryPoints: [path.join(root, "widgets", "page", "worker.ts")],
    format: "iife",
    // Cell outputs show class names (a tensor's text is `Tensor(shape [2, 2])`).
    keepNames: true,
    write: false,
    plugins: [nodeShims],
  });
  const source = runtime.outputFiles[0].text;
  fs.writeFileSync(path.join(staticDir, "live-runtime.js"), runtimeStarter(source));
  return ["live-page.js", "live-page.css", "live-runtime.js"].reduce(
    (sum, f) => sum + (fs.existsSync(path.join(staticDir, f)) ? fs.statSync(path.join(staticDir, f)).size : 0),
    0,
  );
}
