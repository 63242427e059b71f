#!/usr/bin/env node
// Installs the built prebuilt extension (widgets/lab/labextension/) into a Jupyter prefix:
// copies it to <prefix>/share/jupyter/labextensions/<npm name>/, the folder JupyterLab
// scans for prebuilt extensions, with an install.json saying where it came from.
// No Python needed. Usage: node install-labextension.mjs [--prefix <dir>]
// (default prefix: the repository's .venv). Relative paths are taken from the directory
// npm was started in. The packaged `upsampling-lab install` imports installLabextension().
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const labDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoDir = resolve(labDir, "..", "..");

/** The built extension folder beside this script. */
export const LABEXTENSION_DIR = join(labDir, "labextension");

/**
 * Copies the built extension into `<dataDir>/labextensions/<name>` (dataDir: a Jupyter data
 * folder such as <prefix>/share/jupyter) with an install.json; returns {name, version, target}.
 */
export function installLabextension(dataDir, source = LABEXTENSION_DIR) {
  const built = join(source, "package.json");
  if (!existsSync(built)) throw new Error(`${source} has no build; run \`npm run build:widgets\` first`);
  const { name, version } = JSON.parse(readFileSync(built, "utf8"));
  const target = join(dataDir, "labextensions", ...name.split("/"));
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true });
  const installJson = { packageManager: "npm", packageName: name, uninstallInstructions: `Delete ${target}` };
  writeFileSync(join(target, "install.json"), JSON.stringify(installJson, null, 2) + "\n");
  return { name, version, target };
}

function fail(message) {
  console.error(`widgets:install: ${message}`);
  process.exit(1);
}

function parsePrefix(args, startDir) {
  let prefix = join(repoDir, ".venv");
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--prefix") {
      if (i + 1 >= args.length || args[i + 1].startsWith("--")) fail("--prefix needs a directory, e.g. --prefix .venv");
      prefix = resolve(startDir, args[++i]);
    } else if (arg.startsWith("--prefix=")) {
      prefix = resolve(startDir, arg.slice("--prefix=".length));
    } else if (arg === "--help" || arg === "-h") {
      console.log("usage: npm run widgets:install -- [--prefix <dir>]   (default: <repo>/.venv)");
      process.exit(0);
    } else {
      fail(`unknown argument ${JSON.stringify(arg)}; the only option is --prefix <dir>`);
    }
  }
  return prefix;
}

function main() {
  const prefix = parsePrefix(process.argv.slice(2), process.env.INIT_CWD || process.cwd());
  const { version } = JSON.parse(readFileSync(join(labDir, "package.json"), "utf8"));
  const built = join(LABEXTENSION_DIR, "package.json");
  if (existsSync(built) && JSON.parse(readFileSync(built, "utf8")).version !== version) {
    fail(`the build in ${LABEXTENSION_DIR} is not version ${version} (package.json); rebuild with \`npm run build:widgets\``);
  }
  if (!existsSync(prefix)) fail(`prefix ${prefix} does not exist (create the venv first, or pass --prefix <dir>)`);
  try {
    const installed = installLabextension(join(prefix, "share", "jupyter"));
    console.log(`installed ${installed.name}@${installed.version} into ${installed.target}`);
  } catch (error) {
    fail(error.message);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
