/**
 * `npm run bench -- --browser`: workloads W1-W7 on the library's browser bundle
 * (dist/browser/upsampling-lab.mjs) in Debian's headless Chromium and, in the same page, on tfjs
 * with its WebAssembly backend (its .wasm files served from node_modules; every other request is
 * refused). The page is cross-origin isolated so tfjs may use its threaded build.
 */
import fs from "node:fs";
import path from "node:path";
import { launchBrowser } from "../../tests/browser/browser";
import { bundleForPage } from "../../tests/browser/bundle/bundle-for-page";
import { modulePage, openOfflinePage, type Served } from "../../tests/browser/bundle/offline-page";
import type { PageBench } from "./page-bench";
import { childFaultsPerCall } from "../page-faults";

const root = path.resolve(__dirname, "..", "..", "..");
const BUNDLE = path.join(root, "dist", "browser", "upsampling-lab.mjs");

/** The page's measurements plus the browser's version. */
export interface BrowserBench extends PageBench {
  browser: string;
  /** Per workload, median minor page faults of Chromium's processes for one fresh output alone (Linux only). */
  freshOutputFaults: Record<string, number>;
}

/** Runs workloads `ids` in Chromium (`runs` samples at least, as in Node); throws if the page fails. */
export async function runBrowserBench(ids: readonly string[], runs: number): Promise<BrowserBench> {
  if (!fs.existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first`);
  const tfjsDist = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm"));
  const files: Record<string, Served> = {
    "/upsampling-lab.mjs": { file: BUNDLE },
    "/page-bench.mjs": { text: await bundleForPage(path.join(root, "bench", "browser", "page-bench.ts")) },
    "/index.html": {
      text: modulePage(
        'import * as lab from "/upsampling-lab.mjs";\nimport { freshOutputOnce, runPageBench } from "/page-bench.mjs";\n' +
          'window.__bench = (ids, runs) => runPageBench(lab, ids, runs, "/tfjs/");\n' +
          "window.__freshOnce = (id) => freshOutputOnce(id);\nwindow.__ready = true;",
      ),
    },
  };
  for (const name of fs.readdirSync(tfjsDist).filter((f) => f.endsWith(".wasm")))
    files[`/tfjs/${name}`] = { file: path.join(tfjsDist, name) };
  const errors: string[] = [];
  const browser = await launchBrowser();
  try {
    const { page, refused } = await openOfflinePage(browser.context, files, (text) => errors.push(text), { isolated: true });
    await page.waitForFunction(() => "__ready" in globalThis, undefined, { timeout: 60_000 });
    const measured = await page.evaluate(
      ([list, n]) =>
        (globalThis as unknown as { __bench: (ids: readonly string[], runs: number) => Promise<PageBench> }).__bench(list, n),
      [ids, runs] as const,
    );
    const freshOutputFaults: Record<string, number> = {};
    for (const id of Object.keys(measured.freshOutputMs)) {
      const faults = await childFaultsPerCall(() =>
        page.evaluate((w) => (globalThis as unknown as { __freshOnce: (id: string) => number }).__freshOnce(w), id),
      );
      if (faults !== undefined) freshOutputFaults[id] = faults;
    }
    if (refused.length > 0) throw new Error(`the benchmark page asked for ${refused.join(", ")} (refused)`);
    if (errors.length > 0) throw new Error(`the benchmark page reported: ${errors.join("; ")}`);
    const userAgent = await page.evaluate(
      () => (globalThis as unknown as { navigator: { userAgent: string } }).navigator.userAgent,
    );
    return { ...measured, browser: /(?:Headless)?Chrome\/[\d.]+/.exec(userAgent)?.[0] ?? userAgent, freshOutputFaults };
  } finally {
    await browser.close();
  }
}
