// The project venv (.venv): created from a system Python, holding the pinned Jupyter stack
// from requirements.txt. A stamp inside .venv records the requirements it was built from.
import fs from "node:fs";
import path from "node:path";
import { capture, run, SetupError } from "./proc.mjs";
import { fingerprint, isUpToDate, writeStamp } from "./fingerprint.mjs";

const isWindows = process.platform === "win32";

/** Path of an executable inside a Python environment (`bin/` or `Scripts/`). */
export function envExecutable(prefix, name) {
  return isWindows ? path.join(prefix, "Scripts", `${name}.exe`) : path.join(prefix, "bin", name);
}

/** Where setup keeps its stamps for things installed into a Python environment. */
export function envStampDir(prefix) {
  return path.join(prefix, ".upsampling-lab");
}

function venvWorks(venv) {
  return capture(envExecutable(venv, "python"), ["-c", "import sys; print(sys.prefix)"]).ok;
}

/**
 * Make `venv` exist and hold exactly requirements.txt; returns what was (or, with `dryRun`,
 * would be) done, or "up to date". `python` is the system Python found by findPython().
 */
export function ensureVenv(root, venv, python, { dryRun = false } = {}) {
  const actions = [];
  if (!venvWorks(venv)) {
    if (dryRun) return "would create .venv and install requirements.txt";
    const recreate = fs.existsSync(venv);
    run(python.command, ["-m", "venv", ...(recreate ? ["--clear"] : []), venv]);
    if (!venvWorks(venv)) {
      throw new SetupError(`created ${venv} but its Python does not run; delete it and run again`);
    }
    actions.push(recreate ? "recreated .venv" : "created .venv");
  }
  const venvPython = envExecutable(venv, "python");
  const pyVersion = capture(venvPython, ["-c", "import sys; print(sys.version)"]).stdout.trim();
  const hash = fingerprint(root, ["requirements.txt"], [pyVersion]);
  const stamp = path.join(envStampDir(venv), "requirements.sha256");
  if (!isUpToDate(stamp, hash, [envExecutable(venv, "jupyter")])) {
    if (dryRun) return "would install requirements.txt";
    run(venvPython, [
      "-m",
      "pip",
      "install",
      "--disable-pip-version-check",
      "--no-input",
      "-r",
      path.join(root, "requirements.txt"),
    ]);
    writeStamp(stamp, hash);
    actions.push("installed requirements.txt");
  }
  return actions.length ? actions.join(", ") : "up to date";
}

/** sys.prefix of a Python interpreter (for --sys-prefix installs). */
export function sysPrefixOf(pythonCommand) {
  const r = capture(pythonCommand, ["-c", "import sys; print(sys.prefix)"]);
  if (!r.ok) throw new SetupError(`could not run ${pythonCommand} to find its sys.prefix: ${r.stderr.trim()}`);
  return r.stdout.trim();
}
