/**
 * Editing the library and restarting the kernel picks up the change: when the kernel runs from a
 * source checkout of the package (its `src/` and `scripts/build.mjs` beside `dist/`), it runs the
 * library's build at start (`node scripts/build.mjs --library`: the WebAssembly kernels and tsc,
 * each skipped in about 0.07 s when its inputs are unchanged, ~4 s after an edit), in a child
 * process beside the compiler's own start. From an installed package (no sources) it does nothing.
 * The child is skipped when the manifest the last build check left (sizes and times of every
 * input, see scripts/lib/build-steps.mjs) still matches: a few milliseconds of stat calls.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** How long a rebuild may take before the kernel starts with the library it has. */
const BUILD_TIMEOUT_MS = 120_000;

/** Where the build writes the sizes and times of the library's inputs when it found them built. */
const LIBRARY_MANIFEST = path.join("dist", ".stamps", "library-inputs.json");

/** One manifest row: path relative to the package root, then size and mtimeMs (both null: absent). */
type ManifestRow = [string, number | null, number | null];

/** True when every file and folder in the build's manifest under `packageRoot` has its recorded size and time. */
export function libraryInputsUnchanged(packageRoot: string): boolean {
  let rows: ManifestRow[];
  try {
    rows = JSON.parse(fs.readFileSync(path.join(packageRoot, LIBRARY_MANIFEST), "utf8")) as ManifestRow[];
  } catch {
    return false;
  }
  if (!Array.isArray(rows) || rows.length === 0) return false;
  return rows.every(([file, size, mtimeMs]) => {
    const stat = fs.statSync(path.join(packageRoot, file), { throwIfNoEntry: false });
    return stat === undefined ? size === null : stat.size === size && stat.mtimeMs === mtimeMs;
  });
}

/**
 * Rebuilds the library under `packageRoot` if its sources changed since the last build. Resolves
 * to what the notebook should be told when the build failed (the kernel then runs whatever the
 * build left in dist/), or undefined.
 */
export function rebuildLibrary(packageRoot: string): Promise<string | undefined> {
  const script = path.join(packageRoot, "scripts", "build.mjs");
  if (!fs.existsSync(script) || !fs.existsSync(path.join(packageRoot, "src"))) return Promise.resolve(undefined);
  if (libraryInputsUnchanged(packageRoot)) return Promise.resolve(undefined);
  const options = {
    cwd: packageRoot,
    encoding: "utf8" as const,
    timeout: BUILD_TIMEOUT_MS,
    env: { ...process.env, NODE_OPTIONS: "" },
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [script, "--library"], options, (error, stdout, stderr) => {
      if (error === null) return resolve(undefined);
      const why = `${stdout}${stderr}`.trim() || error.message;
      resolve(
        `The library's sources changed but rebuilding them failed, so this kernel may run a partly updated ` +
          `library (tsc still emits code with type errors; fix them, then restart the kernel):\n${why}\n`,
      );
    });
  });
}
