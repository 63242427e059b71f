#!/usr/bin/env node
// The packaged command, like `tslab install`: puts the kernelspec "upsampling-lab" and the
// JupyterLab widget extension of this installed package into a Jupyter.
//
//   npx upsampling-lab install [--user | --sys-prefix | --prefix DIR] [--quiet]
//     --user        your per-user Jupyter data folder (the default)
//     --sys-prefix  the environment of the active venv ($VIRTUAL_ENV), else of `python3` on PATH
//     --prefix DIR  DIR/share/jupyter
//   npx upsampling-lab --version
//
// The kernelspec points at this package's kernel, so notebooks beside the node_modules
// folder holding this package import the library as "upsampling-lab".
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { installLabextension } from "../widgets/lab/scripts/install-labextension.mjs";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { name, version } = JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8"));
const USAGE = `usage: npx ${name} install [--user | --sys-prefix | --prefix DIR] [--quiet]\n       npx ${name} --version`;
const TARGET_FLAGS = ["--user", "--sys-prefix", "--prefix"];

/** True when every file under `source` is under `target` with the same bytes (extra files in `target` allowed). */
function sameFiles(source, target) {
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory() ? !sameFiles(from, to) : !fs.existsSync(to) || !fs.readFileSync(from).equals(fs.readFileSync(to)))
      return false;
  }
  return true;
}

/** True when the kernelspec in `dir` is exactly what installing it would write. */
function kernelSpecUpToDate(kernelInstall, dir) {
  const file = path.join(dir, "kernel.json");
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== JSON.stringify(kernelInstall.kernelSpec(), null, 2) + "\n")
    return false;
  return sameFiles(path.join(packageRoot, "kernel", "logo"), dir);
}

/**
 * Installs the kernelspec and the extension; returns the lines to print. What is already installed
 * as it would be is left untouched (an extension a wheel installed keeps its install.json).
 */
function install(argv) {
  const chosen = argv.some((arg) => TARGET_FLAGS.includes(arg) || arg.startsWith("--prefix="));
  const kernelInstall = createRequire(import.meta.url)(path.join(packageRoot, "dist", "kernel", "src", "install.js"));
  const { target, quiet } = kernelInstall.parseInstallArgs(chosen ? argv : [...argv, "--user"]);
  const kernelsDir = kernelInstall.kernelsDir(target);
  const dataDir = path.dirname(kernelsDir);
  const lines = [];
  const kernelDir = path.join(kernelsDir, kernelInstall.KERNEL_NAME);
  if (kernelSpecUpToDate(kernelInstall, kernelDir))
    lines.push(`kernelspec ${kernelInstall.KERNEL_NAME}: up to date in ${kernelDir}`);
  else {
    kernelInstall.installKernelSpec(target);
    lines.push(`installed kernelspec ${kernelInstall.KERNEL_NAME} ("${kernelInstall.KERNEL_DISPLAY_NAME}") in ${kernelDir}`);
  }
  const source = path.join(packageRoot, "widgets", "lab", "labextension");
  const extension = JSON.parse(fs.readFileSync(path.join(source, "package.json"), "utf8"));
  const extensionDir = path.join(dataDir, "labextensions", ...extension.name.split("/"));
  if (fs.existsSync(extensionDir) && sameFiles(source, extensionDir))
    lines.push(`JupyterLab extension ${extension.name}: up to date in ${extensionDir}`);
  else {
    installLabextension(dataDir, source);
    lines.push(`installed JupyterLab extension ${extension.name}@${extension.version} in ${extensionDir}`);
  }
  lines.push(`${name} ${version}: notebooks in a folder whose node_modules holds ${name} import it as "${name}"`);
  return quiet ? [] : lines;
}

const [command, ...rest] = process.argv.slice(2);
if (command === "--version" || command === "-v") {
  console.log(version);
} else if (command === "--help" || command === "-h" || command === undefined) {
  console.log(USAGE);
  if (command === undefined) process.exitCode = 1;
} else if (command !== "install") {
  console.error(`${name}: unknown command ${JSON.stringify(command)}\n${USAGE}`);
  process.exitCode = 1;
} else {
  try {
    for (const line of install(rest)) console.log(line);
  } catch (error) {
    console.error(`${name} install: ${error.message}\n${USAGE}`);
    process.exitCode = 1;
  }
}
