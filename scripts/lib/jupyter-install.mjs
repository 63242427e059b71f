// Installing the kernelspec and the widget extension into a Jupyter prefix (a venv, a
// conda env, ~/.local ...). Both installers belong to their parts of the project; this
// composes them, skipping an install whose inputs and target are unchanged.
import fs from "node:fs";
import path from "node:path";
import { fingerprint, isUpToDate, writeStamp } from "./fingerprint.mjs";
import { npmScripts } from "./build-steps.mjs";
import { report, run, runNpm, SetupError } from "./proc.mjs";
import { createHash } from "node:crypto";

/** The kernelspec name notebooks use. */
export const KERNEL_NAME = "upsampling-lab";

/** npm name of the widget extension (its folder name under labextensions/). */
export function extensionName(root) {
  return JSON.parse(fs.readFileSync(path.join(root, "widgets", "lab", "package.json"), "utf8")).name;
}

/** Where the kernelspec and the extension land under a prefix. */
export function installedPaths(root, prefix) {
  const data = path.join(prefix, "share", "jupyter");
  return {
    kernelJson: path.join(data, "kernels", KERNEL_NAME, "kernel.json"),
    extensionPackage: path.join(data, "labextensions", extensionName(root), "package.json"),
  };
}

function stampFor(root, what, prefix) {
  const key = createHash("sha256").update(path.resolve(prefix)).digest("hex").slice(0, 16);
  return path.join(root, "build", "stamps", `${what}-${key}.sha256`);
}

/**
 * Install the kernelspec (`npm run kernel:install -- --prefix P`) and the extension
 * (`npm run widgets:install -- --prefix P`) into `prefix`, each only when needed.
 * Returns the installers still missing and how many installs ran (or, with `dryRun`, would run).
 */
export function installIntoPrefix(root, prefix, { tag = "setup", force = false, dryRun = false } = {}) {
  let installed = 0;
  const scripts = npmScripts(root);
  const paths = installedPaths(root, prefix);
  const missing = [];
  const steps = [
    {
      script: "kernel:install",
      what: `kernel "${KERNEL_NAME}"`,
      // What the kernelspec is made of: the installer (it writes kernel.json, with the env of
      // huge-pages.js and the launcher of compiler-snapshot.js) and the logos.
      // The kernel's code is not copied (kernel.json points at dist/), so rebuilding it needs no reinstall.
      inputs: [
        "dist/kernel/src/install.js",
        "dist/kernel/src/huge-pages.js",
        "dist/kernel/src/compiler-snapshot.js",
        "kernel/logo",
      ],
      output: paths.kernelJson,
      extras: [process.execPath, root],
      // The kernel's own installer, used directly until its npm script exists.
      fallback: "dist/kernel/src/install.js",
    },
    {
      script: "widgets:install",
      what: "widget extension",
      inputs: ["widgets/lab/labextension"],
      output: paths.extensionPackage,
      extras: [],
    },
  ];
  for (const step of steps) {
    const startedAt = Date.now();
    const fallback = step.fallback && fs.existsSync(path.join(root, step.fallback)) ? step.fallback : null;
    if (!scripts[step.script] && !fallback) {
      missing.push(step.script);
      report(tag, step.what, `skipped: no \`${step.script}\` script in package.json yet`, startedAt);
      continue;
    }
    const command = scripts[step.script] ?? `node ${fallback}`;
    const hash = fingerprint(root, step.inputs, [...step.extras, command, path.resolve(prefix)]);
    const stamp = stampFor(root, step.script.replace(/\W/g, "_"), prefix);
    if (!force && isUpToDate(stamp, hash, [step.output])) {
      report(tag, step.what, `up to date in ${prefix}`, startedAt);
      continue;
    }
    installed++;
    if (dryRun) {
      report(tag, step.what, `would install into ${prefix}`, startedAt);
      continue;
    }
    if (scripts[step.script]) runNpm(["run", "--silent", step.script, "--", "--prefix", prefix], { cwd: root });
    else run(process.execPath, [path.join(root, fallback), "--prefix", prefix], { cwd: root });
    if (!fs.existsSync(step.output)) {
      throw new SetupError(`\`${command} --prefix ${prefix}\` succeeded but ${step.output} does not exist`);
    }
    writeStamp(stamp, hash);
    report(tag, step.what, `installed into ${prefix}`, startedAt);
  }
  return { missing, installed };
}
