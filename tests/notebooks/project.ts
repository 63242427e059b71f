/**
 * Where things are for the notebook and browser harnesses: the repo, its venv, the
 * shipped notebooks, and the gitignored folders that executed copies and exports go to.
 * Each `require*` check fails with the command that fixes it, never skips.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Notebook, NotebookCell } from "./notebook-format";

/**
 * The repo: the nearest folder above this file with a package.json. This file also runs
 * compiled, from dist/tests/notebooks (the benchmark's browser harness), two levels deeper.
 */
export const REPO_ROOT = ((): string => {
  let dir = path.resolve(__dirname, "..");
  while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();
export const NOTEBOOKS_DIR = path.join(REPO_ROOT, "notebooks");
export const VENV = path.join(REPO_ROOT, ".venv");
export const VENV_BIN = path.join(VENV, process.platform === "win32" ? "Scripts" : "bin");
export const BUILD_DIR = path.join(REPO_ROOT, "build");
export const EXECUTED_DIR = path.join(BUILD_DIR, "executed");
export const KERNEL_NAME = "upsampling-lab";

/** An nbformat 4.5 notebook of `cells` on the project kernel, as the harnesses generate them. */
export function projectNotebook(cells: NotebookCell[]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: KERNEL_NAME, display_name: "TypeScript (Upsampling Lab)", language: "typescript" },
      language_info: { name: "typescript" },
    },
    cells,
  };
}

/** Every shipped notebook, as paths relative to the repo (sorted; checkpoints skipped). */
export function shippedNotebooks(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ipynb")) found.push(path.relative(REPO_ROOT, full));
    }
  };
  walk(NOTEBOOKS_DIR);
  return found.sort();
}

/** The venv's executable `name`; throws saying how to create it when missing. */
export function venvExecutable(name: string): string {
  const file = path.join(VENV_BIN, name);
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: run \`npm run setup\` first (it creates .venv from requirements.txt)`);
  }
  return file;
}

/** Throws unless the project kernelspec is installed where the venv's Jupyter finds it. */
export function requireProjectKernel(): void {
  const jupyter = venvExecutable("jupyter");
  const result = spawnSync(jupyter, ["kernelspec", "list", "--json"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`jupyter kernelspec list failed: ${result.stderr}`);
  const specs = (JSON.parse(result.stdout) as { kernelspecs: Record<string, unknown> }).kernelspecs;
  if (!(KERNEL_NAME in specs)) {
    throw new Error(
      `kernel "${KERNEL_NAME}" is not installed in .venv (found: ${Object.keys(specs).join(", ")}): ` +
        "run `npm run setup` (it builds the kernel and runs `npm run kernel:install`)",
    );
  }
}

/** Where the executed copy of a notebook (repo-relative path) is stored. */
export function executedCopyPath(notebook: string): string {
  return path.join(EXECUTED_DIR, notebook);
}
