/**
 * The browser benchmark's table, beside the Node one: per workload the library in Node and in
 * Chromium, the fresh output alone in each engine and the library with a preallocated output (a
 * fresh large output costs page faults in Chromium that Node's allocator does not pay:
 * ./fresh-outputs.md), tfjs-wasm in Chromium, and issue 11's targets as ratios within the same run
 * (Chromium within 1.3x of Node for the library on W2-W7; the library >= 10x tfjs-wasm on W2-W4).
 */
import type { WorkloadResult } from "../report";
import type { BrowserBench } from "./browser-bench";

/** Workloads where the library in Chromium must be within `CHROMIUM_VS_NODE` of Node. */
const NODE_PARITY_WORKLOADS = ["W2", "W3", "W4", "W5", "W6", "W7"];
const CHROMIUM_VS_NODE = 1.3;
/** Workloads where the library in Chromium must be `TFJS_WASM_FACTOR` times faster than tfjs-wasm there. */
const TFJS_WORKLOADS = ["W2", "W3", "W4"];
const TFJS_WASM_FACTOR = 10;

/** One workload's row of the browser comparison. */
export interface BrowserRow {
  id: string;
  nodeMs?: number;
  chromiumMs?: number;
  /** The library with a preallocated output (`lib out=`), in Node and in Chromium. */
  nodeOutMs?: number;
  chromiumOutMs?: number;
  /** The fresh output alone (the arrays `lib` returns, allocated and written once), in Node and in Chromium. */
  nodeFreshMs?: number;
  chromiumFreshMs?: number;
  /** Minor page faults of one fresh output alone, in Node and in Chromium (Linux only). */
  nodeFreshFaults?: number;
  chromiumFreshFaults?: number;
  tfjsWasmMs?: number;
  /** Chromium / Node for the library. */
  chromiumOverNode?: number;
  /** tfjs-wasm / library, both in Chromium. */
  tfjsOverLib?: number;
  /** Each target that applies to this workload, whether it was met, and what a missed one's time went to. */
  targets: { text: string; met: boolean; reason?: string }[];
  /** Anything that kept a number from being measured. */
  notes: string[];
}

/** The rows for the workloads the browser measured, with the Node numbers of the same run. */
export function browserRows(node: readonly WorkloadResult[], browser: BrowserBench): BrowserRow[] {
  const ids = [...new Set(browser.results.map((r) => r.id))];
  return ids.map((id) => {
    const notes: string[] = [];
    const nodeResult = (impl: string) => node.find((w) => w.id === id)?.results.find((r) => r.impl === impl && r.status === "ok");
    const page = (impl: string) => browser.results.find((r) => r.id === id && r.impl === impl);
    for (const r of [page("lib"), page("lib out="), page("tfjs-wasm")]) {
      if (r !== undefined && r.status !== "ok") {
        const what = r.status === "wrong" ? `wrong result (err ${r.maxError})` : `${r.status}: ${r.message}`;
        notes.push(`${r.impl} in Chromium: ${what}`);
      }
    }
    const row: BrowserRow = {
      id,
      nodeMs: nodeResult("lib")?.medianMs,
      chromiumMs: page("lib")?.medianMs,
      nodeOutMs: nodeResult("lib out=")?.medianMs,
      chromiumOutMs: page("lib out=")?.medianMs,
      tfjsWasmMs: page("tfjs-wasm")?.medianMs,
      nodeFreshMs: node.find((w) => w.id === id)?.freshOutputMs,
      chromiumFreshMs: browser.freshOutputMs[id],
      nodeFreshFaults: node.find((w) => w.id === id)?.freshOutputFaults,
      chromiumFreshFaults: browser.freshOutputFaults[id],
      targets: [],
      notes,
    };
    if (row.nodeMs !== undefined && row.chromiumMs !== undefined) row.chromiumOverNode = row.chromiumMs / row.nodeMs;
    if (row.chromiumMs !== undefined && row.tfjsWasmMs !== undefined) row.tfjsOverLib = row.tfjsWasmMs / row.chromiumMs;
    if (NODE_PARITY_WORKLOADS.includes(id)) {
      const met = row.chromiumOverNode !== undefined && row.chromiumOverNode <= CHROMIUM_VS_NODE;
      row.targets.push({ text: `Chromium <= ${CHROMIUM_VS_NODE}x Node`, met, reason: met ? undefined : freshOutputShare(row) });
    }
    if (TFJS_WORKLOADS.includes(id)) {
      row.targets.push({
        text: `>= ${TFJS_WASM_FACTOR}x tfjs-wasm`,
        met: row.tfjsOverLib !== undefined && row.tfjsOverLib >= TFJS_WASM_FACTOR,
      });
    }
    return row;
  });
}

/**
 * What the fresh output alone accounts for of the library's Chromium - Node gap, in this run's
 * numbers; undefined when either is missing or Chromium's fresh output is not the dearer one.
 */
function freshOutputShare(r: BrowserRow): string | undefined {
  if (r.nodeMs === undefined || r.chromiumMs === undefined || r.nodeFreshMs === undefined || r.chromiumFreshMs === undefined)
    return undefined;
  const freshGap = r.chromiumFreshMs - r.nodeFreshMs;
  if (!(freshGap > 0)) return undefined;
  const micro = r.id === "W1";
  const gap = r.chromiumMs - r.nodeMs;
  const share =
    freshGap >= gap
      ? `${ms(freshGap, micro)}, at least the whole ${ms(gap, micro)} gap`
      : `${ms(freshGap, micro)} of the ${ms(gap, micro)} gap`;
  return `the fresh output alone takes ${ms(r.chromiumFreshMs, micro)} in Chromium, ${ms(r.nodeFreshMs, micro)} in Node: ${share}`;
}

function ms(value: number | undefined, micro: boolean): string {
  if (value === undefined) return "–";
  return micro ? `${(value * 1000).toFixed(2)} µs` : `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

function faults(count: number | undefined): string {
  return count === undefined ? "" : ` · ${count} page faults`;
}

function ratio(value: number | undefined): string {
  return value === undefined ? "–" : `${value.toFixed(2)}x`;
}

/** The comparison as a markdown table, with the browser and tfjs build it ran. */
export function browserTable(rows: readonly BrowserRow[], browser: BrowserBench): string {
  const lines = [
    `### The browser bundle in ${browser.browser} (tfjs-wasm: ${browser.tfjsWasmFlavour})`,
    "",
    "| workload | lib, Node | lib, Chromium | Chromium / Node | fresh output alone, Node | fresh output alone, Chromium | " +
      "lib out=, Node | lib out=, Chromium | tfjs-wasm, Chromium | tfjs-wasm / lib | targets |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const micro = r.id === "W1";
    const targets =
      r.targets
        .map((t) => `${t.met ? "met" : "MISSED"}: ${t.text}${t.reason !== undefined ? ` (${t.reason})` : ""}`)
        .join("; ") || "–";
    const notes = r.notes.length > 0 ? ` (${r.notes.join("; ")})` : "";
    lines.push(
      `| ${r.id} | ${ms(r.nodeMs, micro)} | ${ms(r.chromiumMs, micro)} | ${ratio(r.chromiumOverNode)} | ` +
        `${ms(r.nodeFreshMs, micro)}${faults(r.nodeFreshFaults)} | ${ms(r.chromiumFreshMs, micro)}${faults(r.chromiumFreshFaults)} | ` +
        `${ms(r.nodeOutMs, micro)} | ` +
        `${ms(r.chromiumOutMs, micro)} | ${ms(r.tfjsWasmMs, micro)} | ${ratio(r.tfjsOverLib)} | ${targets}${notes} |`,
    );
  }
  lines.push(
    "",
    "Fresh output alone = the arrays `lib` returns (W7: the pooled values, their float64 indices and the unpooled output), " +
      "allocated and written once, nothing computed: what each engine charges for fresh memory. In Chromium every large " +
      "ArrayBuffer is a new mapping whose 4 KiB pages fault one by one on first write (the page faults beside the times: " +
      "minor faults of one such call, median of 7, Linux only), " +
      "on every call; Node's malloc hands back the memory of outputs already collected (with the huge-page tunable, in 2 MiB " +
      "pages) and only clears it (bench/browser/fresh-outputs.md). The library writes each output once; only `out=` " +
      "avoids the cost, and the targets keep their definition: `lib`, a fresh output per call.",
  );
  return lines.join("\n");
}
