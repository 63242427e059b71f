#!/usr/bin/env node
// `npm run install:jupyter -- <target>`: for users with their own Jupyter. Builds what is
// needed and installs only the kernelspec and the widget extension into that Jupyter;
// no venv, no pip. Also what binder/postBuild runs.
//
//   --sys-prefix [--python PY]   the environment of PY (default: python3 on PATH), e.g. a conda env
//   --prefix P                   P/share/jupyter (a venv or any prefix Jupyter searches)
//   --user                       the per-user Jupyter data dir (~/.local/share/jupyter on Linux)
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildAll } from "./lib/build-steps.mjs";
import { installIntoPrefix } from "./lib/jupyter-install.mjs";
import { ensureNpmDependencies } from "./lib/npm-deps.mjs";
import { nodeProblem } from "./lib/prerequisites.mjs";
import { capture, report, SetupError } from "./lib/proc.mjs";
import { sysPrefixOf } from "./lib/python-env.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TAG = "install:jupyter";
const USAGE = "usage: npm run install:jupyter -- --sys-prefix [--python PY] | --prefix P | --user";

function parseArgs(argv) {
  const options = { force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) throw new SetupError(`${arg} needs a value\n${USAGE}`);
      return next;
    };
    if (arg === "--sys-prefix" || arg === "--user") options.target = arg;
    else if (arg === "--prefix") ((options.target = arg), (options.prefix = value()));
    else if (arg.startsWith("--prefix=")) ((options.target = "--prefix"), (options.prefix = arg.slice(9)));
    else if (arg === "--python") options.python = value();
    else if (arg === "--force") options.force = true;
    else throw new SetupError(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
  }
  if (!options.target) throw new SetupError(`say where your Jupyter is\n${USAGE}`);
  return options;
}

/** The prefix whose share/jupyter the user's Jupyter searches. */
function resolvePrefix(options) {
  if (options.target === "--prefix") return path.resolve(options.prefix);
  if (options.target === "--sys-prefix")
    return sysPrefixOf(options.python ?? (process.platform === "win32" ? "python" : "python3"));
  const dataDir = capture("jupyter", ["--data-dir"]);
  if (!dataDir.ok) throw new SetupError("--user needs `jupyter` on PATH (to find its data dir); or use --prefix");
  const dir = dataDir.stdout.trim();
  const suffix = path.join("share", "jupyter");
  if (!dir.endsWith(suffix)) {
    throw new SetupError(`your Jupyter data dir ${dir} is not <prefix>/share/jupyter; use --prefix or --sys-prefix`);
  }
  return dir.slice(0, -suffix.length - 1);
}

function warnAboutJupyterLab(options) {
  if (options.target !== "--sys-prefix") return;
  const python = options.python ?? "python3";
  const r = capture(python, ["-c", "import jupyterlab, jupyterlab_widgets; print(jupyterlab.__version__)"]);
  if (!r.ok) {
    console.warn(
      `[${TAG}] warning: ${python} lacks jupyterlab or jupyterlab_widgets; the widgets need JupyterLab 4 and jupyterlab_widgets 3 (see requirements.txt)`,
    );
  } else if (!r.stdout.trim().startsWith("4.")) {
    console.warn(`[${TAG}] warning: JupyterLab ${r.stdout.trim()} found; the widget extension is built for JupyterLab 4`);
  }
}

const startedAt = Date.now();
try {
  const options = parseArgs(process.argv.slice(2));
  const nodeIssue = nodeProblem(process.versions.node);
  if (nodeIssue) throw new SetupError(nodeIssue);
  const prefix = resolvePrefix(options);
  warnAboutJupyterLab(options);
  ensureNpmDependencies(root, TAG);
  buildAll(root, { tag: TAG, force: options.force });
  const { missing } = installIntoPrefix(root, prefix, { tag: TAG, force: options.force });
  if (missing.length) console.log(`[${TAG}] note: ${missing.join(", ")} not available yet`);
  report(TAG, "all", `done; kernel and extension live in ${path.join(prefix, "share", "jupyter")}`, startedAt);
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[${TAG}] ${error.message}`);
  process.exit(1);
}
