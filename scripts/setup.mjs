#!/usr/bin/env node
// `npm start` / `npm run setup`: from a fresh clone with only Node and Python to JupyterLab
// open on notebooks/. Node built-ins only (it runs before `npm ci`). Every step is skipped
// when what it would produce is already right, so running it again is fast.
//
//   node scripts/setup.mjs                 set up, then open JupyterLab on notebooks/
//   node scripts/setup.mjs --no-browser    same, without opening a browser (remote machines)
//   node scripts/setup.mjs --no-launch     set up only (CI, `npm run setup`)
//   node scripts/setup.mjs --force         redo every build and install, ignoring stamps
//   node scripts/setup.mjs --check         change nothing; say what would be done, exit 1 if anything
// Other arguments go to `jupyter lab` (e.g. `npm start -- --no-browser --port 8899`).
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildAll } from "./lib/build-steps.mjs";
import { installIntoPrefix } from "./lib/jupyter-install.mjs";
import { ensureNpmDependencies } from "./lib/npm-deps.mjs";
import { findPython, nodeProblem } from "./lib/prerequisites.mjs";
import { report, SetupError } from "./lib/proc.mjs";
import { ensureVenv, envExecutable } from "./lib/python-env.mjs";
import { aptCommand, aptInstall, ensureSystemPackages } from "./lib/system-packages.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const venv = path.join(root, ".venv");
const TAG = "setup";

function parseArgs(argv) {
  const options = { launch: true, force: false, check: false, labArgs: [] };
  for (const arg of argv) {
    if (arg === "--no-launch") options.launch = false;
    else if (arg === "--force") options.force = true;
    else if (arg === "--check") ((options.check = true), (options.launch = false));
    else if (arg === "--help" || arg === "-h") options.help = true;
    else options.labArgs.push(arg);
  }
  return options;
}

/** Set everything up (or, with `check`, only report); returns how many steps did (would do) work. */
function setUp(options) {
  const dryRun = options.check;
  const nodeIssue = nodeProblem(process.versions.node);
  if (nodeIssue) throw new SetupError(nodeIssue);
  let python = findPython();
  const apt = python.venvMissing && !dryRun ? aptCommand() : null;
  if (apt !== null) {
    console.log(`[${TAG}] ${python.problem.split("\n")[0]}\n[${TAG}] installing Debian's python3-venv (apt-get)`);
    aptInstall(apt, ["python3-venv"]);
    python = findPython();
  }
  if (python.problem) throw new SetupError(python.problem);
  console.log(`[${TAG}] Node ${process.versions.node}, Python ${python.version} (${python.command})`);

  let work = ensureSystemPackages(TAG, { dryRun });
  if (ensureNpmDependencies(root, TAG, { dryRun })) work++;

  const venvStartedAt = Date.now();
  const venvOutcome = ensureVenv(root, venv, python, { dryRun });
  report(TAG, "Python venv .venv (requirements.txt)", venvOutcome, venvStartedAt);
  if (venvOutcome !== "up to date") work++;

  work += buildAll(root, { tag: TAG, force: options.force, dryRun });
  const { missing, installed } = installIntoPrefix(root, venv, { tag: TAG, force: options.force, dryRun });
  work += installed;
  if (missing.length) {
    console.log(`[${TAG}] note: ${missing.join(", ")} not available yet; JupyterLab will lack them`);
  }
  return work;
}

function launch(labArgs) {
  const jupyter = envExecutable(venv, "jupyter");
  const args = ["lab", `--ServerApp.root_dir=${path.join(root, "notebooks")}`, ...labArgs];
  if (process.getuid?.() === 0 && !args.includes("--allow-root")) {
    console.log(`[${TAG}] running as root (a container?): adding --allow-root`);
    args.push("--allow-root");
  }
  console.log(`[${TAG}] starting: .venv/bin/jupyter ${args.join(" ")}  (Ctrl-C to stop)`);
  const child = spawn(jupyter, args, { cwd: root, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const options = parseArgs(process.argv.slice(2));
if (options.help) {
  console.log(
    "usage: npm start [-- --no-browser] [-- <jupyter lab options>]\n" +
      "       npm run setup [-- --force]     (everything but opening JupyterLab)\n" +
      "       npm run setup -- --check       (change nothing; exit 1 if anything needs doing)",
  );
  process.exit(0);
}
const startedAt = Date.now();
try {
  const work = setUp(options);
  if (options.check) {
    report(TAG, "check", work ? `${work} step(s) would do work` : "everything is up to date", startedAt);
    process.exit(work ? 1 : 0);
  }
  report(TAG, "all", "ready", startedAt);
} catch (error) {
  if (error instanceof SetupError) {
    console.error(`\n[${TAG}] ${error.message}`);
    process.exit(1);
  }
  throw error;
}
if (options.launch) launch(options.labArgs);
