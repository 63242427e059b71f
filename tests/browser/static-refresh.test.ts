// Static figures follow state, seen from JupyterLab: at the end of a cell the kernel sends
// update_display_data for widget outputs whose static figure or text changed (so saved and
// exported notebooks show the final state). JupyterLab's OutputArea hands such an update to the
// existing WidgetRenderer, which renders the same model again: a new view replaces the old one.
// This test runs cells that change widgets after displaying them and checks that each output
// still shows exactly one live view, with the final state, never showing "Loading widget..." in
// a painted frame, and that the new view is interactive; and that the notebook JupyterLab saves
// carries each cell's final static figures under the same model ids, while a later cell's change
// to an earlier widget re-renders nothing. The replaced heatmap views (still subscribed to their
// models) draw nothing more and hold no plot once a change reached them.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { codeCell, joinText, type Notebook } from "../notebooks/notebook-format";
import { BUILD_DIR, projectNotebook, requireProjectKernel } from "../notebooks/project";
import { launchBrowser, type Browser } from "./browser";
import { startJupyterServer, type JupyterServer } from "./jupyter-server";
import { openNotebook, outputProblems, runAll, screenshotNotebook } from "./lab-page";
import { cellContaining, heatmapTitled, heatmapValues, sliderReadout } from "./widget-page";

const ROOT = path.join(BUILD_DIR, "static-refresh-browser");
const NOTEBOOK = "static-refresh.ipynb";

function notebook(): Notebook {
  return projectNotebook([
    codeCell(
      'import { Heatmap, IntProgress, IntSlider, Output, VBox, display } from "upsampling-lab/widgets";\nimport { tensor } from "upsampling-lab";\n' +
        "const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));",
      "imports",
    ),
    codeCell(
      '// progress cell\nconst bar = new IntProgress({ max: 16, description: "steps" });\nawait display(bar);\nfor (let i = 1; i <= 16; i++) {\n  bar.value = i;\n  await pause(20);\n}',
      "progress",
    ),
    codeCell(
      '// heatmap cell\nconst h = new Heatmap(tensor([[1, 2], [3, 4]]), { title: "refreshed map" });\nawait display(h);\nawait pause(300);\n{\n  h.values = tensor([[5, 6], [7, 8]]);\n}',
      "heatmap",
    ),
    codeCell(
      '// box cell\nconst k = new IntSlider({ value: 1, min: 0, max: 9, description: "k" });\nconst follower = new Heatmap(tensor([[1]]), { title: "follows k" });\n' +
        'k.observe("value", ({ new: v }) => {\n  follower.values = tensor([[Number(v)]]);\n});\nawait display(new VBox([k, follower]));\nawait pause(300);\nk.set({ value: 2 });',
      "box",
    ),
    codeCell(
      '// output cell\nconst out = new Output();\nawait display(out);\nawait pause(300);\nawait out.capture(async () => {\n  console.log("captured line");\n});',
      "output",
    ),
    codeCell('// later cell\nh.set({ title: "retitled later" });\nconsole.log("ids", bar.modelId, h.modelId);', "ids"),
  ]);
}

// The in-page monitor (a string: the project compiles without the DOM library). It counts every
// widget view element ever attached (heatmap elements are kept in window.ulHeatmapEls), and
// animation frames in which any output shows "Loading widget".
const MONITOR = `(() => {
  const state = { frames: 0, loadingFrames: 0, views: { progress: 0, heatmap: 0, slider: 0, output: 0 } };
  window.ulRefreshMonitor = state;
  window.ulHeatmapEls = [];
  const seen = new WeakSet();
  const selectors = { progress: ".widget-hprogress", heatmap: ".ul-heatmap", slider: ".widget-slider", output: ".widget-output" };
  const count = () => {
    for (const [key, selector] of Object.entries(selectors)) {
      for (const el of document.querySelectorAll(selector)) {
        if (!seen.has(el)) { seen.add(el); state.views[key]++; if (key === "heatmap") window.ulHeatmapEls.push(el); }
      }
    }
  };
  new MutationObserver(count).observe(document.body, { childList: true, subtree: true });
  const frame = () => {
    state.frames++;
    for (const o of document.querySelectorAll(".jp-OutputArea-output")) {
      if ((o.textContent || "").includes("Loading widget")) { state.loadingFrames++; break; }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

interface MonitorState {
  frames: number;
  loadingFrames: number;
  views: { progress: number; heatmap: number; slider: number; output: number };
}

async function monitor(page: Page): Promise<MonitorState> {
  return (await page.evaluate("window.ulRefreshMonitor")) as MonitorState;
}

/** Every heatmap view element that left the page: its draw count and whether it still holds a plot. */
async function replacedHeatmaps(page: Page): Promise<{ draws: string; plot: boolean }[]> {
  return (await page.evaluate(
    `window.ulHeatmapEls.filter((e) => !e.isConnected).map((e) => ({ draws: e.dataset.drawCount || "", plot: e.querySelector(".main-svg") !== null }))`,
  )) as { draws: string; plot: boolean }[];
}

/** The text of every `<text>` of an SVG, no-break spaces read as spaces. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/\u00a0/g, " "));
}

let server: JupyterServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  requireProjectKernel();
  fs.rmSync(ROOT, { recursive: true, force: true });
  fs.mkdirSync(ROOT, { recursive: true });
  fs.writeFileSync(path.join(ROOT, NOTEBOOK), JSON.stringify(notebook(), null, 1) + "\n");
  browser = await launchBrowser();
  server = await startJupyterServer(ROOT);
  page = await browser.context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("widget outputs refreshed at the end of a cell, in JupyterLab", () => {
  it(
    "keep one live, interactive view each, never flash 'Loading widget...', and are saved with their final static figures",
    { timeout: 300_000 },
    async () => {
      onTestFailed(() => console.error(`JupyterLab's log (last 3000 characters):\n${server.log().slice(-3000)}`));
      await openNotebook(page, server, NOTEBOOK);
      await page.evaluate(MONITOR);
      await runAll(page);
      await screenshotNotebook(page, "static-refresh");
      expect(await outputProblems(page)).toEqual([]);

      // The refresh reached JupyterLab: the progress bar's output was rendered again (a second view).
      const seen = await monitor(page);
      expect(seen.frames).toBeGreaterThan(10);
      expect(seen.views.progress, "progress views ever attached").toBeGreaterThanOrEqual(2);
      // Two heatmap outputs, each rendered again once at the end of its own cell. The later cell
      // that retitles the first heatmap sends no update for that earlier output (JupyterLab would
      // apply it and render the output a third time); its live view follows the model all the same.
      expect(seen.views.heatmap, "heatmap views ever attached").toBe(4);
      expect(seen.loadingFrames, "frames painted with 'Loading widget...'").toBe(0);

      // One view per output, showing the final state.
      const progress = await cellContaining(page, "// progress cell");
      expect(await progress.locator(".jp-OutputArea-output").count()).toBe(1);
      expect(await progress.locator(".widget-hprogress").count()).toBe(1);
      const heatmapCell = await cellContaining(page, "// heatmap cell");
      expect(await heatmapCell.locator(".jp-OutputArea-output").count()).toBe(1);
      await expect.poll(() => heatmapCell.locator(".ul-heatmap").count()).toBe(1);
      await expect.poll(() => heatmapValues(heatmapCell.locator(".ul-heatmap"))).toEqual([5, 6, 7, 8]);
      await expect.poll(() => heatmapTitled(heatmapCell, "retitled later").count()).toBe(1);
      const outputCell = await cellContaining(page, "// output cell");
      expect(await outputCell.locator(".widget-output").count()).toBe(1);
      expect((await outputCell.locator(".widget-output").innerText()).match(/captured line/g)).toHaveLength(1);
      expect(await page.locator(".jp-OutputArea-output", { hasText: "Loading widget" }).count()).toBe(0);

      // The box's new view is live: a key press on its slider reaches the kernel, whose observer
      // gives the heatmap new values, drawn in the one heatmap on screen.
      const box = await cellContaining(page, "// box cell");
      expect(await box.locator(".widget-slider").count()).toBe(1);
      expect(await box.locator(".ul-heatmap").count()).toBe(1);
      expect(await sliderReadout(box)).toBe("2");
      await expect.poll(() => heatmapValues(box.locator(".ul-heatmap"))).toEqual([2]);
      const replacedBefore = await replacedHeatmaps(page);
      expect(replacedBefore, "heatmap views replaced by the refresh").toHaveLength(2);
      await box.locator(".widget-slider .noUi-handle").first().focus();
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => sliderReadout(box)).toBe("3");
      await expect.poll(() => heatmapValues(box.locator(".ul-heatmap")), { timeout: 15_000 }).toEqual([3]);
      expect(await box.locator(".ul-heatmap").count()).toBe(1);
      // Only the live view drew the new value; the replaced views (both got a change since they left
      // the page: the retitle, the slider press) drew nothing and released their plots.
      await page.waitForTimeout(300);
      const replacedAfter = await replacedHeatmaps(page);
      expect(replacedAfter.map((v) => v.draws)).toEqual(replacedBefore.map((v) => v.draws));
      expect(replacedAfter.map((v) => v.plot)).toEqual([false, false]);

      // What JupyterLab saves: the final static figures and text, under the models first displayed.
      await page.evaluate("window.jupyterapp.commands.execute('docmanager:save')");
      await page.waitForTimeout(500);
      const saved = JSON.parse(fs.readFileSync(path.join(ROOT, NOTEBOOK), "utf8")) as Notebook;
      const outputsOf = (id: string) => saved.cells.find((c) => c.id === id)?.outputs ?? [];
      const idsText = joinText(outputsOf("ids")[0]?.text);
      const [, barId, heatmapId] = /ids (\w+) (\w+)/.exec(idsText) ?? [];
      const [barOut] = outputsOf("progress");
      expect(outputsOf("progress")).toHaveLength(1);
      expect(joinText(barOut.data?.["text/plain"] as string | string[])).toContain("value=16");
      expect((barOut.data?.["application/vnd.jupyter.widget-view+json"] as { model_id: string }).model_id).toBe(barId);
      const [mapOut] = outputsOf("heatmap");
      expect(outputsOf("heatmap")).toHaveLength(1);
      expect((mapOut.data?.["application/vnd.jupyter.widget-view+json"] as { model_id: string }).model_id).toBe(heatmapId);
      const mapTexts = svgTexts(joinText(mapOut.data?.["image/svg+xml"] as string | string[]));
      for (const v of ["5", "6", "7", "8", "refreshed map"]) expect(mapTexts).toContain(v);
      const outputTexts = svgTexts(joinText(outputsOf("output")[0]?.data?.["image/svg+xml"] as string | string[]));
      expect(outputTexts).toContain("captured line");
    },
  );
});
