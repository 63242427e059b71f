/**
 * Debian's Chromium driven by playwright-core: `executablePath` only, never a downloaded
 * browser, a fresh profile per launch, and flags that keep it from phoning anywhere.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { BUILD_DIR } from "../notebooks/project";
import chromiumSettings from "../../scripts/lib/chromium.json";

/**
 * Flags and default paths shared with scripts/lib/chromium.mjs (PDF export): one JSON file that
 * both the ES module and this CommonJS module can import.
 */
export const CHROMIUM_FLAGS: readonly string[] = chromiumSettings.flags;

/** Screenshots land here (gitignored). */
export const SCREENSHOT_DIR = path.join(BUILD_DIR, "screenshots");

/** Path of the system Chromium ($CHROMIUM, else /usr/bin/chromium); throws saying how to get it. */
export function chromiumPath(): string {
  const candidates = process.env.CHROMIUM ? [process.env.CHROMIUM] : chromiumSettings.candidates;
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) {
    throw new Error(
      `Chromium is missing (looked for ${candidates.join(", ")}). .ci/run installs it; by hand: ` +
        "`sudo apt-get update && sudo apt-get install -y chromium fonts-dejavu-core`, or set CHROMIUM to a Chromium binary.",
    );
  }
  return found;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launch Chromium with a fresh user-data-dir; `offline` blocks all network but file:// and 127.0.0.1.
 * `args` are extra Chromium flags (e.g. `--js-flags=--jitless`: a browser without WebAssembly).
 */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean; args?: readonly string[] } = {},
): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "upsampling-lab-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_FLAGS, ...(options.args ?? [])],
    viewport: options.viewport ?? { width: 1400, height: 1000 },
    deviceScaleFactor: 1,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
