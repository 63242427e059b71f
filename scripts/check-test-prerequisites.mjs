#!/usr/bin/env node
// `npm test` runs this first (npm's `pretest`): when something the tests need is missing, it
// says in the first lines what is missing, which tests cannot run without it and how to install
// it, and fails; no test is skipped quietly.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { envExecutable } from "./lib/python-env.mjs";
import { installInstructions, missingSystemPrerequisites, testsNeedingChromium } from "./lib/system-packages.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Each problem: what is missing, which tests cannot run, how to get it. */
function problems(env = process.env) {
  const found = [];
  const setupHint = "run `npm start` (or `npm run setup`) first: it installs it";
  if (!fs.existsSync(path.join(root, "node_modules", ".package-lock.json"))) {
    found.push({ missing: "the npm dependencies (node_modules)", tests: "all of them (and the build)", fix: setupHint });
  }
  if (!fs.existsSync(envExecutable(path.join(root, ".venv"), "jupyter"))) {
    found.push({
      missing: "the Python venv .venv with the Jupyter stack",
      tests: "the kernel, notebook, widget, browser and setup tests",
      fix: setupHint,
    });
  }
  const system = missingSystemPrerequisites(env);
  if (system.length) {
    found.push({
      missing: system.map((p) => p.name).join(" and "),
      tests: testsNeedingChromium(root).join(", "),
      fix: `install them:\n${installInstructions(system)}`,
    });
  }
  return found;
}

const found = problems();
if (found.length) {
  const lines = ["npm test: cannot run every test on this machine, so it stops here (no test is skipped):"];
  for (const p of found) lines.push(`- missing ${p.missing}`, `  tests that cannot run: ${p.tests}`, `  ${p.fix}`);
  console.error(lines.join("\n"));
  process.exit(1);
}
