// Live exported pages (issue 12), opened from file:// in headless Chromium with every request
// outside the page's own files blocked: notebook 3 becomes live with no error output, its step
// slider moved with the keyboard redraws the running sum with the numbers the library computes
// here in Node, Play advances the stepper, a click on the explainer's output cell shows its sum
// of terms; a cell that cannot run in the page (it imports a Node module) shows its error in place,
// keeps its saved output, and the cells after it still go live; in a browser without WebAssembly
// the page runs the library's TypeScript code, says so once and computes the same numbers; a page
// whose _static/ folder is missing, or whose scripts there are truncated, or which is itself cut
// off, still shows its saved figures and says why; a Vietnamese notebook's page speaks Vietnamese;
// a teacher's solutions notebook is live too.
import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scatterSteps, tensor } from "../../src/index";
import { codeCell } from "../notebooks/notebook-format";
import { BUILD_DIR, projectNotebook, REPO_ROOT, requireProjectKernel } from "../notebooks/project";
import { launchBrowser, type Browser } from "./browser";
import { blockOutsideRequests, exportedCell, liveState, openLivePage } from "./live-page";
import { cellCentre, drawCount, heatmapTitled, heatmapValues, sliderReadout } from "./widget-page";

const run = promisify(execFile);
const OUT_DIR = path.join(BUILD_DIR, "live-pages-test");
const NOTEBOOK = path.join(REPO_ROOT, "notebooks", "03-transposed-convolution-step-by-step.ipynb");
const HTML = path.join(OUT_DIR, "03-transposed-convolution-step-by-step.html");
const THROWS = path.join(OUT_DIR, "input", "node-only-cell.ipynb");
/** A teacher's solutions notebook, Vietnamese: exported under solutions/vi/ like any notebook. */
const SOLUTIONS = path.join(REPO_ROOT, "notebooks", "solutions", "vi", "03-transposed-convolution-step-by-step.ipynb");
/** The same notebook in a `vi` folder: exported as a Vietnamese page (into OUT_DIR, as every notebook outside notebooks/). */
const THROWS_VI = path.join(OUT_DIR, "input", "vi", "node-only-cell-vi.ipynb");

/** A notebook whose second cell runs in the kernel but not in a page (it imports Node's `os`). */
function writeNodeOnlyNotebook(): void {
  fs.mkdirSync(path.dirname(THROWS), { recursive: true });
  const nb = projectNotebook([
    codeCell(
      'import { tensor } from "upsampling-lab";\nimport { display, Heatmap } from "upsampling-lab/widgets";\nawait display(new Heatmap(tensor([[1, 2], [3, 4]]), { title: "first" }));',
      "first",
    ),
    codeCell(
      'import * as os from "os";\nconsole.log(`cores: ${os.cpus().length > 0}`);\nawait display(new Heatmap(tensor([[5, 6], [7, 8]]), { title: "node only" }));',
      "node-only",
    ),
    codeCell('await display(new Heatmap(tensor([[9, 10], [11, 12]]), { title: "after" }));', "after"),
  ]);
  fs.writeFileSync(THROWS, JSON.stringify(nb, null, 1));
  fs.mkdirSync(path.dirname(THROWS_VI), { recursive: true });
  fs.writeFileSync(THROWS_VI, JSON.stringify(nb, null, 1));
}

/** The running sum after each step of X = K = [[0, 1], [2, 3]], as the library computes it in Node. */
function runningSums(): number[][] {
  const x = tensor([
    [0, 1],
    [2, 3],
  ]);
  const steps = scatterSteps(x, x).steps;
  return [Array(9).fill(0), ...steps.map((step) => Array.from(step.runningOutput.data))];
}

let browser: Browser;
let page: Page;
let failedRequests: string[];

beforeAll(async () => {
  requireProjectKernel();
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  writeNodeOnlyNotebook();
  await run(
    process.execPath,
    [path.join(REPO_ROOT, "scripts", "export.mjs"), "--out", OUT_DIR, "--no-pdf", NOTEBOOK, THROWS, THROWS_VI, SOLUTIONS],
    {
      cwd: REPO_ROOT,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 300_000,
    },
  );
  browser = await launchBrowser();
  ({ page, blocked: failedRequests } = await openLivePage(browser, HTML));
}, 360_000);

afterAll(async () => {
  await browser?.close();
});

/** Moves notebook 3's step slider from 2 to 3 with the keyboard and checks the running sum against Node's numbers. */
async function checkStepSlider(live: Page): Promise<void> {
  const sums = runningSums();
  const cell = exportedCell(live, "new Play(");
  const sum = heatmapTitled(cell, /^running sum/);
  expect(await sliderReadout(cell)).toBe("2");
  await expect.poll(() => heatmapValues(sum)).toEqual(sums[2]);
  const draws = await drawCount(sum);
  await cell.locator(".widget-slider .noUi-handle").first().focus();
  await live.keyboard.press("ArrowRight");
  await expect.poll(() => drawCount(sum), { timeout: 10_000 }).toBeGreaterThan(draws);
  expect(await sliderReadout(cell)).toBe("3");
  await expect.poll(() => heatmapValues(sum)).toEqual(sums[3]);
}

describe("notebook 3 as a live page from file://, offline", () => {
  it("becomes live with every cell run and no error output, fetching nothing outside its files", async () => {
    expect(await liveState(page)).toBe("live");
    expect(await page.locator(".ul-live-error").count()).toBe(0);
    expect(await page.locator(".ul-live-outputs .ul-heatmap").count()).toBeGreaterThan(10);
    expect(failedRequests).toEqual([]);
  });

  it("redraws the running sum with the numbers Node computes when the step slider moves with the keyboard", async () => {
    await checkStepSlider(page);
    const cell = exportedCell(page, "new Play(");
    await expect
      .poll(async () => (await cell.locator(".widget-html").first().innerText()).trim())
      .toMatch(/^Step 3 of 4: X\[1, 0\] = 2/);
  });

  it("Play advances the stepper", async () => {
    const sums = runningSums();
    const cell = exportedCell(page, "new Play(");
    await cell.locator(".widget-slider .noUi-handle").first().focus();
    await page.keyboard.press("Home");
    await expect.poll(() => sliderReadout(cell)).toBe("0");
    const playPause = cell.locator(".widget-play button").first();
    await playPause.click();
    await expect.poll(() => sliderReadout(cell), { timeout: 10_000 }).toBe("1");
    await expect.poll(() => sliderReadout(cell), { timeout: 10_000 }).toBe("2");
    await playPause.click();
    const step = Number(await sliderReadout(cell));
    await expect.poll(() => heatmapValues(heatmapTitled(cell, /^running sum/)), { timeout: 10_000 }).toEqual(sums[step]);
  });

  it("a click on the explainer's output cell shows its sum of terms", async () => {
    const cell = exportedCell(page, "explainConvTranspose(");
    const output = heatmapTitled(cell, "output y");
    await expect.poll(() => heatmapValues(output)).toEqual([0, 0, 1, 0, 4, 6, 4, 12, 9]);
    const click = async (row: number, col: number): Promise<void> => {
      await output.scrollIntoViewIfNeeded();
      const { x, y } = await cellCentre(output, row, col);
      // Plotly reports a click on the point it last hovered: move there first, as a hand would.
      await page.mouse.move(x - 10, y - 10);
      await page.mouse.move(x, y, { steps: 5 });
      await page.waitForTimeout(200);
      await page.mouse.click(x, y);
    };
    const text = (): Promise<string> => cell.locator(".widget-html").last().innerText();
    await click(2, 1);
    await expect.poll(text, { timeout: 10_000 }).toContain("6 + 6 = 12");
    await click(1, 1);
    await expect.poll(text, { timeout: 10_000 }).toContain("0 + 2 + 2 + 0 = 4");
  });
});

it("a cell that cannot run in the page shows its error in place, keeps its saved output, and the next cells go live", async () => {
  const { page: partial } = await openLivePage(browser, path.join(OUT_DIR, "node-only-cell.html"));
  try {
    expect(await liveState(partial)).toBe("partial");
    expect(await partial.locator("#upsampling-lab-status").innerText()).toMatch(
      /except cell In \[2\] \(Error: module 'os' is not available/,
    );
    const failed = exportedCell(partial, 'from "os"');
    await expect.poll(() => failed.locator(".ul-live-error").innerText()).toMatch(/failed in the page/);
    expect(await failed.locator(".jp-Cell-outputWrapper:not(.ul-live-outputs) .jp-RenderedSVG img").isVisible()).toBe(true);
    const after = exportedCell(partial, '"after"');
    await expect.poll(() => heatmapValues(heatmapTitled(after, "after"))).toEqual([9, 10, 11, 12]);
    expect(await after.locator(".jp-Cell-outputWrapper:not(.ul-live-outputs)").isVisible()).toBe(false);
  } finally {
    await partial.close();
  }
});

it("goes live from a static web server too", async () => {
  const types: Record<string, string> = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".css": "text/css",
    ".woff2": "font/woff2",
  };
  const server = http.createServer((request, response) => {
    const file = path.join(OUT_DIR, decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
    if (!file.startsWith(OUT_DIR) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const served = await browser.context.newPage();
  try {
    await served.goto(`http://127.0.0.1:${port}/${path.basename(HTML)}`, { waitUntil: "load" });
    await expect.poll(() => liveState(served), { timeout: 60_000 }).toBe("live");
    expect(await served.locator(".ul-live-outputs .ul-heatmap").count()).toBeGreaterThan(10);
  } finally {
    await served.close();
    await new Promise((resolve) => server.close(resolve));
  }
});

it("without its _static/ folder the page shows its saved figures and says the live notebook could not start", async () => {
  const lone = path.join(OUT_DIR, "alone", path.basename(HTML));
  fs.mkdirSync(path.dirname(lone), { recursive: true });
  fs.copyFileSync(HTML, lone);
  const bare = await browser.context.newPage();
  try {
    await blockOutsideRequests(bare, []);
    await bare.goto(pathToFileURL(lone).href, { waitUntil: "load" });
    await expect.poll(() => liveState(bare)).toBe("failed");
    expect(await bare.locator("#upsampling-lab-status").innerText()).toMatch(/could not start.*saved outputs/);
    const saved = fs.readFileSync(HTML, "utf8").match(/class="jp-RenderedSVG /g)?.length ?? 0;
    expect(saved).toBeGreaterThan(3);
    expect(await bare.locator(".jp-RenderedSVG svg, .jp-RenderedSVG img").count()).toBe(saved);
  } finally {
    await bare.close();
  }
});

it("in a browser without WebAssembly the page runs the library's TypeScript code, says so once, and computes the same numbers", async () => {
  // V8 without a JIT has no WebAssembly at all (as in browsers' locked-down modes): the library's
  // own detection (src/wasm/kernels.ts) finds no SIMD kernels and every operation takes its TypeScript path.
  const plain = await launchBrowser({ args: ["--js-flags=--jitless"] });
  try {
    const { page: live } = await openLivePage(plain, HTML, 120_000);
    expect(await live.evaluate("typeof WebAssembly")).toBe("undefined");
    expect(await liveState(live)).toBe("live");
    expect(await live.locator(".ul-live-error").count()).toBe(0);
    expect(await live.locator("#upsampling-lab-status").innerText()).toMatch(
      /^Live: every cell ran in this page .* Note: this browser runs no WebAssembly, so the library runs its TypeScript code/,
    );
    expect((await live.locator("body").innerText()).split("runs no WebAssembly").length - 1).toBe(1);
    await checkStepSlider(live);
  } finally {
    await plain.close();
  }
}, 180_000);

describe.each(["live-page.js", "live-runtime.js"])("with a truncated _static/%s", (script) => {
  it("the page shows its saved figures and says the live notebook could not start", async () => {
    const dir = path.join(OUT_DIR, `truncated-${script}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(HTML, path.join(dir, path.basename(HTML)));
    fs.cpSync(path.join(OUT_DIR, "_static"), path.join(dir, "_static"), { recursive: true });
    const file = path.join(dir, "_static", script);
    const whole = fs.readFileSync(file);
    fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));
    const { page: broken } = await openLivePage(browser, path.join(dir, path.basename(HTML)));
    try {
      expect(await liveState(broken)).toBe("failed");
      expect(await broken.locator("#upsampling-lab-status").innerText()).toMatch(
        /^The live notebook could not start: .*(missing, incomplete or damaged|missing or damaged)\. The page shows its saved outputs\.$/,
      );
      const saved = fs.readFileSync(HTML, "utf8").match(/class="jp-RenderedSVG /g)?.length ?? 0;
      expect(saved).toBeGreaterThan(3);
      expect(await broken.locator(".jp-Cell-outputWrapper:not(.ul-live-outputs) .jp-RenderedSVG img:visible").count()).toBe(
        saved,
      );
      expect(await broken.locator(".ul-live-outputs:visible").count()).toBe(0);
    } finally {
      await broken.close();
    }
  });
});

it("a page cut off before its end shows the saved outputs it holds and says it is incomplete", async () => {
  const html = fs.readFileSync(HTML, "utf8");
  // Cut in the middle of the saved outputs (two saved figures kept), far before the live scripts at the end.
  const figures = [...html.matchAll(/class="jp-RenderedSVG /g)].map((match) => match.index);
  expect(figures.length).toBeGreaterThan(3);
  const cut = html.slice(0, figures[2]);
  const file = path.join(OUT_DIR, "cut-off.html");
  fs.writeFileSync(file, cut);
  const { page: cutOff } = await openLivePage(browser, file);
  try {
    expect(await liveState(cutOff)).toBe("failed");
    expect(await cutOff.locator("#upsampling-lab-status").innerText()).toMatch(
      /^The live notebook could not start: this page is incomplete .* The page shows the saved outputs it holds\.$/,
    );
    expect(await cutOff.locator(".jp-RenderedSVG svg:visible, .jp-RenderedSVG img:visible").count()).toBe(2);
  } finally {
    await cutOff.close();
  }
});

it("a Vietnamese notebook's page says in Vietnamese which cell could not run live", async () => {
  const { page: vi } = await openLivePage(browser, path.join(OUT_DIR, "node-only-cell-vi.html"));
  try {
    expect(await vi.evaluate("document.documentElement.lang")).toBe("vi");
    expect(await liveState(vi)).toBe("partial");
    expect(await vi.locator("#upsampling-lab-status").innerText()).toMatch(
      /^Đang hoạt động, trừ ô In \[2\] \(Error: module 'os' is not available.*\): ô đó giữ kết quả đã lưu\.$/,
    );
    await expect
      .poll(() => exportedCell(vi, 'from "os"').locator(".ul-live-error").innerText())
      .toMatch(/Ô này bị lỗi khi chạy trong trang; kết quả đã lưu được hiển thị ở trên/);
  } finally {
    await vi.close();
  }
});

it("a teacher's solutions notebook becomes a live page too, its checks passing in the page, in its language", async () => {
  const html = path.join(OUT_DIR, "solutions", "vi", path.basename(SOLUTIONS).replace(/\.ipynb$/, ".html"));
  const { page: solutions, blocked } = await openLivePage(browser, html);
  try {
    expect(await liveState(solutions)).toBe("live");
    expect(await solutions.locator("#upsampling-lab-status").innerText()).toMatch(
      /^Đang hoạt động: mọi ô đã chạy trong trang này/,
    );
    expect(await solutions.locator(".ul-live-error").count()).toBe(0);
    const live = await solutions.locator(".ul-live-outputs").allInnerTexts();
    expect(live.join("\n")).toMatch(/Bài tập: đúng 3 trên 3/);
    expect(live.join("\n")).not.toMatch(/Chưa đúng/);
    expect(blocked).toEqual([]);
  } finally {
    await solutions.close();
  }
});
