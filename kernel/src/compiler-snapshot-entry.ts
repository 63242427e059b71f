/**
 * The script a Node startup snapshot of the compiler is built from
 * (`node --snapshot-blob <file> --build-snapshot compiler-snapshot-entry.js`, run by
 * compiler-snapshot.ts with its inputs in `UPSAMPLING_LAB_SNAPSHOT_INPUT`). While building a
 * snapshot Node lets a script require only its built-in modules, so this file imports nothing
 * else and evaluates tslab's TypeScript from its source text. (The builder also runs its script
 * without `exports`; compiler-snapshot.ts runs a copy that defines it.)
 *
 * The snapshot holds: the evaluated TypeScript module, and the lib `.d.ts` files and `@types/node`
 * parsed and bound by a program with the options tslab's converter uses. TypeScript's source is
 * changed in one place: the compiler host's `getSourceFile` first asks
 * `globalThis.__upsamplingLabParsedFile` for an already parsed file (same path within its package
 * or the lib folder, same text, same language version), so a kernel started from the snapshot parses none of them.
 * Sharing parsed and bound files between programs is what TypeScript's own language service does.
 */
import { Console } from "node:console";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as tsTypes from "@tslab/typescript-for-tslab";
import type { CompilerSnapshotState, SnapshotInput } from "./compiler-snapshot-state";

/** The statement of `createGetSourceFile` that parses a file the host read (TypeScript 5.0). */
const PARSE_STATEMENT =
  "return text !== void 0 ? createSourceFile(fileName, text, languageVersionOrOptions, setParentNodes) : void 0;";
const PARSE_WITH_CACHE =
  "return text !== void 0 ? (globalThis.__upsamplingLabParsedFile?.(fileName, text, languageVersionOrOptions, setParentNodes) ?? " +
  "createSourceFile(fileName, text, languageVersionOrOptions, setParentNodes)) : void 0;";

/** Evaluates TypeScript's source (with the parse cache hook) as a CommonJS module. */
function evaluateTypeScript(file: string): typeof tsTypes {
  const source = fs.readFileSync(file, "utf8");
  if (!source.includes(PARSE_STATEMENT))
    throw new Error(`${file}: the statement to hook is not there (another TypeScript version?)`);
  const module = { exports: {} as unknown };
  const wrapper = new Function(
    "exports",
    "require",
    "module",
    "__filename",
    "__dirname",
    source.replace(PARSE_STATEMENT, PARSE_WITH_CACHE),
  );
  wrapper(module.exports, require, module, file, path.dirname(file));
  return module.exports as typeof tsTypes;
}

/**
 * A parsed file's key: its path within the lib folder, or from its `node_modules` folder on
 * (`@types/node/...`, `undici-types/...`): the kernel's compiler may reach the same files by other paths.
 */
function keyOf(fileName: string, libFolder: string): string | undefined {
  if (fileName.startsWith(libFolder + "/")) return `lib:${fileName.slice(libFolder.length + 1)}`;
  const packages = fileName.lastIndexOf("/node_modules/");
  return packages >= 0 ? `package:${fileName.slice(packages + "/node_modules/".length)}` : undefined;
}

function build(): void {
  const input = JSON.parse(process.env.UPSAMPLING_LAB_SNAPSHOT_INPUT ?? "") as SnapshotInput;
  const ts = evaluateTypeScript(input.typescript);
  const root = path.join(path.dirname(input.typeRoot), "__upsampling_lab_snapshot__.ts");
  // tslab's converter options (tslab/dist/converter.js) that change how files are parsed and bound.
  const options: tsTypes.CompilerOptions = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: input.target,
    lib: input.lib.map((lib) => `lib.${lib}.d.ts`),
    experimentalDecorators: true,
    resolveJsonModule: true,
    jsx: ts.JsxEmit.React,
    typeRoots: [input.typeRoot],
    types: ["node"],
    allowJs: true,
    checkJs: true,
    skipLibCheck: true,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, ...rest) =>
    fileName === root
      ? ts.createSourceFile(root, "export {};\nconst value: number = 1 + 1;\nvalue;\n", input.target)
      : getSourceFile(fileName, ...rest);
  const program = ts.createProgram({ rootNames: [root], options, host });
  ts.getPreEmitDiagnostics(program); // binds every file and runs the checker once (its code is then compiled)
  const libFolder = path.dirname(input.typescript);
  const parsed = new Map<string, { file: tsTypes.SourceFile; usedAs: string | undefined }>();
  for (const file of program.getSourceFiles()) {
    const key = keyOf(file.fileName, libFolder);
    if (key === undefined) continue;
    const mutable = file as unknown as Record<string, unknown>;
    mutable.resolvedModules = undefined; // resolutions belong to a program; the kernel's program makes its own
    mutable.resolvedTypeReferenceDirectiveNames = undefined;
    parsed.set(key, { file, usedAs: undefined });
  }
  const stat = fs.statSync(input.typescript);
  const state: CompilerSnapshotState = {
    ts,
    typescript: { path: input.typescript, size: stat.size, mtimeMs: stat.mtimeMs },
    Console, // lost from node:console in a process started from a snapshot
    parsedFiles: parsed.size,
    hits: 0,
    changedFiles: 0,
    parsedFile: (fileName, text, languageVersionOrOptions, setParentNodes) => {
      const key = keyOf(fileName, libFolder);
      const entry = key === undefined ? undefined : parsed.get(key);
      if (entry === undefined || setParentNodes === true) return undefined;
      if (entry.file.text !== text) {
        if (fileName === entry.file.fileName) state.changedFiles++; // the very file the snapshot parsed
        return undefined;
      }
      if (entry.usedAs !== undefined && entry.usedAs !== fileName) return undefined; // one name per file object
      const version =
        typeof languageVersionOrOptions === "object" ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
      if (version.languageVersion !== entry.file.languageVersion || version.impliedNodeFormat !== entry.file.impliedNodeFormat)
        return undefined;
      entry.usedAs = fileName;
      state.hits++;
      return entry.file;
    },
  };
  const global = globalThis as Record<string, unknown>;
  global.__upsamplingLabCompilerSnapshot = state;
  global.__upsamplingLabParsedFile = state.parsedFile; // called by the snapshot's TypeScript only
}

build();
