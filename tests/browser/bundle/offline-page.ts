/**
 * A page on a made-up origin whose every request is answered from memory or local files by
 * Playwright's router: nothing reaches the network (any other request is aborted and recorded).
 * Used by the browser-bundle test and `npm run bench -- --browser`.
 */
import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";

/**
 * The origin the page is served from: no server listens there, the router answers first.
 * A localhost origin, as cross-origin isolation needs a potentially trustworthy one.
 */
export const PAGE_ORIGIN = "http://localhost:9";

/** One served file: its text, or the local file whose bytes are sent. */
export type Served = { text: string } | { file: string };

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
};

/** An open page and the requests it made that were refused. */
export interface OfflinePage {
  page: Page;
  refused: string[];
}

/** Response headers that make the page cross-origin isolated (SharedArrayBuffer, so WebAssembly threads). */
const ISOLATION_HEADERS = { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" };

/**
 * Opens `/index.html` of `files` (URL path -> content) in a new page of `context`, every request
 * answered from `files` or aborted; `isolated` serves them cross-origin isolated. Page errors and
 * console errors are passed to `onError`.
 */
export async function openOfflinePage(
  context: BrowserContext,
  files: Record<string, Served>,
  onError: (text: string) => void,
  { isolated = false }: { isolated?: boolean } = {},
): Promise<OfflinePage> {
  const refused: string[] = [];
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    const served = url.origin === PAGE_ORIGIN ? files[url.pathname] : undefined;
    if (served === undefined) {
      refused.push(route.request().url());
      await route.abort("blockedbyclient");
      return;
    }
    const contentType = TYPES[path.extname(url.pathname)] ?? "application/octet-stream";
    const body = "text" in served ? served.text : fs.readFileSync(served.file);
    await route.fulfill({ status: 200, contentType, body, headers: isolated ? ISOLATION_HEADERS : {} });
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => onError(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") onError(`console error: ${message.text()}`);
  });
  await page.goto(`${PAGE_ORIGIN}/index.html`);
  return { page, refused };
}

/** An HTML page that runs `script` as a module script. */
export function modulePage(script: string): string {
  return `<!doctype html><meta charset="utf-8"><title>upsampling-lab</title>\n<script type="module">\n${script}\n</script>\n`;
}
