/**
 * The Jupyter side of the kernel tests: the project venv's Python, and the kernelspec installed
 * into a temporary prefix (put on JUPYTER_PATH) so tests never touch the user's Jupyter setup.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO } from "./kernel-client";

/** The project venv's Python; throws with a hint when the venv is missing. */
export function venvPython(): string {
  const python = path.join(REPO, ".venv", "bin", "python");
  if (!fs.existsSync(python)) {
    throw new Error(
      `${python} is missing: create the project venv from requirements.txt (npm run setup) before the kernel tests`,
    );
  }
  return python;
}

/** Installs the kernelspec with the real install command into a temporary prefix; returns env for Jupyter tools. */
export function kernelspecEnv(): NodeJS.ProcessEnv {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "kernelspec-"));
  execFileSync(process.execPath, [path.join(REPO, "dist", "kernel", "src", "install.js"), "--prefix", prefix, "--quiet"]);
  return { ...process.env, JUPYTER_PATH: path.join(prefix, "share", "jupyter"), PYDEVD_DISABLE_FILE_VALIDATION: "1" };
}
