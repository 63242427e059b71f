// Bundles of a live exported page, written into an export's shared `_static/` folder:
//   live-page.js / live-page.css (+ fonts)  the page side: ipywidgets' HTMLManager with the standard
//                                           controls, this project's heatmap and line plot views
//                                           (widgets/lab) and plotly.js, as one classic script;
//   live-runtime.js                         the page runtime (widgets/page/worker.ts: the library,
//                                           the widget API and the bridge) as a string in a global,
//                                           so the page can start it from a blob: URL (file:// too).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Name of the global `live-runtime.js` sets (widgets/page/page.ts reads it). */
export const RUNTIME_SOURCE_GLOBAL = "UPSAMPLING_LAB_RUNTIME_SOURCE";

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
    write: false,
    plugins: [nodeShims],
  });
  const source = runtime.outputFiles[0].text;
  fs.writeFileSync(path.join(staticDir, "live-runtime.js"), `window.${RUNTIME_SOURCE_GLOBAL} = ${JSON.stringify(source)};\n`);
  return ["live-page.js", "live-page.css", "live-runtime.js"].reduce((sum, f) => sum + (fs.existsSync(path.join(staticDir, f)) ? fs.statSync(path.join(staticDir, f)).size : 0), 0);
}
