// Debian's Chromium for headless work (PDF export, browser tests): never a downloaded browser.
import fs from "node:fs";
import { SetupError } from "./proc.mjs";

// The flags and paths live in chromium.json, which the TypeScript browser harness imports too
// (a CommonJS TS module cannot import this ES module statically; both can read JSON).
const settings = JSON.parse(fs.readFileSync(new URL("./chromium.json", import.meta.url), "utf8"));

/** Flags for a quiet, offline-friendly headless Chromium that phones nowhere. */
export const CHROMIUM_FLAGS = settings.flags;

/** Path of the system Chromium ($CHROMIUM, else /usr/bin/chromium); throws saying how to install it. */
export function findChromium(env = process.env) {
  const candidates = env.CHROMIUM ? [env.CHROMIUM] : settings.candidates;
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) {
    throw new SetupError(
      `Chromium not found (looked for ${candidates.join(", ")}).\n` +
        "Install Debian's: sudo apt-get update && sudo apt-get install -y chromium   (.ci/run does this),\n" +
        "or point CHROMIUM at a Chromium/Chrome binary.",
    );
  }
  return found;
}
