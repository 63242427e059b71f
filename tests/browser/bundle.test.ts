// The browser bundle (dist/browser/upsampling-lab.mjs, written by `npm run build`) in Debian's
// Chromium with every network request blocked: it loads as a plain ES module with no imports,
// exports the main entry's names, and computes inside the page what Node computes — the article's
// worked examples on every algorithm, and a seeded sweep where the four algorithms agree and the
// WebAssembly kernel equals the TypeScript kernel.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as lab from "../../src";
import { launchBrowser, type Browser } from "./browser";
import { bundleForPage } from "./bundle/bundle-for-page";
import { modulePage, openOfflinePage, type OfflinePage } from "./bundle/offline-page";
import type { PageReport } from "./bundle/page-checks";

const BUNDLE = path.resolve(__dirname, "..", "..", "dist", "browser", "upsampling-lab.mjs");

describe("the browser bundle in Chromium", { timeout: 120_000 }, () => {
  let browser: Browser;
  let opened: OfflinePage;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first`);
    const files = {
      "/upsampling-lab.mjs": { file: BUNDLE },
      "/page-checks.mjs": { text: await bundleForPage(path.join(__dirname, "bundle", "page-checks.ts")) },
      "/kernel-paths.mjs": { text: await bundleForPage(path.join(__dirname, "bundle", "kernel-paths.ts")) },
      "/index.html": {
        text: modulePage(
          'import * as lab from "/upsampling-lab.mjs";\nimport * as paths from "/kernel-paths.mjs";\nimport { runPageChecks } from "/page-checks.mjs";\n' +
            "window.__names = Object.keys(lab).sort();\nwindow.__report = runPageChecks(lab, paths);",
        ),
      },
    };
    browser = await launchBrowser();
    opened = await openOfflinePage(browser.context, files, (text) => errors.push(text));
    await opened.page.waitForFunction(() => "__report" in globalThis, undefined, { timeout: 90_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("is one ES module with no imports, exporting the main entry's names", async () => {
    expect(fs.readFileSync(BUNDLE, "utf8")).not.toMatch(/^\s*import\b|\bimport\s*\(|\brequire\s*\(/m);
    const names = await opened.page.evaluate(() => (globalThis as unknown as { __names: string[] }).__names);
    expect(names).toEqual(Object.keys(lab).sort());
    expect(opened.refused).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("is what a bundler targeting the browser picks for the package (its browser/import condition)", async () => {
    const entry = {
      contents: 'import { tensor } from "upsampling-lab";\nexport const t = tensor;',
      resolveDir: path.resolve(__dirname, "..", ".."),
      loader: "js" as const,
    };
    const inputs = async (platform: "browser" | "node") =>
      Object.keys(
        (await build({ stdin: entry, bundle: true, write: false, format: "esm", platform, metafile: true, logLevel: "silent" }))
          .metafile.inputs,
      );
    expect(await inputs("browser")).toEqual(["dist/browser/upsampling-lab.mjs", "<stdin>"]);
    expect(await inputs("node")).toContain("dist/src/index.js");
  });

  it("computes the worked examples and the seeded sweep as Node does, on the WebAssembly kernels", async () => {
    const report = await opened.page.evaluate(() => (globalThis as unknown as { __report: PageReport }).__report);
    expect(report.failures).toEqual([]);
    expect(report.checks).toBe(8 * 4 + 1 + 40 * (2 * 4 + 1));
    expect(report.wasmVariant).toBe("relaxed-simd"); // Chromium has relaxed SIMD on by default
    expect(report.wasmCases).toBe(40);
  });
});
