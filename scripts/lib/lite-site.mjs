// The JupyterLite site (`npm run lite`, build/lite/): jupyterlite-core (pinned in
// requirements.txt, in the project venv) builds JupyterLab as static files with
//   contents:  the course notebooks, English and Vietnamese, and the data files they read
//              (notebooks/ without solutions/ and the authors' README);
//   federated extensions: the widget extension (widgets/lab), the kernel plugin
//              (kernel/lite/extension) and jupyterlab_widgets' @jupyter-widgets/jupyterlab-manager;
//              nothing else from the venv (ignore_sys_prefix), so the site does not depend on what
//              else is installed there.
// The kernel plugin registers the kernel under the Node kernel's name, "upsampling-lab", which is
// the notebooks' metadata.kernelspec.name, and the site makes it the default kernel.
// Its service worker lets the browser fetch the static files itself (scripts/lib/lite-service-worker.mjs).
// Skipped when a fingerprint of everything copied into the site is unchanged.
import fs from "node:fs";
import path from "node:path";
import { fingerprint, isUpToDate, writeStamp } from "./fingerprint.mjs";
import { addServiceWorkerStaticRoutes } from "./lite-service-worker.mjs";
import { report, run, SetupError } from "./proc.mjs";
import { envExecutable } from "./python-env.mjs";

/** The kernel name the site opens notebooks with (kernel/lite/extension/src/kernelspec.ts). */
export const LITE_KERNEL_NAME = "upsampling-lab";

/** Folders and files of notebooks/ left out of the site. */
const LEFT_OUT = new Set(["solutions", "README.md", ".ipynb_checkpoints"]);

/** Where the site and its staging folder go. */
export function liteDirs(root) {
  return { site: path.join(root, "build", "lite"), staging: path.join(root, "build", "lite-staging") };
}

/** The prebuilt extensions the site carries (folders holding a labextension package.json). */
export function liteExtensions(root) {
  const venv = path.join(root, ".venv");
  return [
    path.join(root, "widgets", "lab", "labextension"),
    path.join(root, "kernel", "lite", "extension", "labextension"),
    path.join(venv, "share", "jupyter", "labextensions", "@jupyter-widgets", "jupyterlab-manager"),
  ];
}

/** Copies notebooks/ into `dest`, without LEFT_OUT; returns the relative paths copied. */
function copyContents(from, dest, relative = "", copied = []) {
  for (const name of fs.readdirSync(path.join(from, relative)).sort()) {
    if (LEFT_OUT.has(name)) continue;
    const rel = path.join(relative, name);
    if (fs.statSync(path.join(from, rel)).isDirectory()) {
      fs.mkdirSync(path.join(dest, rel), { recursive: true });
      copyContents(from, dest, rel, copied);
    } else {
      fs.copyFileSync(path.join(from, rel), path.join(dest, rel));
      copied.push(rel);
    }
  }
  return copied;
}

/** The jupyter-lite.json of the site: the course's kernel is the default one. */
function liteConfig() {
  return {
    "jupyter-lite-schema-version": 0,
    // exposeAppInBrowser: window.jupyterapp, which the tests and the bench drive the app through.
    "jupyter-config-data": { appName: "Upsampling Lab", defaultKernelName: LITE_KERNEL_NAME, exposeAppInBrowser: true },
  };
}

/**
 * Builds build/lite/ unless it is up to date (`force` rebuilds). Needs `npm run build` done (the
 * extensions) and the venv from `npm run setup`. Returns "built" or "up to date".
 */
export function buildLiteSite(root, { tag = "lite", force = false } = {}) {
  const startedAt = Date.now();
  const { site, staging } = liteDirs(root);
  const jupyter = envExecutable(path.join(root, ".venv"), "jupyter");
  const extensions = liteExtensions(root);
  for (const folder of extensions) {
    if (!fs.existsSync(path.join(folder, "package.json"))) {
      throw new SetupError(
        `${path.relative(root, folder)} is missing: run \`npm run setup\` (it builds and installs the extensions)`,
      );
    }
  }
  if (!fs.existsSync(envExecutable(path.join(root, ".venv"), "jupyter-lite"))) {
    throw new SetupError("jupyter lite is missing from .venv: run `npm run setup` (it installs requirements.txt)");
  }

  fs.rmSync(staging, { recursive: true, force: true });
  const contents = path.join(staging, "contents");
  fs.mkdirSync(contents, { recursive: true });
  copyContents(path.join(root, "notebooks"), contents);
  fs.writeFileSync(path.join(staging, "jupyter-lite.json"), `${JSON.stringify(liteConfig(), null, 2)}\n`);
  const buildConfig = {
    LiteBuildConfig: {
      apps: ["lab", "notebooks", "tree"],
      contents: ["contents"],
      output_dir: site,
      federated_extensions: extensions,
      ignore_sys_prefix: true,
      no_sourcemaps: true,
      no_unused_shared_packages: true,
    },
  };
  fs.writeFileSync(path.join(staging, "jupyter_lite_config.json"), `${JSON.stringify(buildConfig, null, 2)}\n`);

  const stamp = path.join(root, "build", ".stamps", "lite.sha256");
  const inputs = [
    path.relative(root, staging),
    ...extensions.map((folder) => path.relative(root, folder)),
    path.join("scripts", "lib", "lite-service-worker.mjs"),
  ];
  const hash = fingerprint(root, inputs, ["requirements.txt", fs.readFileSync(path.join(root, "requirements.txt"), "utf8")]);
  if (!force && isUpToDate(stamp, hash, [path.join(site, "index.html")])) {
    report(tag, "JupyterLite site build/lite/", "up to date", startedAt);
    return "up to date";
  }
  fs.rmSync(site, { recursive: true, force: true });
  run(jupyter, ["lite", "build", "--lite-dir", staging], { cwd: staging });
  if (!fs.existsSync(path.join(site, "index.html")))
    throw new SetupError(`jupyter lite build wrote no ${path.relative(root, site)}/index.html`);
  addServiceWorkerStaticRoutes(site);
  writeStamp(stamp, hash);
  report(tag, "JupyterLite site build/lite/", "built", startedAt);
  return "built";
}
