// Input fingerprints and stamps: a step is skipped when the hash of its inputs equals the
// hash recorded after it last succeeded, and the outputs it promised still exist.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Folder names never hashed: installed or generated trees. */
const SKIPPED_DIRS = new Set([
  "node_modules",
  "dist",
  "lib",
  "labextension",
  "build",
  ".venv",
  ".git",
  ".ipynb_checkpoints",
  "__pycache__",
  "coverage",
  "results",
  "exports",
]);

function listFiles(root, relative, out) {
  const full = path.join(root, relative);
  let stat;
  try {
    stat = fs.statSync(full);
  } catch {
    return; // an input that does not exist (yet) hashes as absent
  }
  if (stat.isFile()) {
    if (!relative.endsWith(".tsbuildinfo")) out.push(relative);
    return;
  }
  if (!stat.isDirectory()) return;
  for (const name of fs.readdirSync(full).sort()) {
    if (SKIPPED_DIRS.has(name)) continue;
    listFiles(root, path.join(relative, name), out);
  }
}

/**
 * SHA-256 over the names and contents of every file under `inputs` (files or folders,
 * relative to `root`), plus any extra strings (commands, versions, target paths).
 */
export function fingerprint(root, inputs, extras = []) {
  const hash = createHash("sha256");
  for (const extra of extras) hash.update(`extra\0${extra}\0`);
  const files = [];
  for (const input of inputs) listFiles(root, input, files);
  for (const file of files) {
    hash.update(`file\0${file.split(path.sep).join("/")}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** True when the stamp at `stampPath` records `hash` and every output path exists. */
export function isUpToDate(stampPath, hash, outputs = []) {
  let recorded;
  try {
    recorded = fs.readFileSync(stampPath, "utf8").trim();
  } catch {
    return false;
  }
  return recorded === hash && outputs.every((output) => fs.existsSync(output));
}

/** Record that a step succeeded for inputs `hash`. */
export function writeStamp(stampPath, hash) {
  fs.mkdirSync(path.dirname(stampPath), { recursive: true });
  fs.writeFileSync(stampPath, `${hash}\n`);
}

/**
 * Sizes and modification times of every file and folder under `inputs` (relative to `root`; an
 * absent input is recorded as null), as `[path, size, mtimeMs]` rows. Taken before a step's hash,
 * it lets a reader decide that the inputs are unchanged by stat calls alone: any edit, new or
 * removed file changes a file's or its folder's time.
 */
export function statManifest(root, inputs) {
  const rows = [];
  const visit = (relative) => {
    let stat;
    try {
      stat = fs.statSync(path.join(root, relative));
    } catch {
      rows.push([relative, null, null]);
      return;
    }
    rows.push([relative, stat.size, stat.mtimeMs]);
    if (!stat.isDirectory()) return;
    for (const name of fs.readdirSync(path.join(root, relative)).sort()) {
      if (!SKIPPED_DIRS.has(name)) visit(path.join(relative, name));
    }
  };
  for (const input of inputs) visit(input);
  return rows;
}
