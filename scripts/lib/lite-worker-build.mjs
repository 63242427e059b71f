// The JupyterLite kernel's Web Worker (kernel/lite/worker), bundled by esbuild into two
// self-contained classic scripts: dist/lite/kernel-worker.js (the engine, the library's browser
// code and the widget API) and dist/lite/kernel-compiler.js, which the worker loads when it first
// compiles (tslab's TypeScript compiler, the lib .d.ts files cells are checked against, the
// library's and the widgets' declarations from dist/). The declaration files reach the bundle as a
// virtual module (`lite:declaration-files`); the unit tests read the same files with
// `liteDeclarationFiles`.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The TypeScript libs cells are compiled with (tslab's es2022) and the worker's own globals. */
const ROOT_LIBS = ["es2022", "webworker", "webworker.iterable", "decorators", "decorators.legacy"];
/** Folders under dist/ whose declarations cells import (`upsampling-lab`, `upsampling-lab/widgets`). */
const DECLARATION_FOLDERS = ["dist/src", "dist/widgets/api", "dist/widgets/bridge", "dist/widgets/shared"];

/** Every `.d.ts` file under `dir`, recursively. */
function declarationsUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return declarationsUnder(full);
    return entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/**
 * The files of the worker's in-memory file system (absolute path -> text): the lib files under
 * `/typescript/lib` (those `ROOT_LIBS` reference, transitively), the package as
 * `/node_modules/upsampling-lab` (its package.json's name and types fields, its declarations).
 */
export function liteDeclarationFiles(projectRoot = root) {
  const files = {};
  const libDir = path.join(projectRoot, "node_modules", "@tslab", "typescript-for-tslab", "lib");
  const pending = [...ROOT_LIBS];
  const seen = new Set();
  while (pending.length > 0) {
    const lib = pending.pop();
    if (seen.has(lib)) continue;
    seen.add(lib);
    const text = fs.readFileSync(path.join(libDir, `lib.${lib}.d.ts`), "utf8");
    // Indentation means nothing to the compiler (nor to the doc comments it shows): 6% of these files.
    files[`/typescript/lib/lib.${lib}.d.ts`] = text.replace(/^[ \t]+/gm, "");
    for (const match of text.matchAll(/\/\/\/\s*<reference\s+lib="([^"]+)"/g)) pending.push(match[1]);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8"));
  const packageDir = "/node_modules/upsampling-lab";
  files[`${packageDir}/package.json`] = JSON.stringify({
    name: pkg.name,
    version: pkg.version,
    types: pkg.types,
    typesVersions: pkg.typesVersions,
  });
  for (const folder of DECLARATION_FOLDERS) {
    const dir = path.join(projectRoot, folder);
    if (!fs.existsSync(dir)) throw new Error(`${folder} is missing: run npm run build:ts before building the JupyterLite worker`);
    for (const file of declarationsUnder(dir)) {
      files[`${packageDir}/${path.relative(projectRoot, file).split(path.sep).join("/")}`] = fs.readFileSync(file, "utf8");
    }
  }
  return files;
}

/** The `lite:declaration-files` module, and Node's built-ins routed to their browser stand-ins. */
function workerPlugin(projectRoot) {
  return {
    name: "lite-worker",
    setup(b) {
      b.onResolve({ filter: /^lite:declaration-files$/ }, () => ({ path: "declaration-files", namespace: "lite" }));
      b.onLoad({ filter: /.*/, namespace: "lite" }, () => ({
        contents: JSON.stringify(liteDeclarationFiles(projectRoot)),
        loader: "json",
      }));
      b.onResolve({ filter: /^node:(crypto|util)$/ }, (args) => ({
        path: path.join(projectRoot, "widgets", "page", "shims", `node-${args.path.slice(5)}.ts`),
      }));
      b.onResolve({ filter: /^path$/ }, () => ({ path: path.join(projectRoot, "node_modules", "path-browserify", "index.js") }));
      // tslab asks semver only for the major version of `process.version` (its compile target).
      b.onResolve({ filter: /^semver$/ }, () => ({ path: "semver", namespace: "lite-semver" }));
      b.onLoad({ filter: /.*/, namespace: "lite-semver" }, () => ({
        contents: 'module.exports = { major: (v) => Number(String(v).replace(/^v/, "").split(".")[0]) };',
        loader: "js",
      }));
      // TypeScript requires these only when it runs on Node (its own ts.sys), which the worker is not.
      b.onResolve({ filter: /^(buffer|crypto|fs|inspector|os|perf_hooks|source-map-support)$/ }, (args) => ({
        path: args.path,
        namespace: "lite-node-only",
      }));
      b.onLoad({ filter: /.*/, namespace: "lite-node-only" }, () => ({ contents: "module.exports = {};", loader: "js" }));
    },
  };
}

/** Bundles `entry` (under kernel/lite/worker) into the classic script `outFile`; returns its text. */
async function bundle(entry, outFile, define, projectRoot) {
  const result = await build({
    entryPoints: [path.join(projectRoot, "kernel", "lite", "worker", entry)],
    outfile: outFile,
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    // Class names show in outputs (a widget's text/plain, error names), as in the Node kernel.
    keepNames: true,
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
    plugins: [workerPlugin(projectRoot)],
    inject: [path.join(projectRoot, "kernel", "lite", "worker", "process-shim.ts")],
    define: { __dirname: '"/tslab/dist"', __filename: '"/tslab/dist/converter.js"', ...define },
  });
  const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((i) => i.path));
  if (imports.length > 0) throw new Error(`${outFile} imports ${imports.join(", ")}: it must be self-contained`);
  return fs.readFileSync(outFile, "utf8");
}

/**
 * Builds the worker's two scripts into `outDir` (dist/lite): `kernel-compiler.js` (the compiler
 * and its files) and `kernel-worker.js` (everything else, which carries the compiler script's
 * fingerprint and the versions it reports). Returns their sizes in bytes.
 */
export async function buildLiteWorker(outDir, projectRoot = root) {
  fs.mkdirSync(outDir, { recursive: true });
  const compilerFile = path.join(outDir, "kernel-compiler.js");
  const workerFile = path.join(outDir, "kernel-worker.js");
  const compiler = await bundle("compiler-script.ts", compilerFile, {}, projectRoot);
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8"));
  const typescript = JSON.parse(
    fs.readFileSync(path.join(projectRoot, "node_modules", "@tslab", "typescript-for-tslab", "package.json"), "utf8"),
  );
  const worker = await bundle(
    "index.ts",
    workerFile,
    {
      LITE_COMPILER_BUILD: JSON.stringify(createHash("sha256").update(compiler).digest("hex").slice(0, 16)),
      LITE_PACKAGE_VERSION: JSON.stringify(pkg.version),
      LITE_COMPILER_VERSION: JSON.stringify(typescript.version),
    },
    projectRoot,
  );
  if (/\bcreateProgram\b|lib\.es5\.d\.ts/.test(worker))
    throw new Error(`${workerFile} carries the compiler: it must leave it to ${compilerFile}`);
  return { worker: Buffer.byteLength(worker), compiler: Buffer.byteLength(compiler) };
}
