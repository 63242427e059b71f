/**
 * Opening live exported pages (issue 12) in Chromium: every request outside the page's own files
 * (file:, data:, blob:) is blocked and recorded; a page is ready when its status says it is live
 * (or why not).
 */
import { pathToFileURL } from "node:url";
import type { Locator, Page } from "playwright-core";
import type { Browser } from "./browser";

/** States a live page ends in (widgets/page/status.ts). */
export const FINAL_LIVE_STATES = ["live", "partial", "failed"];

/** Aborts every request of `page` outside its own files, recording each URL in `blocked`. */
export async function blockOutsideRequests(page: Page, blocked: string[]): Promise<void> {
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    blocked.push(url);
    return route.abort("internetdisconnected");
  });
}

/** The page's live state (widgets/page/status.ts): `running`, `live`, `partial` or `failed`. */
export async function liveState(page: Page): Promise<string | undefined> {
  return (await page.evaluate("document.documentElement.dataset.liveState")) as string | undefined;
}

/** Opens the exported page `html` offline and waits until it is live (or says why not). */
export async function openLivePage(
  browser: Browser,
  html: string,
  timeout = 60_000,
): Promise<{ page: Page; blocked: string[]; ms: number }> {
  const page = await browser.context.newPage();
  const blocked: string[] = [];
  await blockOutsideRequests(page, blocked);
  const started = Date.now();
  await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
  await page.waitForFunction(
    `${JSON.stringify(FINAL_LIVE_STATES)}.includes(document.documentElement.dataset.liveState || "")`,
    undefined,
    { timeout },
  );
  return { page, blocked, ms: Date.now() - started };
}

/** The code cell of an exported page whose source contains `text`. */
export function exportedCell(page: Page, text: string): Locator {
  return page.locator(".jp-CodeCell").filter({ has: page.locator(".jp-InputArea", { hasText: text }) });
}
