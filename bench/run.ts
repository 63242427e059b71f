/**
 * `npm run bench`: issue 7's workloads on the library and, in the same run, on tfjs-core (CPU and
 * WebAssembly backends) and onnxruntime-node (1 and 2 intra-op threads). Each result is checked
 * against the library's reference before it is timed. Prints a table and writes
 * bench/results/latest.json and latest.md (the README's table: `node dist/bench/update-readme.js`).
 *
 * Each workload runs in its own fresh Node process, one after another: V8's garbage collections
 * cost more the larger the heap earlier workloads' peers (tfjs, onnxruntime) left behind, which
 * made a workload's times depend on what ran before it. That process is this script again:
 *
 *   node dist/bench/run.js [--only W2,W3,interactive,browser,live-pages,lite] [--runs 15] [--browser]
 *
 * `--browser` also runs the workloads on the browser bundle in headless Chromium, beside tfjs-wasm
 * in the same page, and prints that table beside the Node one (bench/browser/).
 *   node dist/bench/run.js --workload W5 --result-file PATH [--runs 15]   (one workload, result as JSON)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { browserLatency } from "./browserLatency";
import { freshOutputCall, timeFreshOutputs } from "./fresh-output";
import { ownFaultsPerCall } from "./page-faults";
import { runBrowserBench } from "./browser/browser-bench";
import { browserRows, browserTable } from "./browser/browser-table";
import { interactiveCase } from "./interactive";
import { useTfBackend } from "./peers/tfjs";
import { markdownTables, type BenchReport, type ImplResult, type WorkloadResult } from "./report";
import { allocatedBytes, countedAllocationBytes, timeMedian } from "./timing";
import { hasHugePagesTunable, withHugePagesTunable } from "../kernel/src/huge-pages";
import { enableRelaxedSimd } from "../kernel/src/relaxed-simd";
import { wasmKernels, wasmKernelVariant } from "../src/internals";
import { workloads, type Impl, type Workload } from "./workloads";
import { freshOutputs } from "./workload-specs";
import { livePagesBench } from "./livePages";
import { liteBench } from "./lite";

const root = resolve(__dirname, "..", "..");

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A thrown value as text. */
function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** max |a - b| / max(1, max |b|) */
function relativeError(actual: Float32Array, expected: Float32Array): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let scale = 1;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    const d = Math.abs(actual[i] - expected[i]);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Number.POSITIVE_INFINITY : d;
  }
  return worst / scale;
}

/** Sampling time aimed at per implementation, and the most samples taken for it. */
const SAMPLING_MS = 1000;
const MAX_SAMPLES = 200;

async function measure(w: Workload, impl: Impl, reference: Float32Array, runs: number): Promise<ImplResult> {
  try {
    if (impl.tfBackend) await useTfBackend(impl.tfBackend);
    const unsupported = impl.unsupported?.();
    if (unsupported !== undefined) return { impl: impl.name, status: "unsupported", message: unsupported };
    const maxError = relativeError(await impl.check(await impl.run()), reference);
    if (!(maxError <= 1e-4)) return { impl: impl.name, status: "wrong", maxError };
    const once = performance.now();
    await impl.run();
    const onceMs = performance.now() - once;
    const slow = onceMs > 100;
    // At least `runs` samples and about a second of them (up to 200): calls that allocate large
    // outputs pay for garbage collections every few calls, which a few samples land on unevenly.
    const samples = w.micro ? runs : Math.max(runs, Math.min(MAX_SAMPLES, Math.ceil(SAMPLING_MS / Math.max(onceMs, 0.01))));
    const t = await timeMedian(impl.run, {
      runs: samples,
      warmup: slow ? 1 : 3,
      minSampleMs: w.micro ? 5 : 0,
      warmupMs: w.micro ? 300 : 0,
    });
    const allocBytes = await allocatedBytes(impl.run);
    const allocTotalBytes = await countedAllocationBytes(impl.run);
    return {
      impl: impl.name,
      status: "ok",
      maxError,
      medianMs: t.medianMs,
      minMs: t.minMs,
      samples: t.samples,
      callsPerSample: t.callsPerSample,
      gflops: w.flops === undefined ? undefined : w.flops / (t.medianMs * 1e6),
      allocBytes,
      allocTotalBytes,
    };
  } catch (error) {
    return { impl: impl.name, status: "error", message: errorMessage(error) };
  } finally {
    await impl.release?.();
  }
}

/**
 * The kernel engineer's benchmark, if there is one: bench/kernel*.{mjs,cjs,js} or
 * bench/kernel*\/run.{mjs,cjs,js}, else bench/kernel*.ts (or kernel*\/run.ts) compiled to dist/bench.
 */
function findKernelBench(): string | undefined {
  const candidates = (dir: string, ext: RegExp): string[] => {
    if (!existsSync(dir)) return [];
    const found: string[] = [];
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.name.startsWith("kernel")) continue;
      if (entry.isFile() && ext.test(entry.name)) found.push(join(dir, entry.name));
      if (entry.isDirectory()) {
        for (const f of readdirSync(join(dir, entry.name)).sort())
          if (/^run\./.test(f) && ext.test(f)) found.push(join(dir, entry.name, f));
      }
    }
    return found;
  };
  const [script] = [...candidates(join(root, "bench"), /\.(mjs|cjs|js)$/), ...candidates(join(root, "dist", "bench"), /\.js$/)];
  return script === undefined ? undefined : relative(root, script);
}

function runKernelBench(): BenchReport["kernelBench"] {
  const script = findKernelBench();
  if (script === undefined) return { note: "no bench/kernel* benchmark yet (the kernel engineer provides it)" };
  const command = `node ${script}`;
  console.log(`\n== kernel benchmark: ${command}`);
  const r = spawnSync(process.execPath, [join(root, script)], { cwd: root, encoding: "utf8", timeout: 1_800_000 });
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  console.log(output);
  return { command, status: r.status, output };
}

/** What one workload's process hands back to the parent (as JSON in its --result-file). */
interface WorkloadOutcome {
  workload: WorkloadResult;
  /** That process's WebAssembly arena at its end (undefined without WebAssembly). */
  wasmArenaBytes?: number;
}

/** A workload's row before any implementation is measured. */
function workloadRow(w: Workload): WorkloadResult {
  return { id: w.id, title: w.title, flops: w.flops, micro: w.micro, target: w.target?.text, status: "ok", results: [] };
}

/** Measures every implementation of `w` in this process, printing one line each. */
async function measureWorkload(w: Workload, runs: number): Promise<WorkloadResult> {
  console.log(`\n== ${w.id}: ${w.title}`);
  const reference = w.reference();
  const result = workloadRow(w);
  const fresh = freshOutputs(w.id);
  if (fresh !== undefined) {
    result.freshOutputMs = await timeFreshOutputs(fresh, runs, w.micro === true);
    result.freshOutputFaults = await ownFaultsPerCall(freshOutputCall(fresh));
    const shown = w.micro ? `${(result.freshOutputMs * 1000).toFixed(2)} us` : `${result.freshOutputMs.toFixed(2)} ms`;
    console.log(
      `  ${"fresh out".padEnd(10)} ${shown}  ${result.freshOutputFaults} page faults  (the output alone: allocated and written once)`,
    );
  }
  for (const impl of await w.impls()) {
    const r = await measure(w, impl, reference, runs);
    result.results.push(r);
    const shown =
      r.status === "ok"
        ? `${w.micro ? `${((r.medianMs ?? 0) * 1000).toFixed(2)} us` : `${(r.medianMs ?? 0).toFixed(2)} ms`}` +
          (r.gflops !== undefined ? `  ${r.gflops.toFixed(1)} GFLOP/s` : "") +
          `  alloc ${r.allocBytes} B`
        : r.status === "wrong"
          ? `WRONG RESULT (relative error ${r.maxError})`
          : r.status === "unsupported"
            ? `UNSUPPORTED ${r.message}`
            : `ERROR ${r.message}`;
    console.log(`  ${impl.name.padEnd(10)} ${shown}`);
  }
  const lib = result.results.find((r) => r.impl === "lib");
  if (w.target && lib?.status === "ok" && lib.medianMs !== undefined) {
    const peerMs = (name: string): number | undefined =>
      result.results.find((r) => r.impl === name && r.status === "ok")?.medianMs;
    result.targetMet = w.target.met(lib.medianMs, lib.gflops, peerMs);
  }
  return result;
}

/** The workload process: measures workload `id` and writes its outcome to `resultFile`. */
async function runWorkloadProcess(id: string, runs: number, resultFile: string): Promise<void> {
  const w = workloads().find((x) => x.id === id);
  if (w === undefined) throw new Error(`no workload '${id}'`);
  const outcome: WorkloadOutcome = {
    workload: await measureWorkload(w, runs),
    wasmArenaBytes: wasmKernels()?.memory.buffer.byteLength,
  };
  writeFileSync(resultFile, JSON.stringify(outcome));
}

/**
 * Runs `w` in a fresh Node process (this script with --workload; same flags and environment) and
 * waits for it. A process that fails gives an error row for `w` instead of an outcome.
 */
function runInFreshProcess(w: Workload, runs: number, resultFile: string): WorkloadOutcome {
  const args = [...process.execArgv, __filename, "--workload", w.id, "--runs", String(runs), "--result-file", resultFile];
  const child = spawnSync(process.execPath, args, { stdio: "inherit" });
  try {
    if (child.status !== 0)
      throw child.error ?? new Error(child.signal ? `killed by ${child.signal}` : `exited with code ${child.status}`);
    return JSON.parse(readFileSync(resultFile, "utf8")) as WorkloadOutcome;
  } catch (error) {
    const message = `workload process failed: ${errorMessage(error)}`;
    console.log(`  ERROR ${message}`);
    return { workload: { ...workloadRow(w), status: "error", message } };
  }
}

/** Runs each workload in its own fresh process, one at a time, with result files in a temporary folder. */
function runWorkloads(list: Workload[], runs: number): WorkloadOutcome[] {
  const dir = mkdtempSync(join(tmpdir(), "upsampling-bench-"));
  try {
    return list.map((w) => runInFreshProcess(w, runs, join(dir, `${w.id}.json`)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The largest of the defined values, or undefined if there is none. */
function largest(values: (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length > 0 ? Math.max(...defined) : undefined;
}

/**
 * On Linux, runs this script again with glibc's huge-pages tunable (see kernel/src/huge-pages.ts),
 * the setting the kernel runs notebooks with; it only works when set before the process starts.
 * Returns whether it did (the child's exit status is then this process's).
 */
function relaunchWithHugePages(): boolean {
  if (process.platform !== "linux" || hasHugePagesTunable(process.env)) return false;
  const env = { ...process.env, GLIBC_TUNABLES: withHugePagesTunable(process.env.GLIBC_TUNABLES) };
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], {
    stdio: "inherit",
    env,
  });
  process.exitCode = child.status ?? 1;
  return true;
}

async function main(): Promise<void> {
  if (relaunchWithHugePages()) return;
  enableRelaxedSimd(); // as the kernel does: fused multiply-adds in the library's WebAssembly kernels
  const runs = Math.max(15, Number(argValue("--runs") ?? 15));
  const workload = argValue("--workload");
  const resultFile = argValue("--result-file");
  if (workload !== undefined && resultFile !== undefined) return runWorkloadProcess(workload, runs, resultFile);
  const only = argValue("--only")?.split(",");
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus()[0]?.model ?? "unknown",
      cores: cpus().length,
      node: process.version,
      platform: process.platform,
      loadAverage: loadavg(),
      glibcTunables: process.env.GLIBC_TUNABLES,
      wasmKernels: wasmKernelVariant(),
    },
    workloads: [],
  };
  const children = runWorkloads(
    workloads().filter((w) => !only || only.includes(w.id)),
    runs,
  );
  report.workloads = children.map((c) => c.workload);
  if (!only || only.includes("interactive")) {
    const c = interactiveCase();
    const t = await timeMedian(c.run, { runs, warmup: 3, minSampleMs: 0 });
    report.interactive = { describe: c.describe, medianMs: t.medianMs };
    console.log(`\n== interactive: ${c.describe}: ${t.medianMs.toFixed(2)} ms`);
  }
  if (!only || only.includes("browser")) {
    console.log("\n== browser: slider -> heatmap drawn (JupyterLab + Chromium)");
    report.browserLatency = await browserLatency();
  }
  if (!only || only.includes("live-pages")) {
    console.log("\n== live exported pages: time to live, slider -> heatmap (Chromium, offline)");
    try {
      report.livePages = await livePagesBench();
    } catch (error) {
      report.livePages = { pages: [], note: `not measured: ${errorMessage(error)}` };
      console.log(report.livePages.note);
    }
  }
  if (!only || only.includes("lite")) {
    console.log("\n== JupyterLite site: first and later visit, 1+1, slider -> heatmap (Chromium, offline)");
    report.lite = await liteBench();
  }
  report.wasmArenaBytes = largest(children.map((c) => c.wasmArenaBytes));
  report.kernelBench = only ? { note: "skipped (--only)" } : runKernelBench();
  let browserBundleTable = "";
  if (process.argv.includes("--browser")) {
    const ids = report.workloads.map((w) => w.id).filter((id) => /^W[1-7]$/.test(id));
    console.log(`\n== the browser bundle in headless Chromium, beside tfjs-wasm: ${ids.join(", ")}`);
    try {
      const measured = await runBrowserBench(ids, runs);
      const rows = browserRows(report.workloads, measured);
      report.browserBundle = { browser: measured.browser, tfjsWasm: measured.tfjsWasmFlavour, rows };
      browserBundleTable = `\n\n${browserTable(rows, measured)}`;
    } catch (error) {
      report.browserBundle = { note: `not measured: ${errorMessage(error)}` };
      browserBundleTable = `\n\n### The browser bundle in Chromium\n\n${report.browserBundle.note}`;
    }
  }

  const table = markdownTables(report) + browserBundleTable;
  console.log(`\n${table}\n`);
  const outDir = join(root, "bench", "results");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outDir, "latest.md"), `${table}\n`);
  console.log(`wrote bench/results/latest.json and latest.md`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
