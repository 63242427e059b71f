#!/usr/bin/env node
// One version number, kept in the root package.json: `npm version <new>` bumps it there and runs
// this (npm's `version` lifecycle script), which copies it to the widget extension's package.json
// (whence the widget model module version and the wheel's version) and to package-lock.json.
// The kernel reads it from package.json at run time. CHANGELOG.md needs a `## <version>` section.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The files that carry a copy of the root version, relative to the root. */
export const VERSION_COPIES = ["widgets/lab/package.json", "package-lock.json"];

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Copy the root package.json's version into VERSION_COPIES under `projectRoot`; returns it. */
export function syncVersion(projectRoot) {
  const { version } = readJson(path.join(projectRoot, "package.json"));
  const lab = path.join(projectRoot, "widgets", "lab", "package.json");
  // Only the version line changes, so the file keeps its layout.
  fs.writeFileSync(lab, fs.readFileSync(lab, "utf8").replace(/^(  "version": )"[^"]*"/m, `$1"${version}"`));
  const lockFile = path.join(projectRoot, "package-lock.json");
  const lock = readJson(lockFile);
  lock.version = version;
  lock.packages[""].version = version;
  lock.packages["widgets/lab"].version = version;
  fs.writeFileSync(lockFile, JSON.stringify(lock, null, 2) + "\n");
  return version;
}

/** True when CHANGELOG.md has a section for `version`. */
export function changelogHas(projectRoot, version) {
  const text = fs.readFileSync(path.join(projectRoot, "CHANGELOG.md"), "utf8");
  return new RegExp(`^## ${version.replace(/\./g, "\\.")}\\b`, "m").test(text);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const version = syncVersion(root);
  if (fs.existsSync(path.join(root, ".git"))) execFileSync("git", ["add", ...VERSION_COPIES], { cwd: root });
  console.log(`version ${version}: copied to ${VERSION_COPIES.join(", ")}`);
  if (!changelogHas(root, version)) console.warn(`CHANGELOG.md has no "## ${version}" section yet: add one (a test checks it)`);
}
