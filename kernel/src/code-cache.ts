/**
 * A V8 code cache for the TypeScript compiler (a 9 MB script), so a kernel start does not compile
 * it again: the first start writes the compiled code (including the functions the first cell
 * needed) to a per-user cache folder; later starts hand it to V8, which checks that it matches
 * the script and this V8 (a mismatch is rejected and the script compiled as usual).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import Module from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";
import { kernelLog } from "./log";

/** Where compiled code is kept: `$XDG_CACHE_HOME/upsampling-lab` (or `~/.cache/upsampling-lab`), else the temp folder. */
function cacheFolder(): string {
  const base = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache");
  return path.join(base, "upsampling-lab", "code-cache");
}

/** The cache file of `filename` as it is now (its size and time) for this Node. */
function cacheFile(filename: string): string {
  const stat = fs.statSync(filename);
  const key = createHash("sha256")
    .update(`${filename}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${process.arch}`)
    .digest("hex")
    .slice(0, 32);
  return path.join(cacheFolder(), `${key}.bin`);
}

interface ModuleInternals {
  _compile(content: string, filename: string): unknown;
}

/**
 * Compiles the module at `filename` (when it is loaded) with the cached code, or, without a usable
 * cache, compiles it as usual and returns a function that writes the cache (call it once the
 * compiler has done some work, so the cache holds the functions it used).
 */
export function useCodeCache(filename: string): () => void {
  const prototype = (Module as unknown as { prototype: ModuleInternals }).prototype;
  const original = prototype._compile;
  let script: vm.Script | undefined;
  let file: string | undefined;
  let needsWrite = false;
  prototype._compile = function (this: Module & ModuleInternals, content: string, name: string): unknown {
    if (name !== filename) return original.call(this, content, name);
    prototype._compile = original;
    try {
      file = cacheFile(name);
      const cachedData = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
      script = new vm.Script((Module as unknown as { wrap(code: string): string }).wrap(content), { filename: name, cachedData });
      needsWrite = cachedData === undefined || script.cachedDataRejected === true;
    } catch (error) {
      kernelLog(`code cache unavailable: ${(error as Error).message}`);
      return original.call(this, content, name);
    }
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    const require = Module.createRequire(name);
    return wrapper.call(this.exports, this.exports, require, this, name, path.dirname(name));
  };
  return () => {
    if (!needsWrite || script === undefined || file === undefined) return;
    needsWrite = false;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, file); // atomic: kernels starting together never read half a file
      kernelLog(`code cache written: ${file}`);
    } catch (error) {
      kernelLog(`code cache not written: ${(error as Error).message}`);
    }
  };
}

/** The TypeScript compiler tslab runs (the script whose compiled code is cached). */
const COMPILER_SCRIPT = Module.createRequire(require.resolve("tslab/package.json")).resolve("@tslab/typescript-for-tslab");

/**
 * Installed when this module loads, which main.ts does before anything loads the compiler.
 * Writes the compiler's code cache if it had none (a second later: it takes a moment).
 */
export const writeCompilerCodeCache: () => void = ((): (() => void) => {
  const write = useCodeCache(COMPILER_SCRIPT);
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(write, 1000).unref();
  };
})();
