/**
 * A Node startup snapshot holding tslab's TypeScript already evaluated, with the lib `.d.ts` files
 * and `@types/node` already parsed and bound (built by compiler-snapshot-entry.ts), so a kernel
 * started from it skips most of the compiler's start. The kernelspec starts Node with
 * `--snapshot-blob` when the blob for this Node binary exists (install.ts); otherwise the kernel
 * starts as usual and builds the blob in the background after its first cell, for the next start.
 *
 * A blob belongs to one Node binary (Node crashes on a blob of another one), so its file name is
 * the binary's size and modification time, as the kernelspec's shell line computes them with
 * `stat`. The snapshot's TypeScript is used only while tslab's TypeScript file is unchanged; the
 * parsed files only when their text is the text the compiler reads (compiler-snapshot-entry.ts).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import Module from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import type { CompilerSnapshotState, SnapshotInput } from "./compiler-snapshot-state";
import { kernelLog } from "./log";

/** The environment variable naming the folder of the kernel's snapshot blobs (set by the kernelspec). */
export const SNAPSHOT_DIR_VARIABLE = "UPSAMPLING_LAB_SNAPSHOT_DIR";

/** The snapshot folder of the package at `packageRoot`: `$XDG_CACHE_HOME/upsampling-lab/snapshot/<hash of the root>`. */
export function snapshotFolder(packageRoot: string): string {
  const base = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache");
  const key = createHash("sha256").update(packageRoot).digest("hex").slice(0, 16);
  return path.join(base, "upsampling-lab", "snapshot", key);
}

/** The blob in `folder` for the Node binary `node`: `<size>-<mtime in s>.blob` (what `stat -L -c %s-%Y` prints). */
export function snapshotBlobFile(folder: string, node = process.execPath): string {
  const stat = fs.statSync(node);
  return path.join(folder, `${stat.size}-${Math.floor(stat.mtimeMs / 1000)}.blob`);
}

/**
 * The kernelspec's command line on Linux: a shell line that starts `node` with the blob of this
 * binary when it exists, else without it (exec: the kernel keeps the shell's pid for signals).
 * Not when `NODE_OPTIONS` is set: Node refuses (exit 14) a blob built under other V8 flags, such as
 * `--max-old-space-size`.
 */
export function snapshotLauncher(node: string, args: string[]): string[] {
  const script =
    'node="$1"; shift; blob="$UPSAMPLING_LAB_SNAPSHOT_DIR/$(stat -L -c %s-%Y "$node" 2>/dev/null).blob"; ' +
    'if [ -z "$NODE_OPTIONS" ] && [ -n "$UPSAMPLING_LAB_SNAPSHOT_DIR" ] && [ -f "$blob" ]; then exec "$node" --snapshot-blob "$blob" "$@"; fi; ' +
    'exec "$node" "$@"';
  return ["/bin/sh", "-c", script, "upsampling-lab-kernel", node, ...args];
}

const tslabRequire = Module.createRequire(require.resolve("tslab/package.json"));

/** tslab's TypeScript file (the module the snapshot evaluated). */
const TYPESCRIPT_FILE = tslabRequire.resolve("@tslab/typescript-for-tslab");

/** Whether this process started from a snapshot, and whether its compiler is in use. */
export type SnapshotUse = "none" | "used" | "stale";

/**
 * Puts the snapshot's TypeScript in the module cache (so tslab and the kernel load it) when this
 * process started from a snapshot whose TypeScript is the installed one. Call before anything
 * loads TypeScript.
 */
function useSnapshot(): SnapshotUse {
  const state = snapshotState();
  if (state === undefined) return "none";
  const console = Module.createRequire(__filename)("node:console") as { Console?: unknown };
  if (console.Console === undefined) console.Console = state.Console;
  const stat = fs.statSync(TYPESCRIPT_FILE);
  const { typescript } = state;
  if (typescript.path !== TYPESCRIPT_FILE || typescript.size !== stat.size || typescript.mtimeMs !== stat.mtimeMs) return "stale";
  // TypeScript remembered the snapshot builder's folder as the current one.
  (state.ts.sys as { getCurrentDirectory(): string }).getCurrentDirectory = () => process.cwd();
  const module = new Module(TYPESCRIPT_FILE);
  module.filename = TYPESCRIPT_FILE;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    path.dirname(TYPESCRIPT_FILE),
  );
  module.exports = state.ts;
  module.loaded = true;
  (Module as unknown as { _cache: Record<string, Module> })._cache[TYPESCRIPT_FILE] = module;
  return "used";
}

/** What this process does with a snapshot; decided when this module loads (main.ts loads it before the compiler). */
export const snapshotUse: SnapshotUse = useSnapshot();

/** The state the snapshot this process started from holds, if any. */
function snapshotState(): CompilerSnapshotState | undefined {
  return (globalThis as { __upsamplingLabCompilerSnapshot?: CompilerSnapshotState }).__upsamplingLabCompilerSnapshot;
}

/** How many of the snapshot's parsed files the compiler took, for the kernel's log. */
export function snapshotSummary(): string {
  const state = snapshotState();
  if (state === undefined) return "compiler snapshot: none (started without --snapshot-blob)";
  if (snapshotUse === "stale") return "compiler snapshot: stale (tslab's TypeScript changed), not used";
  const changed = state.changedFiles > 0 ? `; ${state.changedFiles} changed since it was built, parsed again` : "";
  return `compiler snapshot: used, ${state.hits} of its ${state.parsedFiles} parsed files taken${changed}`;
}

/** The `@types` folder holding `@types/node` reachable from the kernel itself (or tslab). */
export function kernelTypeRoot(): string | undefined {
  for (const from of [__filename, require.resolve("tslab/package.json")]) {
    try {
      const nodeTypes = Module.createRequire(from).resolve("@types/node/package.json");
      return path.dirname(path.dirname(nodeTypes));
    } catch {
      // try the next location
    }
  }
  return undefined;
}

/** The inputs of a snapshot for this kernel: tslab's TypeScript and the `@types/node` the kernel's compiler sees. */
function snapshotInput(typeRoot: string | undefined): SnapshotInput | undefined {
  if (typeRoot === undefined) return undefined;
  return { typescript: TYPESCRIPT_FILE, typeRoot, target: 9 /* ES2022: tslab's target on Node >= 18 */, lib: ["es2022"] };
}

/**
 * Builds the blob for this Node binary into `folder` (atomically: a temporary file renamed).
 * `wait`: synchronously (the installer); otherwise in a low-priority background process.
 */
export function buildCompilerSnapshot(folder: string, typeRoot: string | undefined, wait: boolean): Promise<boolean> {
  const input = snapshotInput(typeRoot);
  if (input === undefined) return Promise.resolve(false);
  fs.mkdirSync(folder, { recursive: true });
  const blob = snapshotBlobFile(folder);
  const lock = `${blob}.building`;
  try {
    // One build at a time; a lock older than two minutes is left over from a build that died.
    if (fs.existsSync(lock) && Date.now() - fs.statSync(lock).mtimeMs < 120_000) return Promise.resolve(false);
    fs.writeFileSync(lock, String(process.pid));
  } catch {
    return Promise.resolve(false);
  }
  const temporary = `${blob}.${process.pid}.tmp`;
  // The snapshot builder runs its script without `exports`, which tsc's CommonJS output uses.
  const entry = `${blob}.${process.pid}.entry.js`;
  fs.writeFileSync(entry, `var exports = {};\n${fs.readFileSync(path.join(__dirname, "compiler-snapshot-entry.js"), "utf8")}`);
  const child = spawn(process.execPath, ["--snapshot-blob", temporary, "--build-snapshot", entry], {
    env: { ...process.env, NODE_OPTIONS: "", UPSAMPLING_LAB_SNAPSHOT_INPUT: JSON.stringify(input) },
    stdio: wait ? ["ignore", "inherit", "inherit"] : "ignore",
    cwd: folder,
  });
  if (!wait) {
    child.unref();
    try {
      if (child.pid !== undefined) os.setPriority(child.pid, 19); // after the kernel's own work
    } catch {
      // not allowed here: it runs at normal priority
    }
  }
  return new Promise((resolve) => {
    child.on("error", () => resolve(false));
    child.on("exit", (code) => {
      const built = code === 0 && fs.existsSync(temporary);
      if (built) fs.renameSync(temporary, blob);
      else fs.rmSync(temporary, { force: true });
      fs.rmSync(lock, { force: true });
      fs.rmSync(entry, { force: true });
      resolve(built);
    });
  });
}

/**
 * After the first cell: when the kernelspec names a snapshot folder and this process could not use
 * a blob there (none yet, or made for another TypeScript), or used one whose declaration files
 * have changed since (an updated `@types/node`), builds one in the background.
 */
export const buildSnapshotForNextStart: () => void = ((): (() => void) => {
  let done = false;
  return () => {
    const folder = process.env[SNAPSHOT_DIR_VARIABLE];
    const outdated = snapshotUse !== "used" || (snapshotState()?.changedFiles ?? 0) > 0;
    if (done || folder === undefined || folder === "" || !outdated || process.platform !== "linux") return;
    done = true;
    setTimeout(() => {
      if (snapshotUse === "none" && fs.existsSync(snapshotBlobFile(folder))) return; // started without it on purpose
      void buildCompilerSnapshot(folder, kernelTypeRoot(), false).then((built) => {
        if (built) kernelLog(`compiler snapshot written for the next start: ${snapshotBlobFile(folder)}`);
      });
    }, 1000).unref();
  };
})();
