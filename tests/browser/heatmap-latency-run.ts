/**
 * The whole slider -> heatmap measurement on its own: JupyterLab from the project venv,
 * Debian's Chromium, the fixture notebook opened and run, then every size measured. For
 * `npm run bench`; the browser test measures on the server and page it already has
 * (`measureInOpenLab`).
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { requireProjectKernel } from "../notebooks/project";
import { launchBrowser } from "./browser";
import {
  LATENCY_SIZES,
  measureSliderLatency,
  writeLatencyNotebook,
  type MeasureOptions,
  type SizeLatency,
} from "./heatmap-latency";
import { startJupyterServer, type JupyterServer } from "./jupyter-server";
import { openNotebook, outputProblems, runAll } from "./lab-page";

/** Where the fixture goes, relative to the server's root. */
export const LATENCY_NOTEBOOK = "latency/heatmap-latency.ipynb";

/**
 * Writes the fixture under `server.rootDir`, opens it in `page`, runs all cells (they must show
 * no error) and measures every size in turn.
 */
export async function measureInOpenLab(
  page: Page,
  server: JupyterServer,
  options: MeasureOptions & { sizes?: readonly number[]; log?: (line: string) => void } = {},
): Promise<SizeLatency[]> {
  const sizes = options.sizes ?? LATENCY_SIZES;
  writeLatencyNotebook(path.join(server.rootDir, path.dirname(LATENCY_NOTEBOOK)), sizes);
  await openNotebook(page, server, LATENCY_NOTEBOOK);
  await runAll(page);
  const problems = await outputProblems(page);
  if (problems.length > 0) throw new Error(`the latency notebook shows errors: ${JSON.stringify(problems).slice(0, 2000)}`);
  const results: SizeLatency[] = [];
  for (const n of sizes) {
    options.log?.(`  measuring ${n}x${n} ...`);
    results.push(await measureSliderLatency(page, n, options));
  }
  return results;
}

/**
 * Starts JupyterLab (serving `rootDir`, a folder inside the repo so notebooks resolve
 * `upsampling-lab`) and Chromium, measures, and stops both whatever happens.
 */
export async function runHeatmapLatency(
  rootDir: string,
  options: MeasureOptions & { sizes?: readonly number[]; log?: (line: string) => void } = {},
): Promise<SizeLatency[]> {
  requireProjectKernel();
  fs.rmSync(rootDir, { recursive: true, force: true });
  fs.mkdirSync(rootDir, { recursive: true });
  const browser = await launchBrowser({ viewport: { width: 1600, height: 1000 } });
  let server: JupyterServer | undefined;
  try {
    server = await startJupyterServer(rootDir);
    const page = await browser.context.newPage();
    return await measureInOpenLab(page, server, options);
  } catch (error) {
    if (server) options.log?.(`JupyterLab's log (last 2000 characters):\n${server.log().slice(-2000)}`);
    throw error;
  } finally {
    await browser.close();
    await server?.stop();
    fs.rmSync(rootDir, { recursive: true, force: true });
  }
}
