#!/usr/bin/env node
// Installs the built prebuilt extension (widgets/lab/labextension/) into a Jupyter prefix:
// copies it to <prefix>/share/jupyter/labextensions/<npm name>/, the folder JupyterLab
// scans for prebuilt extensions, with an install.json saying where it came from.
// No Python needed. Usage: node install-labextension.mjs [--prefix <dir>]
// (default prefix: the repository's .venv). Relative paths are taken from the directory
// npm was started in.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const labDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoDir = resolve(labDir, "..", "..");
const startDir = process.env.INIT_CWD || process.cwd();

function fail(message) {
  console.error(`widgets:install: ${message}`);
  process.exit(1);
}

function parsePrefix(args) {
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

const prefix = parsePrefix(process.argv.slice(2));
const source = join(labDir, "labextension");
const { name, version } = JSON.parse(readFileSync(join(labDir, "package.json"), "utf8"));
const built = join(source, "package.json");
if (!existsSync(built)) fail(`${source} has no build; run \`npm run build:widgets\` first`);
const builtVersion = JSON.parse(readFileSync(built, "utf8")).version;
if (builtVersion !== version) {
  fail(`the build in ${source} is version ${builtVersion} but package.json says ${version}; rebuild with \`npm run build:widgets\``);
}
if (!existsSync(prefix)) fail(`prefix ${prefix} does not exist (create the venv first, or pass --prefix <dir>)`);

const target = join(prefix, "share", "jupyter", "labextensions", ...name.split("/"));
rmSync(target, { recursive: true, force: true });
mkdirSync(dirname(target), { recursive: true });
cpSync(source, target, { recursive: true });
writeFileSync(
  join(target, "install.json"),
  JSON.stringify(
    {
      packageManager: "npm",
      packageName: name,
      uninstallInstructions: `Delete ${target}`,
    },
    null,
    2,
  ) + "\n",
);
console.log(`installed ${name}@${version} into ${target}`);
