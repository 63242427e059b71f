// Debian's Chromium for headless work (PDF export, browser tests): never a downloaded browser.
import fs from "node:fs";
import { SetupError } from "./proc.mjs";

/** Flags for a quiet, offline-friendly headless Chromium that phones nowhere. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Path of the system Chromium ($CHROMIUM, else /usr/bin/chromium); throws saying how to install it. */
export function findChromium(env = process.env) {
  const candidates = env.CHROMIUM ? [env.CHROMIUM] : ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
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
