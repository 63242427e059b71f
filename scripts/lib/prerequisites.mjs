// Prerequisite checks for a fresh machine: a recent enough Node, and Python with venv.
// Each check returns a message telling the user exactly what to install, or null when fine.
import { capture } from "./proc.mjs";

/** Oldest Node the project supports (package.json engines). */
export const MIN_NODE = [20, 19, 0];
/** Oldest Python the pinned JupyterLab supports. */
export const MIN_PYTHON = [3, 9];

/** Compare dotted versions numerically; negative when a < b. */
export function compareVersions(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Parse `v20.19.1` / `3.11.7` into numbers; null when it is not a version. */
export function parseVersion(text) {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(String(text));
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

/** Message for a Node version below MIN_NODE, or null. */
export function nodeProblem(version) {
  const v = parseVersion(version);
  if (v && compareVersions(v, MIN_NODE) >= 0) return null;
  return (
    `Upsampling Lab needs Node.js ${MIN_NODE.slice(0, 2).join(".")} or newer; this is Node ${version}.\n` +
    `Install Node.js 22 LTS (or 20.19+):\n` +
    `  Debian/Ubuntu: sudo apt-get install nodejs npm   (Debian 13 has 20.19; older releases: https://nodejs.org/en/download)\n` +
    `  Fedora:        sudo dnf install nodejs22\n` +
    `  macOS:         brew install node@22\n` +
    `  anywhere:      with nvm, \`nvm install 22\`\n` +
    `then run \`npm start\` again.`
  );
}

const PYTHON_HELP =
  `Install Python 3.9 or newer with its venv module:\n` +
  `  Debian/Ubuntu: sudo apt-get install python3 python3-venv\n` +
  `  Fedora:        sudo dnf install python3\n` +
  `  macOS:         brew install python   (or the installer from https://www.python.org/downloads/)\n` +
  `  Windows:       the installer from https://www.python.org/downloads/ (tick "Add python.exe to PATH")\n` +
  `or point PYTHON at one: PYTHON=/path/to/python3 npm start`;

/** Message for a Python that is too old or lacks venv/ensurepip, or null. */
export function pythonProblem(command, probe) {
  if (!probe) return `No Python found (looked for ${command}).\n${PYTHON_HELP}`;
  const v = parseVersion(probe.version);
  if (!v || compareVersions(v, MIN_PYTHON) < 0) {
    return `Upsampling Lab needs Python ${MIN_PYTHON.join(".")} or newer; ${command} is Python ${probe.version}.\n${PYTHON_HELP}`;
  }
  if (!probe.venv) {
    return (
      `${command} (Python ${probe.version}) has no working venv/ensurepip module, needed to create .venv.\n` +
      `  Debian/Ubuntu: sudo apt-get install python3-venv   (or python${v[0]}.${v[1]}-venv)\n` +
      `or point PYTHON at another Python: PYTHON=/path/to/python3 npm start`
    );
  }
  return null;
}

const PROBE =
  "import sys\ntry:\n import venv, ensurepip; ensurepip.version(); ok = 1\nexcept Exception:\n ok = 0\nprint('%d.%d.%d %d' % (sys.version_info[:3] + (ok,)))";

/** Run a Python candidate; its version and whether venv works, or null when it does not run. */
export function probePython(command) {
  const r = capture(command, ["-c", PROBE]);
  if (!r.ok) return null;
  const [version, venv] = r.stdout.trim().split(/\s+/);
  return { version, venv: venv === "1" };
}

/**
 * Find a Python to build .venv from: $PYTHON, else python3, else python.
 * Returns {command, version}, or {problem, venvMissing}: the message saying what to install, and
 * whether a recent enough Python lacks only its venv module (Debian's python3-venv).
 */
export function findPython(env = process.env) {
  const candidates = env.PYTHON ? [env.PYTHON] : process.platform === "win32" ? ["python", "py"] : ["python3", "python"];
  let firstProblem = null;
  let venvMissing = false;
  for (const command of candidates) {
    const probe = probePython(command);
    const problem = pythonProblem(command, probe);
    if (!problem) return { command, version: probe.version };
    if (probe && !firstProblem)
      ((firstProblem = problem), (venvMissing = pythonProblem(command, { ...probe, venv: true }) === null));
  }
  return { problem: firstProblem ?? pythonProblem(candidates.join(", "), null), venvMissing };
}
