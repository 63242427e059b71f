/** The benchmark's results as data, as a console/markdown table, and the README snippet. */
import type { BrowserLatencyReport } from "./browserLatency";
import { livePagesTable, type LivePagesReport } from "./livePages";
import { liteTable, type LiteReport } from "./lite";
import type { BrowserRow } from "./browser/browser-table";

/** One implementation's outcome on one workload. */
export interface ImplResult {
  impl: string;
  /** unsupported: the implementation cannot compute this workload (`message` says why; nothing timed). */
  status: "ok" | "wrong" | "error" | "unsupported";
  /** Largest |result - reference| relative to max(1, max |reference|). */
  maxError?: number;
  message?: string;
  medianMs?: number;
  minMs?: number;
  samples?: number;
  callsPerSample?: number;
  gflops?: number;
  /** ArrayBuffer bytes one call leaves allocated (see timing.ts for what is and is not visible). */
  allocBytes?: number;
  /** Typed-array bytes one call allocated in total, freed or not (counting allocator, timing.ts). */
  allocTotalBytes?: number;
}

/** One workload's outcome. */
export interface WorkloadResult {
  id: string;
  title: string;
  flops?: number;
  micro?: boolean;
  target?: string;
  targetMet?: boolean;
  /** ok: its process ran (each implementation has its own status); error: that process failed (message), no results. */
  status: "ok" | "error";
  message?: string;
  results: ImplResult[];
  /** Median ms of the fresh output alone: the arrays `lib` returns, allocated and written once (bench/fresh-output.ts). */
  freshOutputMs?: number;
  /** Median minor page faults of one such call in this Node process (bench/page-faults.ts). */
  freshOutputFaults?: number;
}

/** Everything one `npm run bench` measured. */
export interface BenchReport {
  date: string;
  machine: {
    cpus: string;
    cores: number;
    node: string;
    platform: string;
    loadAverage: number[];
    glibcTunables?: string;
    wasmKernels?: string | null;
  };
  workloads: WorkloadResult[];
  interactive?: { describe: string; medianMs?: number; note?: string };
  /** Largest size of the library's WebAssembly arena at the end of a workload's process (grown once, reused by every call). */
  wasmArenaBytes?: number;
  kernelBench?: { command: string; status: number | null; output: string } | { note: string };
  /** Issue 4: slider -> heatmap drawn in the browser (bench/browserLatency.ts). */
  browserLatency?: BrowserLatencyReport;
  /** Issue 12: live exported pages, time to live and slider latency (bench/livePages.ts). */
  livePages?: LivePagesReport;
  /** Issue 13: the JupyterLite site, visits, 1+1 and slider latency (bench/lite.ts). */
  lite?: LiteReport;
  /** Issue 11, `--browser`: the workloads on the browser bundle in Chromium beside Node and tfjs-wasm. */
  browserBundle?: { browser: string; tfjsWasm: string; rows: BrowserRow[] } | { note: string };
}

/** Column order of the tables. */
export const IMPL_COLUMNS = ["lib", "lib out=", "lib TS", "lib wasm", "tfjs-cpu", "tfjs-wasm", "ort-1t", "ort-2t"] as const;

function time(r: ImplResult, micro: boolean | undefined): string {
  if (r.medianMs === undefined) return "";
  return micro ? `${(r.medianMs * 1000).toFixed(2)} µs` : `${r.medianMs < 10 ? r.medianMs.toFixed(2) : r.medianMs.toFixed(1)} ms`;
}

function cell(w: WorkloadResult, impl: string, lib: ImplResult | undefined): string {
  const r = w.results.find((x) => x.impl === impl);
  if (r === undefined) return "–";
  if (r.status === "wrong") return `wrong result (err ${r.maxError?.toExponential(1)})`;
  if (r.status === "error") return `fails: ${(r.message ?? "").slice(0, 40)}`;
  if (r.status === "unsupported") return `unsupported: ${r.message ?? ""}`;
  let text = time(r, w.micro);
  if (r.gflops !== undefined) text += ` · ${r.gflops.toFixed(1)} GF/s`;
  if (impl === "lib" && r.minMs !== undefined) text += ` (best ${time({ ...r, medianMs: r.minMs }, w.micro)})`;
  if (!impl.startsWith("lib") && lib?.medianMs !== undefined && r.medianMs !== undefined) {
    text += ` (${(r.medianMs / lib.medianMs).toFixed(r.medianMs / lib.medianMs < 10 ? 2 : 0)}x)`;
  }
  return text;
}

function bytes(n: number | undefined): string {
  if (n === undefined) return "";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

/** A workload's first cell: its name, and why it has no results if its process failed. */
function workloadCell(w: WorkloadResult): string {
  return `${w.id} ${w.title}${w.status === "error" ? ` (fails: ${w.message ?? ""})` : ""}`;
}

/** The markdown tables (time with GFLOP/s and peer/lib ratio; bytes allocated per call). */
export function markdownTables(report: BenchReport): string {
  const lines: string[] = [];
  lines.push(
    `Measured ${report.date.slice(0, 16).replace("T", " ")} UTC on ${report.machine.cpus} (${report.machine.cores} cores), Node ${report.machine.node}, ` +
      `load average at start ${report.machine.loadAverage.map((v) => v.toFixed(1)).join(" / ")} (other work on the machine slows every column alike). ` +
      (report.machine.glibcTunables
        ? `Every process ran with GLIBC_TUNABLES=${report.machine.glibcTunables} (transparent huge pages for large buffers, as the kernel sets it: a fresh output reuses memory malloc already mapped, or faults 2 MiB at a time; every column alike). `
        : "") +
      (report.machine.wasmKernels === "relaxed-simd"
        ? "The library's WebAssembly kernels ran their relaxed-SIMD build (fused multiply-adds; on Node 20 the benchmark turns it on with V8's flag, as the kernel does). "
        : report.machine.wasmKernels === "simd"
          ? "The library's WebAssembly kernels ran their 128-bit SIMD build (this engine has no relaxed SIMD: no fused multiply-adds). "
          : "") +
      "Median of at least 15 runs after warm-up (as many as fit in about a second, up to 200); every result was first checked against the library's scatter reference. " +
      "Each workload runs in a fresh Node process (all its columns in that one process), so the heaps earlier workloads left do not slow later ones' garbage collections. " +
      "`lib` = public API (WebAssembly SIMD kernels for float32 convolution, transposed convolution, bilinear and nearest upsampling and 2x2 max-pooling when available), `lib out=` = same with a preallocated output, " +
      "`lib TS` = the pure TypeScript fallback, `lib wasm` = the library's stride-phase WebAssembly kernel called directly (for W2, a k = 2s layer with many channels, `lib` runs Winograd F(2x2, 2x2) instead: 9 multiply-adds where the phase kernel does 16, so its GFLOP/s counts the direct method's FLOPs). (Nx) = peer time / `lib` time: above 1 means the library is faster.",
  );
  lines.push("");
  lines.push(`| workload | ${IMPL_COLUMNS.join(" | ")} | target (lib) |`);
  lines.push(`|---|${IMPL_COLUMNS.map(() => "---").join("|")}|---|`);
  for (const w of report.workloads) {
    const lib = w.results.find((r) => r.impl === "lib");
    const target = w.target ? `${w.target}: ${w.targetMet ? "met" : "**missed**"}` : "";
    lines.push(`| ${workloadCell(w)} | ${IMPL_COLUMNS.map((c) => cell(w, c, lib)).join(" | ")} | ${target} |`);
  }
  if (report.interactive) {
    const i = report.interactive;
    lines.push(
      `| interactive: ${i.describe} | ${i.medianMs !== undefined ? `${i.medianMs.toFixed(2)} ms` : (i.note ?? "")} | ${IMPL_COLUMNS.slice(
        1,
      )
        .map(() => "–")
        .join(" | ")} | |`,
    );
  }
  if (report.browserLatency) lines.push("", ...browserLatencyTable(report.browserLatency));
  if (report.livePages) lines.push("", ...livePagesTable(report.livePages));
  if (report.lite) lines.push("", ...liteTable(report.lite));
  lines.push("");
  lines.push(
    "Memory per call: typed-array bytes allocated in total during the call (a counting allocator: fresh `new Float32Array(n)` and friends; " +
      "not `.slice()` copies) / ArrayBuffer bytes still held when it returns (after a full GC before the call). Invisible here: onnxruntime's native " +
      `memory and tfjs-wasm's heap, and the library's WebAssembly arena, which is grown once and reused (${bytes(report.wasmArenaBytes ?? 0)} at most, at the end of a workload's process).`,
  );
  lines.push("");
  lines.push(`| workload | ${IMPL_COLUMNS.join(" | ")} |`);
  lines.push(`|---|${IMPL_COLUMNS.map(() => "---").join("|")}|`);
  for (const w of report.workloads) {
    lines.push(
      `| ${w.id} | ${IMPL_COLUMNS.map((c) => {
        const r = w.results.find((x) => x.impl === c);
        return r?.status === "ok" ? `${bytes(r.allocTotalBytes)} / ${bytes(r.allocBytes)}` : "–";
      }).join(" | ")} |`,
    );
  }
  return lines.join("\n");
}

/** Issue 4's table: slider -> heatmap drawn per map size, with p50 relative to the smallest map. */
function browserLatencyTable(b: BrowserLatencyReport): string[] {
  const when = b.measuredAt ? ` ${b.measuredAt.slice(0, 16).replace("T", " ")} UTC` : "";
  const lines = [
    `Slider -> heatmap drawn in JupyterLab (Chromium, keyboard on the slider, from keydown to the draw showing the new values; ` +
      `${b.source}${when}${b.note ? `; ${b.note}` : ""}). (Nx) = p50 / p50 of the smallest map.`,
  ];
  if (b.sizes.length === 0) return lines;
  const base = b.sizes[0].p50;
  lines.push("", "| map | p50 | p95 | max | frontend draw p50 | presses | target |", "|---|---|---|---|---|---|---|");
  for (const s of b.sizes) {
    const ratio = s === b.sizes[0] || base <= 0 ? "" : ` (${(s.p50 / base).toFixed(1)}x)`;
    const target = s.size === b.targetSize ? `${b.target}: ${b.targetMet ? "met" : "**missed**"}` : "";
    lines.push(
      `| ${s.size}x${s.size}${s.labels ? ", values printed" : ""} | ${s.p50.toFixed(1)} ms${ratio} | ${s.p95.toFixed(1)} ms | ${s.max.toFixed(1)} ms | ` +
        `${s.drawP50.toFixed(1)} ms | ${s.count} | ${target} |`,
    );
  }
  return lines;
}
