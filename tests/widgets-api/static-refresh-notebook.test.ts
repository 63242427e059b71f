/**
 * Static figures follow state, end to end: a generated notebook whose cells change widgets after
 * displaying them runs on the project kernel through nbclient (a real Jupyter client), and the
 * saved notebook shows each widget's final state in its static figure and text; then nbconvert
 * (the project's template, no widget state) turns it into HTML that shows those final figures
 * with every script removed.
 * Needs the project venv and kernel (`npm run setup`) and `npm run build`.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type Browser } from "../browser/browser";
import { FIGURE_REPORT_SCRIPT, type FigureReport } from "../notebooks/figure-check";
import { codeCell, joinText, type Notebook, type NotebookOutput } from "../notebooks/notebook-format";
import { BUILD_DIR, projectNotebook, REPO_ROOT, requireProjectKernel, venvExecutable } from "../notebooks/project";
import { describeFailure, executeNotebook } from "../notebooks/run-notebook";

const run = promisify(execFile);
const DIR = path.join(BUILD_DIR, "static-refresh");
const INPUT = path.join(DIR, "input", "static-refresh.ipynb");

const CHAIN = "stride 2:  (1, 1, 4, 4)  ->  (1, 1, 8, 8)";

function notebook(): Notebook {
  return projectNotebook([
    codeCell(
      'import { Heatmap, HTML, IntProgress, Output, VBox, display } from "upsampling-lab/widgets";\nimport { tensor } from "upsampling-lab";\nconst pause = (ms: number) => new Promise((r) => setTimeout(r, ms));',
      "imports",
    ),
    codeCell(
      'const bar = new IntProgress({ max: 16, description: "steps" });\nawait display(bar);\nfor (let i = 1; i <= 16; i++) {\n  bar.value = i;\n  await pause(5);\n}',
      "progress",
    ),
    codeCell(
      'const h = new Heatmap(tensor([[1, 2], [3, 4]]), { title: "first state" });\nawait display(h);\nawait pause(20);\nh.values = tensor([[101, 102], [103, 104]]);\nh.set({ title: "final state" });',
      "heatmap",
    ),
    codeCell(
      'const out = new Output();\nawait display(new VBox([new HTML({ value: "<b>captured:</b>" }), out]));\nawait out.capture(async () => {\n' +
        `  console.log(${JSON.stringify(CHAIN)});\n  await display(tensor([[201, 202], [203, 204]]));\n});`,
      "output",
    ),
    codeCell(
      'const later = new Heatmap(tensor([[1, 1]]), { title: "shown here, changed below" });\nawait display(later);',
      "earlier",
    ),
    codeCell("{\n  later.values = tensor([[401, 402]]);\n}", "later"),
  ]);
}

/** The text of every `<text>` of an SVG, no-break spaces read as spaces. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]
      .replace(/\u00a0/g, " ")
      .replace(/&gt;/g, ">")
      .replace(/&lt;/g, "<")
      .replace(/&amp;/g, "&"),
  );
}

function outputsOf(nb: Notebook, id: string): NotebookOutput[] {
  const cell = nb.cells.find((c) => c.id === id);
  if (cell === undefined) throw new Error(`no cell ${id}`);
  return cell.outputs ?? [];
}

/** The one display output of a cell (a cell that displays one widget must hold exactly one). */
function onlyDisplay(nb: Notebook, id: string): Record<string, unknown> {
  const outputs = outputsOf(nb, id).filter((o) => o.output_type !== "stream");
  expect(
    outputs.map((o) => o.output_type),
    `outputs of cell ${id}`,
  ).toEqual(["display_data"]);
  return outputs[0].data ?? {};
}

const FINAL_TEXTS: Record<string, string[]> = {
  heatmap: ["101", "102", "103", "104", "final state"],
  output: ["captured:", CHAIN, "201", "202", "203", "204"],
};

describe("static figures of widgets changed after display, through nbclient and nbconvert", { timeout: 300_000 }, () => {
  let browser: Browser | undefined;

  beforeAll(() => {
    requireProjectKernel();
    fs.rmSync(DIR, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(INPUT), { recursive: true });
    fs.writeFileSync(INPUT, JSON.stringify(notebook(), null, 1) + "\n");
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("the saved notebook shows the final progress value, heatmap values and captured output of each cell, one output per display", async () => {
    const { report, notebook: nb } = await executeNotebook(INPUT, path.join(DIR, "executed", "static-refresh.ipynb"));
    expect(report.ok, describeFailure("static-refresh.ipynb", report)).toBe(true);

    const progress = onlyDisplay(nb, "progress");
    expect(joinText(progress["text/plain"] as string | string[])).toContain("value=16");
    expect(progress["application/vnd.jupyter.widget-view+json"]).toBeDefined();

    for (const [id, texts] of Object.entries(FINAL_TEXTS)) {
      const data = onlyDisplay(nb, id);
      const shown = svgTexts(joinText(data["image/svg+xml"] as string | string[]));
      for (const t of texts) expect(shown, `cell ${id}`).toContain(t);
      expect(String(data["image/png"])).toMatch(/^iVBOR/);
      expect(data["application/vnd.jupyter.widget-view+json"]).toBeDefined();
    }
    expect(svgTexts(joinText(onlyDisplay(nb, "heatmap")["image/svg+xml"] as string | string[]))).not.toContain("first state");
    // An output keeps the state its own cell left it in: a later cell's change is not applied to
    // it (JupyterLab would re-create the earlier view), and the later cell shows nothing new.
    const earlier = svgTexts(joinText(onlyDisplay(nb, "earlier")["image/svg+xml"] as string | string[]));
    expect(earlier).toContain("shown here, changed below");
    expect(earlier).not.toContain("401");
    expect(outputsOf(nb, "later")).toEqual([]);
  });

  it("the HTML export shows the final figures with every script removed", async () => {
    // The export pipeline: execute, drop the saved widget state (so every widget output falls back
    // to its static figure), convert with the project's template. Executed with widget state on:
    // nbclient 0.11 with store_widget_state=False raises KeyError when an Output widget captures
    // output during a cell (its OutputWidget writes to a widget_state entry it never made).
    const executed = path.join(DIR, "executed", "static-refresh.ipynb");
    if (!fs.existsSync(executed)) await executeNotebook(INPUT, executed);
    const nb = JSON.parse(fs.readFileSync(executed, "utf8")) as Notebook;
    delete nb.metadata.widgets;
    const outDir = path.join(DIR, "export");
    fs.mkdirSync(outDir, { recursive: true });
    const stateless = path.join(outDir, "static-refresh.ipynb");
    fs.writeFileSync(stateless, JSON.stringify(nb));
    await run(
      venvExecutable("jupyter"),
      [
        "nbconvert",
        "--to",
        "html",
        `--TemplateExporter.extra_template_basedirs=${path.join(REPO_ROOT, "scripts", "nbconvert")}`,
        "--template",
        "upsampling-lab",
        "--output-dir",
        outDir,
        stateless,
      ],
      { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
    );
    const html = fs.readFileSync(path.join(outDir, "static-refresh.html"), "utf8");
    expect(html).not.toContain("application/vnd.jupyter.widget-state+json");
    const withoutScripts = html.replace(/<script\b[\s\S]*?<\/script>/gi, "");
    expect(withoutScripts).not.toMatch(/<script/i);
    expect(html).toContain("value=16");

    browser = await launchBrowser();
    const page = await browser.context.newPage();
    await page.context().setOffline(true);
    await page.route("**/*", (route) =>
      route.request().url().startsWith("file:") ? route.continue() : route.abort("internetdisconnected"),
    );
    const file = path.join(outDir, "static-refresh.noscript.html");
    fs.writeFileSync(file, withoutScripts);
    await page.goto(`file://${file}`, { waitUntil: "load" });
    // nbconvert shows each SVG as an <img> with a data URL: read the figures back from the page.
    const svgs = (await page.evaluate(
      "Array.from(document.querySelectorAll('.jp-OutputArea-output img')).map((img) => img.src).filter((src) => src.startsWith('data:image/svg+xml;base64,')).map((src) => atob(src.slice(26)))",
    )) as string[];
    const texts = svgs.map((svg) => Buffer.from(svg, "latin1").toString("utf8")).flatMap(svgTexts);
    for (const t of Object.values(FINAL_TEXTS).flat()) expect(texts).toContain(t);
    expect(texts).not.toContain("first state");
    // The shape chain keeps its columns in the browser: drawn, each of its characters (spaces
    // included) is as wide as one of a line without runs of spaces.
    const chainSvg = svgs.map((svg) => Buffer.from(svg, "latin1").toString("utf8")).find((svg) => svgTexts(svg).includes(CHAIN));
    expect(chainSvg).toBeDefined();
    await page.setContent(`<!doctype html><body>${chainSvg}</body>`);
    const widths = (await page.evaluate(
      `(() => { const ts = Array.from(document.querySelectorAll('svg text')); const chain = ts.find((t) => t.textContent.replace(/\\u00a0/g, ' ') === ${JSON.stringify(CHAIN)}); const x = ts.find((t) => t.textContent === 'captured:'); return chain && x ? [chain.getComputedTextLength() / chain.textContent.length, x.getComputedTextLength() / x.textContent.length] : null; })()`,
    )) as [number, number] | null;
    expect(widths).not.toBeNull();
    expect(Math.abs(widths![0] - widths![1])).toBeLessThan(0.05 * widths![1]);
    await page.goto(`file://${file}`, { waitUntil: "load" });
    const figures = (await page.evaluate(FIGURE_REPORT_SCRIPT)) as FigureReport[];
    expect(figures.length).toBeGreaterThanOrEqual(3);
    for (const f of figures) expect(f.inked, JSON.stringify(f)).toBeGreaterThan(0.005);
  });
});
