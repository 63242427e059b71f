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

/** Installs the kernelspec and the extension; returns the lines to print. */
function install(argv) {
  const chosen = argv.some((arg) => TARGET_FLAGS.includes(arg) || arg.startsWith("--prefix="));
  const kernelInstall = createRequire(import.meta.url)(path.join(packageRoot, "dist", "kernel", "src", "install.js"));
  const { target, quiet } = kernelInstall.parseInstallArgs(chosen ? argv : [...argv, "--user"]);
  const kernelDir = kernelInstall.installKernelSpec(target);
  const dataDir = path.dirname(path.dirname(kernelDir));
  const extension = installLabextension(dataDir, path.join(packageRoot, "widgets", "lab", "labextension"));
  if (quiet) return [];
  return [
    `installed kernelspec ${kernelInstall.KERNEL_NAME} ("${kernelInstall.KERNEL_DISPLAY_NAME}") in ${kernelDir}`,
    `installed JupyterLab extension ${extension.name}@${extension.version} in ${extension.target}`,
    `${name} ${version}: notebooks in a folder whose node_modules holds ${name} import it as "${name}"`,
  ];
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
