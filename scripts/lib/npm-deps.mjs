// npm dependencies: installed exactly as package-lock.json says, checked against npm's own
// record of the installed tree (node_modules/.package-lock.json), so nothing is reinstalled
// when it is already right.
import fs from "node:fs";
import path from "node:path";
import { report, runNpm } from "./proc.mjs";

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/**
 * Why node_modules does not match package-lock.json (a short reason), or null when it does.
 * Optional packages for other platforms may be absent; everything else must be present at
 * the locked version.
 */
export function npmTreeProblem(root) {
  const lock = readJson(path.join(root, "package-lock.json"));
  if (!lock) return "no package-lock.json";
  const installed = readJson(path.join(root, "node_modules", ".package-lock.json"));
  if (!installed) return "node_modules is missing";
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (key === "" || !key.includes("node_modules/")) continue;
    const have = installed.packages?.[key];
    if (!have) {
      if (entry.optional) continue;
      return `${key} is not installed`;
    }
    if (entry.link ? have.resolved !== entry.resolved : have.version !== entry.version) {
      return `${key} is ${have.version ?? have.resolved}, the lock says ${entry.version ?? entry.resolved}`;
    }
    if (!fs.existsSync(path.join(root, key))) return `${key} is missing`;
  }
  return null;
}

/**
 * Install npm dependencies exactly as locked (`npm ci`), unless node_modules already matches.
 * Returns whether anything was (or, with `dryRun`, would be) done.
 */
export function ensureNpmDependencies(root, tag, { dryRun = false } = {}) {
  const startedAt = Date.now();
  const problem = npmTreeProblem(root);
  if (!problem) {
    report(tag, "npm dependencies", "up to date", startedAt);
    return false;
  }
  if (dryRun) {
    report(tag, "npm dependencies", `would run npm ci (${problem})`, startedAt);
    return true;
  }
  console.log(`[${tag}] npm dependencies: ${problem}; running npm ci`);
  // onnxruntime-node's install script would download CUDA files; its CPU binary ships in the package.
  runNpm(["ci"], { cwd: root, env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: "skip" } });
  report(tag, "npm dependencies", "installed (npm ci)", startedAt);
  return true;
}
