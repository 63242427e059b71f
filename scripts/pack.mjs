#!/usr/bin/env node
// `npm run pack`: the two installable packages, in build/packages/:
//   upsampling-lab-<version>.tgz                    (`npm pack`: library, browser bundle, kernel, extension, the
//                                                    `upsampling-lab install` command)
//   upsampling_lab_widgets-<version>-py3-none-any.whl (`pip wheel widgets/lab`: the extension as shared data)
// `--out DIR` puts them in DIR instead. Builds first (each build skipped when up to date). The wheel is built with $PYTHON, else the
// project's .venv, else python3 (it fetches the pinned hatchling into pip's isolated build env).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildAll } from "./lib/build-steps.mjs";
import { ensureNpmDependencies } from "./lib/npm-deps.mjs";
import { report, run, runNpm, SetupError } from "./lib/proc.mjs";
import { envExecutable } from "./lib/python-env.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TAG = "pack";

/** Where the packages land, and their file names for the version in package.json. */
export function packageFiles(projectRoot = root, dir = path.join(projectRoot, "build", "packages")) {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8"));
  return {
    dir,
    tarball: path.join(dir, `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`),
    wheel: path.join(dir, `upsampling_lab_widgets-${version}-py3-none-any.whl`),
  };
}

function python() {
  if (process.env.PYTHON) return process.env.PYTHON;
  const venvPython = envExecutable(path.join(root, ".venv"), "python");
  return fs.existsSync(venvPython) ? venvPython : process.platform === "win32" ? "python" : "python3";
}

function size(file) {
  return `${(fs.statSync(file).size / 1024).toFixed(0)} KiB`;
}

function pack(outDir) {
  const startedAt = Date.now();
  ensureNpmDependencies(root, TAG);
  buildAll(root, { tag: TAG });
  const files = packageFiles(root, outDir);
  fs.rmSync(files.dir, { recursive: true, force: true });
  fs.mkdirSync(files.dir, { recursive: true });
  runNpm(["pack", "--silent", "--pack-destination", files.dir], { cwd: root });
  run(python(), [
    "-m",
    "pip",
    "wheel",
    "--quiet",
    "--disable-pip-version-check",
    "--no-deps",
    "--wheel-dir",
    files.dir,
    path.join(root, "widgets", "lab"),
  ]);
  for (const file of [files.tarball, files.wheel]) {
    if (!fs.existsSync(file))
      throw new SetupError(`expected ${file} after packing; found ${fs.readdirSync(files.dir).join(", ")}`);
  }
  report(
    TAG,
    "packages",
    `${path.relative(root, files.tarball)} (${size(files.tarball)}), ${path.relative(root, files.wheel)} (${size(files.wheel)})`,
    startedAt,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const out = process.argv.indexOf("--out");
    if (out !== -1 && !process.argv[out + 1]) throw new SetupError("--out needs a folder");
    pack(out === -1 ? undefined : path.resolve(process.argv[out + 1]));
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    console.error(`[${TAG}] ${error.message}`);
    process.exit(1);
  }
}
