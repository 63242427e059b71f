/**
 * Editing the library and restarting the kernel picks up the change: when the kernel runs from a
 * source checkout of the package (its `src/` and `scripts/build.mjs` beside `dist/`), it runs the
 * library's build at start (`node scripts/build.mjs --library`: the WebAssembly kernels and tsc,
 * each skipped in about 0.1 s when its inputs are unchanged, ~4 s after an edit). From an installed
 * package (no sources) it does nothing.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** How long a rebuild may take before the kernel starts with the library it has. */
const BUILD_TIMEOUT_MS = 120_000;

/**
 * Rebuilds the library under `packageRoot` if its sources changed since the last build. Returns
 * what the notebook should be told when the build failed (the kernel then runs the previous
 * build), or undefined.
 */
export function rebuildLibrary(packageRoot: string): string | undefined {
  const script = path.join(packageRoot, "scripts", "build.mjs");
  if (!fs.existsSync(script) || !fs.existsSync(path.join(packageRoot, "src"))) return undefined;
  const result = spawnSync(process.execPath, [script, "--library"], {
    cwd: packageRoot,
    encoding: "utf8",
    timeout: BUILD_TIMEOUT_MS,
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  if (result.status === 0) return undefined;
  const why = result.error?.message ?? `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
  return (
    `The library's sources changed but rebuilding them failed, so this kernel runs the previous build ` +
    `(fix the error, then restart the kernel):\n${why}\n`
  );
}
