/**
 * A returning visit of the JupyterLite kernel (kernel/lite/worker/engine.ts, in Node): the cells an
 * earlier visit compiled run from the compile cache, with the same outputs, before the compiler is
 * built; anything else still goes through the compiler.
 */
import { describe, expect, it, vi } from "vitest";
import type { WorkerToMain } from "../../kernel/lite/protocol";
import { declarationFiles, KernelHarness, MemoryCompileCache } from "./lite-kernel";

const CELLS = [
  'import { tensor, convTranspose2d } from "upsampling-lab";\nconst x = tensor([[0, 1], [2, 3]]);',
  "const y = convTranspose2d(x, x);\ny",
  "const s: string = y.shape[0];",
  "y.shape[0] * 10 + y.shape[1]",
];

/** What a cell showed: its result's text/plain, or its error's name and value. */
function shown(run: Awaited<ReturnType<KernelHarness["execute"]>>): string {
  const result = run.outputs.find((o) => o.msgType === "execute_result");
  if (result !== undefined) return String((result.content.data as Record<string, string>)["text/plain"]);
  const error = run.outputs.find((o) => o.msgType === "error");
  return error === undefined ? "" : `${String(error.content.ename)}: ${String(error.content.evalue)}`;
}

/** A kernel over `cache`, started as the plugin starts it. */
async function startedKernel(cache: MemoryCompileCache): Promise<KernelHarness> {
  const kernel = new KernelHarness(await declarationFiles(), cache);
  kernel.send({ type: "init", siteBaseUrl: "http://127.0.0.1:9/", notebookPath: "" });
  await kernel.waitFor((m): m is Extract<WorkerToMain, { type: "ready" }> => m.type === "ready");
  return kernel;
}

/** Runs the cells one by one (a type error does not stop the next, as when run one at a time). */
async function runAll(kernel: KernelHarness, cells: string[]): Promise<string[]> {
  const shownTexts: string[] = [];
  for (const code of cells) shownTexts.push(shown(await kernel.execute(code)));
  return shownTexts;
}

describe("JupyterLite kernel on a returning visit", { timeout: 120_000 }, () => {
  it("runs the cells it compiled before from the cache, as before, and builds its compiler once idle", async () => {
    const cache = new MemoryCompileCache();
    const first = await startedKernel(cache);
    const firstShown = await runAll(first, CELLS);
    expect(firstShown[1]).toContain("[[ 0  0  1]\n [ 0  4  6]\n [ 4 12  9]]");
    expect(firstShown[2]).toContain("TypeScriptError: 1:7 - Type 'number' is not assignable to type 'string'");
    expect(firstShown[3]).toBe("33");
    // Stored while the next cells run (a put is not awaited).
    await vi.waitFor(() => expect(cache.entries.size).toBe(CELLS.length));
    expect(cache.hits).toBe(0);

    const later = await startedKernel(cache);
    expect(await runAll(later, CELLS)).toEqual(firstShown);
    expect(cache.hits).toBe(CELLS.length);
    expect(later.kernel.compilerBuilt).toBe(false);
    await vi.waitFor(() => expect(later.kernel.compilerBuilt).toBe(true), { timeout: 60_000, interval: 100 });
    expect(shown(await later.execute("y.shape[1] + 1"))).toBe("4");
  });

  it("compiles a cell not seen before, or seen after other cells, and completes before any cell ran", async () => {
    const cache = new MemoryCompileCache();
    await runAll(await startedKernel(cache), CELLS);
    await vi.waitFor(() => expect(cache.entries.size).toBe(CELLS.length));
    const later = await startedKernel(cache);
    const completion = await later.request({ type: "complete", msgId: "c1", code: "Math.ma", cursorPos: 7 });
    expect(completion.matches).toContain("max");
    // The cell ran first before; here it comes after `x` is declared, so its inputs differ.
    expect(shown(await later.execute(CELLS[0]))).toBe("");
    expect(shown(await later.execute("x.shape[0] + 40"))).toBe("42");
    expect(shown(await later.execute(CELLS[3]))).toContain("Cannot find name 'y'");
  });

  it("builds its compiler after a few idle seconds from its start when no cell runs", async () => {
    const cache = new MemoryCompileCache();
    await runAll(await startedKernel(cache), CELLS.slice(0, 1));
    await vi.waitFor(() => expect(cache.entries.size).toBe(1));
    const later = await startedKernel(cache);
    expect(later.kernel.compilerBuilt).toBe(false);
    await vi.waitFor(() => expect(later.kernel.compilerBuilt).toBe(true), { timeout: 60_000, interval: 100 });
    const inspection = await later.request({ type: "inspect", msgId: "i1", code: "Math.max", cursorPos: 7, detailLevel: 0 });
    expect(inspection.found).toBe(true);
  });
});
