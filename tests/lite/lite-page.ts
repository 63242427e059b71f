/**
 * Driving the JupyterLite site (build/lite/) in Chromium: build it (skipped when up to date),
 * block every request outside the site, open a notebook in its JupyterLab and wait for the
 * kernel. Run All, output checks and widget reading come from tests/browser (lab-page.ts,
 * widget-page.ts): the site is JupyterLab, only the kernel runs in the page.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { BrowserContext, Page } from "playwright-core";
import { BUILD_DIR, REPO_ROOT } from "../notebooks/project";
import { waitForKernelIdle } from "../browser/lab-page";

const run = promisify(execFile);

/** The site `npm run lite` builds. */
export const LITE_SITE = path.join(BUILD_DIR, "lite");

// The functions passed to page.evaluate run in the browser; the little of JupyterLab they touch.
interface LiteAppHandle {
  commands: { execute(command: string, args?: Record<string, unknown>): Promise<unknown> };
  serviceManager: { sessions: { shutdownAll(): Promise<void> } };
  shell: { currentWidget: { context?: { path: string } } | null; collapseLeft(): void };
}
declare const window: { jupyterapp?: LiteAppHandle };

/** Builds build/lite/ with `node scripts/lite.mjs` (every build step and the site are skipped when up to date). */
export async function buildLiteSite(): Promise<void> {
  await run(process.execPath, [path.join(REPO_ROOT, "scripts", "lite.mjs")], {
    cwd: REPO_ROOT,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 900_000,
  });
  if (!fs.existsSync(path.join(LITE_SITE, "index.html"))) throw new Error(`npm run lite wrote no ${LITE_SITE}/index.html`);
}

/**
 * The site's copy of the kernel's compiler script (dist/lite/kernel-compiler.js, which the
 * extension's bundler copies under a content-hashed name), as a path in the site: the extension's
 * one script that holds the lib files cells are checked against.
 */
export function siteCompilerScript(): string {
  const folder = path.join("extensions", "upsampling-lab-lite-kernel", "static");
  const scripts = fs.readdirSync(path.join(LITE_SITE, folder)).filter((file) => file.endsWith(".js"));
  const found = scripts.filter((file) =>
    fs.readFileSync(path.join(LITE_SITE, folder, file), "utf8").includes("/typescript/lib/lib.es5.d.ts"),
  );
  if (found.length !== 1) throw new Error(`expected one compiler script in ${folder} of the site, found ${found.length}`);
  return `${folder}/${found[0]}`;
}

/** The notebooks of the site's contents, as paths in the site (e.g. `vi/03-....ipynb`), sorted. */
export function siteNotebooks(): string[] {
  const files = path.join(LITE_SITE, "files");
  const found: string[] = [];
  const walk = (relative: string): void => {
    for (const name of fs.readdirSync(path.join(files, relative)).sort()) {
      const rel = relative === "" ? name : `${relative}/${name}`;
      if (fs.statSync(path.join(files, rel)).isDirectory()) walk(rel);
      else if (name.endsWith(".ipynb")) found.push(rel);
    }
  };
  walk("");
  return found;
}

/** Aborts every request of the context outside `siteUrl` (and data:/blob:), recording each URL in `blocked`. */
export async function blockOutsideSite(context: BrowserContext, siteUrl: string, blocked: string[]): Promise<void> {
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(siteUrl) || /^(data|blob):/.test(url)) return route.continue();
    blocked.push(url);
    return route.abort("internetdisconnected");
  });
}

/**
 * Chromium flags that make every host but the local static server (127.0.0.1) unreachable. The
 * benchmark blocks the outside world with these instead of `blockOutsideSite`: request
 * interception turns Chromium's HTTP cache off, and with it the code cache of a later visit.
 */
export const OFFLINE_BROWSER_ARGS: readonly string[] = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"];

/** Records in `outside` every request of the context outside `siteUrl` (and data:/blob:); with OFFLINE_BROWSER_ARGS they fail. */
export function recordOutsideRequests(context: BrowserContext, siteUrl: string, outside: string[]): void {
  context.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(siteUrl) && !/^(data|blob):/.test(url)) outside.push(url);
  });
}

/**
 * Opens `notebook` (a path in the site's contents) in the site's JupyterLab and waits until its
 * kernel is idle. A page already showing the app is reused: its tabs are saved and closed and
 * their kernels shut down (each kernel is a Web Worker holding a compiler), then the notebook opened.
 * Returns the milliseconds from the navigation (or the open command) to an idle kernel.
 */
export async function openLiteNotebook(page: Page, siteUrl: string, notebook: string, timeoutMs = 120_000): Promise<number> {
  const started = Date.now();
  const appLoaded = page.url().startsWith(`${siteUrl}lab`) && (await page.evaluate(() => Boolean(window.jupyterapp)));
  if (appLoaded) {
    await page.evaluate(async (path) => {
      const app = window.jupyterapp;
      if (!app) return;
      await app.commands.execute("docmanager:save-all");
      await app.commands.execute("application:close-all");
      await app.serviceManager.sessions.shutdownAll();
      await app.commands.execute("docmanager:open", { path });
    }, notebook);
  } else {
    await page.goto(`${siteUrl}lab/index.html?path=${encodeURIComponent(notebook)}`);
  }
  await page.waitForFunction((path) => window.jupyterapp?.shell.currentWidget?.context?.path === path, notebook, {
    timeout: timeoutMs,
  });
  await page.locator(".jp-Notebook .jp-Cell").first().waitFor({ timeout: timeoutMs });
  await page.evaluate(() => window.jupyterapp?.shell.collapseLeft());
  await waitForKernelIdle(page, timeoutMs);
  return Date.now() - started;
}
