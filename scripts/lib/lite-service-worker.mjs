// The JupyterLite site's service worker with static routes (scripts/lib/lite-site.mjs).
// JupyterLite's service worker answers every request of the site: the ones it must (the kernel's
// `prompt()` through api/stdin, files through api/drive, its heartbeat) and, for everything else,
// a `fetch()` of the same request. Chromium keeps no V8 code cache for scripts a service worker
// answered, so every visit compiled JupyterLab's 5 MB of scripts again. The site's
// `service-worker.js` is therefore this small script: it asks the browser (the Static Routing API)
// to fetch the site's static files itself, from its HTTP cache with their code cache, and then
// loads JupyterLite's own service worker, unchanged, for everything else. A browser without the
// API runs JupyterLite's service worker alone, as before.
import fs from "node:fs";
import path from "node:path";

/** What JupyterLite's service worker file is renamed to; the site's service-worker.js imports it. */
export const JUPYTERLITE_SERVICE_WORKER = "service-worker-jupyterlite.js";

/** Top-level entries of the site whose requests JupyterLite's service worker must answer. */
const SERVICE_WORKER_PATHS = new Set(["api", "service-worker.js", JUPYTERLITE_SERVICE_WORKER]);

/**
 * Runs in the service worker: on install, routes each of `entries` (top-level files and folders
 * of the site, as paths relative to its scope) to the network, i.e. around the fetch handler.
 */
function addStaticRoutes(entries) {
  self.addEventListener("install", (event) => {
    if (typeof event.addRoutes !== "function") return;
    const scope = new URL(self.registration.scope).pathname;
    // URLPattern syntax characters in a file name stand for themselves.
    const literal = (text) => text.replace(/[\\:*?+(){}]/g, "\\$&");
    const routes = entries.map(({ name, folder }) => ({
      condition: { urlPattern: new URLPattern({ pathname: literal(scope + name) + (folder ? "/*" : "") }) },
      source: "network",
    }));
    // Routes the browser refuses leave the fetch handler answering everything, as before.
    event.waitUntil(event.addRoutes(routes).catch((error) => console.warn("static routes not added:", error)));
  });
}

/**
 * Renames the service worker `jupyter lite build` wrote in `site` and writes the site's own
 * service-worker.js in its place: static routes for every top-level entry of `site` except
 * SERVICE_WORKER_PATHS, then JupyterLite's service worker.
 */
export function addServiceWorkerStaticRoutes(site) {
  const original = path.join(site, "service-worker.js");
  if (!fs.existsSync(original)) throw new Error(`jupyter lite build wrote no ${original}`);
  fs.renameSync(original, path.join(site, JUPYTERLITE_SERVICE_WORKER));
  const entries = fs
    .readdirSync(site, { withFileTypes: true })
    .filter((entry) => !SERVICE_WORKER_PATHS.has(entry.name))
    .map((entry) => ({ name: entry.name, folder: entry.isDirectory() }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const source = [
    "// The site's service worker: static files around it (scripts/lib/lite-service-worker.mjs), then JupyterLite's.",
    `(${addStaticRoutes})(${JSON.stringify(entries)});`,
    `importScripts("./${JUPYTERLITE_SERVICE_WORKER}");`,
    "",
  ].join("\n");
  fs.writeFileSync(original, source);
}
