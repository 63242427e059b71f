/**
 * Compiles and runs notebook cells with tslab's TypeScript converter and executor
 * (deep imports of the pinned tslab version; its wire layer and `startKernel` are never used).
 *
 * What this module adds around tslab:
 * - module resolution: the kernel's own package name resolves from inside its own repository,
 *   and Node's types always resolve (see `pathMappings`);
 * - the browser-mode converter is created lazily (it doubles start time and is rarely used);
 * - each cell runs under a file name `In[n].js` so stack traces can be mapped back to cell lines;
 * - every loop of the emitted JavaScript starts with an interrupt check (interrupt-checks.ts);
 * - the last expression's value and the errors are captured instead of printed.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import vm from "node:vm";
import type * as tsTypes from "@tslab/typescript-for-tslab";
import type { Converter } from "tslab/dist/converter";
import type { ConverterSet, Executor } from "tslab/dist/executor";
import { codeCompletenessOf, withCellRewrites, type CodeCompleteness } from "./cell-rewrites";
import { insertInterruptChecks } from "./interrupt-checks";
import { KeyboardInterrupt } from "./interrupt-flag";

const tslabRequire = createRequire(require.resolve("tslab/package.json"));
const ts = tslabRequire("@tslab/typescript-for-tslab") as typeof tsTypes;
const converterModule = tslabRequire("./dist/converter") as typeof import("tslab/dist/converter");
const executorModule = tslabRequire("./dist/executor") as typeof import("tslab/dist/executor");
const inspectModule = tslabRequire("./dist/inspect") as typeof import("tslab/dist/inspect");

/** Version of the TypeScript compiler bundled with tslab (reported in `language_info.version`). */
export const COMPILER_VERSION: string = ts.version;

/** A TypeScript diagnostic of a cell, 1-based line and column. */
export interface CellDiagnostic {
  line: number;
  column: number;
  message: string;
}

/** Result of running one cell. */
export type CellOutcome =
  | { kind: "ok"; hasValue: boolean; value?: unknown }
  | { kind: "diagnostics"; diagnostics: CellDiagnostic[] }
  | { kind: "exception"; error: unknown; jsCode: string | undefined; fileName: string };

/** Completion candidates, offsets in UTF-16 code units of the cell text. */
export interface CompletionResult {
  start: number;
  end: number;
  candidates: string[];
  /** TypeScript's kind of each candidate (`function`, `const`, `property`...), when known. */
  kinds: Array<string | undefined>;
}

/** Where the kernel's own package lives and what it exports, for resolution from its own repository. */
interface OwnPackage {
  name: string;
  root: string;
}

/** Reads the package.json of the package this kernel belongs to (three levels above `dist/kernel/src`). */
function readOwnPackage(): OwnPackage | undefined {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string };
      if (typeof pkg.name !== "string") return undefined;
      return { name: pkg.name, root: dir };
    }
    dir = path.dirname(dir);
  }
  return undefined;
}

/** True when `dir` or one of its ancestors has `node_modules/<name>`. */
function installedAbove(dir: string, name: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, "node_modules", name, "package.json"))) return true;
    if (path.dirname(current) === current) return false;
  }
}

/** The `@types` folder holding `@types/node` reachable from the kernel itself (or tslab). */
function kernelTypeRoot(): string | undefined {
  for (const from of [__filename, require.resolve("tslab/package.json")]) {
    try {
      const nodeTypes = createRequire(from).resolve("@types/node/package.json");
      return path.dirname(path.dirname(nodeTypes));
    } catch {
      // try the next location
    }
  }
  return undefined;
}

/** A virtual folder shown to the compiler at `from`, backed by the real folder `to`. */
interface PathMapping {
  from: string;
  to: string;
}

/**
 * Folders the compiler sees that do not exist on disk:
 * - inside the kernel's own repository, where the package is not installed in node_modules,
 *   `<repo>/node_modules/<name>` shows the repository itself (a virtual self-link, as npm would
 *   create for a self-dependency), so `import ... from "upsampling-lab"` type-checks against the
 *   built declarations; Node's `require` resolves the same name by package self-reference;
 * - tslab's fallback type root (`tslab/node_modules/@types`) shows the `@types` folder reachable from
 *   the kernel when npm hoisted it away, so `console` and Node's API always type-check.
 */
function pathMappings(cwd: string): PathMapping[] {
  const mappings: PathMapping[] = [];
  const own = readOwnPackage();
  if (own !== undefined && !path.relative(own.root, cwd).startsWith("..") && !installedAbove(cwd, own.name)) {
    mappings.push({ from: path.join(own.root, "node_modules", own.name), to: own.root });
  }
  const tslabTypes = path.join(path.dirname(require.resolve("tslab/package.json")), "node_modules", "@types");
  const typeRoot = kernelTypeRoot();
  if (typeRoot !== undefined && !fs.existsSync(path.join(tslabTypes, "node", "package.json"))) {
    mappings.push({ from: tslabTypes, to: typeRoot });
  }
  return mappings;
}

/** The virtual `@types` package that declares the kernel's own globals for cells (`prompt`). */
const GLOBALS_PACKAGE = "upsampling-lab-kernel-globals";
const GLOBALS_PATH = new RegExp(`[\\\\/]node_modules[\\\\/]@types[\\\\/]${GLOBALS_PACKAGE}(?:[\\\\/]index\\.d\\.ts)?$`);

/**
 * Routes the compiler's file system calls through `mappings` (ts.sys is shared by tslab's converters),
 * and limits the automatically included global type packages to `@types/node` plus a virtual
 * `@types/upsampling-lab-kernel-globals` holding `globalDeclarations` (a global declaration file):
 * without a `types` option TypeScript loads every `@types/*` folder it finds (react, jquery, lodash...
 * pulled in by other tools), which more than doubles the kernel's start time. Imported packages
 * still find their own `@types` through module resolution.
 */
function installCompilerFileSystem(mappings: PathMapping[], globalDeclarations: string): void {
  const sys = ts.sys as unknown as Record<string, unknown>;
  const map = (p: string): string => {
    for (const m of mappings) {
      if (p === m.from) return m.to;
      if (p.startsWith(m.from + "/")) return m.to + p.slice(m.from.length);
    }
    return p;
  };
  if (mappings.length > 0) {
    for (const name of [
      "fileExists",
      "directoryExists",
      "readFile",
      "getDirectories",
      "readDirectory",
      "realpath",
      "getModifiedTime",
      "watchFile",
      "watchDirectory",
    ]) {
      const original = sys[name];
      if (typeof original !== "function") continue;
      sys[name] = (target: unknown, ...rest: unknown[]): unknown =>
        (original as (...a: unknown[]) => unknown).call(ts.sys, typeof target === "string" ? map(target) : target, ...rest);
    }
  }
  const getDirectories = sys.getDirectories as (p: string) => string[];
  sys.getDirectories = (p: string): string[] => {
    const found = getDirectories.call(ts.sys, p);
    return /[\\/]node_modules[\\/]@types[\\/]?$/.test(p) ? [...found.filter((name) => name === "node"), GLOBALS_PACKAGE] : found;
  };
  const fileExists = sys.fileExists as (p: string) => boolean;
  const readFile = sys.readFile as (p: string, encoding?: string) => string | undefined;
  const getModifiedTime = sys.getModifiedTime as ((p: string) => Date | undefined) | undefined;
  const started = new Date();
  sys.fileExists = (p: string): boolean => (GLOBALS_PATH.test(p) && p.endsWith(".d.ts")) || fileExists(p);
  sys.readFile = (p: string, encoding?: string): string | undefined =>
    GLOBALS_PATH.test(p) && p.endsWith(".d.ts") ? globalDeclarations : readFile(p, encoding);
  sys.getModifiedTime = (p: string): Date | undefined => (GLOBALS_PATH.test(p) ? started : getModifiedTime?.(p));
  // Parent folders of a virtual folder must exist for module resolution to look inside them.
  const directoryExists = sys.directoryExists as (p: string) => boolean;
  sys.directoryExists = (p: string): boolean =>
    GLOBALS_PATH.test(p) || directoryExists(p) || mappings.some((m) => m.from.startsWith(p + "/") && fs.existsSync(m.to));
}

/**
 * The converter the kernel compiles cells with, without an executor: module resolution rooted at
 * `cwd`, `globalDeclarations` declaring what the runtime defines for cells. The export uses it to
 * compile a notebook's cells to the JavaScript its live page runs (cell-compiler.ts).
 */
export function createCellConverter(cwd: string, globalDeclarations: string): Converter {
  installCompilerFileSystem(pathMappings(cwd), globalDeclarations);
  return withCellRewrites(ts, converterModule.createConverter());
}

/** Sentinel error message tslab uses when a pending await is interrupted. */
const ASYNC_INTERRUPT_MESSAGE = "Interrupted asynchronously";

/**
 * True when `error` is what an interrupt produces: SIGINT in synchronous code, tslab's async
 * interrupt, or the `KeyboardInterrupt` of a loop check.
 */
export function isInterruptError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof KeyboardInterrupt || error.name === "KeyboardInterrupt") return true;
  return error.message === ASYNC_INTERRUPT_MESSAGE || /^Script execution (was )?interrupted/.test(error.message);
}

/** Runs TypeScript cells in this process's global context. */
export class TypeScriptRunner {
  private readonly executor: Executor;
  private lastValue: { value: unknown } | undefined;
  private diagnostics: CellDiagnostic[] = [];
  private errors: unknown[] = [];
  private cellFileName: string | undefined;
  private lastJsCode: string | undefined;
  /** Each cell's TypeScript and emitted JavaScript by file name, to map errors thrown later (timers, callbacks). */
  private readonly cells = new Map<string, { code: string; jsCode: string }>();

  /**
   * Creates the compiler (takes about a second) with module resolution rooted at `cwd`;
   * `loopCheck` is the call put at the start of every loop body of cell code (see interrupt-checks.ts);
   * `globalDeclarations` (a global declaration file) declares what the kernel defines for cells.
   */
  constructor(
    cwd: string,
    private readonly loopCheck: string,
    globalDeclarations: string,
  ) {
    installCompilerFileSystem(pathMappings(cwd), globalDeclarations);
    const node = withCellRewrites(ts, converterModule.createConverter());
    let browser: Converter | undefined;
    const converters: ConverterSet = {
      node,
      get browser(): Converter {
        browser ??= withCellRewrites(ts, converterModule.createConverter({ isBrowser: true }));
        return browser;
      },
      close: () => {
        node.close();
        browser?.close();
      },
    };
    this.installVmHook();
    this.executor = executorModule.createExecutor(cwd, converters, {
      log: (value: unknown) => {
        this.lastValue = { value };
      },
      error: (first: unknown, ...rest: unknown[]) => {
        if (typeof first === "string" && first.startsWith("%s%d:%d - %s") && rest.length === 4) {
          this.diagnostics.push({
            line: Number(rest[1]),
            column: Number(rest[2]),
            message: `${rest[0] ? `${String(rest[0])} ` : ""}${String(rest[3])}`,
          });
        } else {
          this.errors.push(first);
        }
      },
    });
  }

  /** Names the code of each cell `In[n].js` and keeps it, so errors can be mapped to cell lines. */
  private installVmHook(): void {
    const original = vm.runInThisContext;
    const hooked = (code: string, options?: vm.RunningScriptOptions | string): unknown => {
      if (this.cellFileName !== undefined && typeof options === "object" && /^\(async function|^\(function/.test(code)) {
        this.lastJsCode = code;
        return original(insertInterruptChecks(ts, code, this.loopCheck), {
          ...options,
          filename: this.cellFileName,
          breakOnSigint: true,
        });
      }
      return original(code, options);
    };
    (vm as { runInThisContext: unknown }).runInThisContext = hooked;
  }

  /** Compiles and runs `code` as cell number `cellNumber`. */
  async run(code: string, cellNumber: number): Promise<CellOutcome> {
    this.lastValue = undefined;
    this.diagnostics = [];
    this.errors = [];
    this.lastJsCode = undefined;
    const fileName = `In[${cellNumber}].js`;
    this.cellFileName = fileName;
    let pending: Promise<boolean>;
    try {
      pending = this.executor.execute(code);
    } finally {
      this.cellFileName = undefined;
    }
    if (this.lastJsCode !== undefined) this.cells.set(fileName, { code, jsCode: this.lastJsCode });
    const ok = await pending;
    if (this.diagnostics.length > 0) return { kind: "diagnostics", diagnostics: this.diagnostics };
    if (!ok || this.errors.length > 0) {
      return { kind: "exception", error: this.errors[0], jsCode: this.lastJsCode, fileName };
    }
    const last = this.lastValue as { value: unknown } | undefined;
    return last === undefined ? { kind: "ok", hasValue: false } : { kind: "ok", hasValue: true, value: last.value };
  }

  /** The TypeScript and emitted JavaScript of the cell that ran as `fileName` (`In[n].js`). */
  cellSource(fileName: string): { code: string; jsCode: string } | undefined {
    return this.cells.get(fileName);
  }

  /** Completion candidates at `position` (UTF-16 offset). */
  complete(code: string, position: number): CompletionResult {
    const info = this.executor.complete(code, position);
    const kindOf = new Map<string, string>();
    for (const entry of info.original?.entries ?? []) kindOf.set(entry.name, String(entry.kind));
    return { start: info.start, end: info.end, candidates: info.candidates, kinds: info.candidates.map((c) => kindOf.get(c)) };
  }

  /** Quick info (signature and doc comment) at `position`, or undefined when there is nothing there. */
  inspect(code: string, position: number): string | undefined {
    const info = this.executor.inspect(code, position);
    if (!info) return undefined;
    const text = inspectModule.printQuickInfo(info);
    return text.length > 0 ? text : undefined;
  }

  /** Rejects the pending await of the running cell (synchronous code: breakOnSigint and loop checks). */
  interrupt(): void {
    this.executor.interrupt();
  }

  /** Releases the compiler's watchers. */
  close(): void {
    this.executor.close();
  }
}

/** Status of a piece of code typed so far: complete, incomplete (with the indent of the next line) or invalid. */
export function codeCompleteness(code: string): CodeCompleteness {
  return codeCompletenessOf(ts, converterModule.isCompleteCode, code);
}
