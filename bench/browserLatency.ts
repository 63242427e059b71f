/**
 * Issue 4's benchmark in `npm run bench`: from a slider moved with the keyboard in the browser
 * to the heatmap drawn with the new values, for 8x8, 64x64 (values printed) and 256x256 maps.
 * Runs the browser test's own measurement (tests/browser/heatmap-latency*.ts: JupyterLab from
 * .venv, Debian's Chromium, a generated notebook). Without .venv, the kernel or Chromium it
 * says why and shows the last measurement recorded by the browser test, with its date.
 */
import { join } from "node:path";
import { BUILD_DIR, requireProjectKernel } from "../tests/notebooks/project";
import { chromiumPath } from "../tests/browser/browser";
import { TARGET_P95_MS, TARGET_SIZE, describeLatency, type SizeLatency } from "../tests/browser/heatmap-latency";
import { runHeatmapLatency } from "../tests/browser/heatmap-latency-run";
import { LATENCY_FILE, readLatencyFile, recordHeatmapSlider } from "../tests/browser/latency-file";

/** One size's numbers as the report keeps them. */
export interface BrowserLatencyRow {
  size: number;
  labels: boolean;
  count: number;
  p50: number;
  p95: number;
  max: number;
  /** The frontend's own draw time (figure + Plotly.react), median. */
  drawP50: number;
}

/** The benchmark's result: measured now, or the last recorded measurement (or nothing) and why. */
export interface BrowserLatencyReport {
  /** "measured now", or where the numbers shown come from. */
  source: string;
  /** When the numbers shown were measured (ISO), if there are any. */
  measuredAt?: string;
  /** Why no measurement ran now, if none did. */
  note?: string;
  target: string;
  /** The map size the target is about. */
  targetSize: number;
  /** p95 at 64x64 within the target, when 64x64 was measured. */
  targetMet?: boolean;
  sizes: BrowserLatencyRow[];
}

const TARGET_TEXT = `<= ${TARGET_P95_MS} ms p95 at ${TARGET_SIZE}x${TARGET_SIZE}`;

function rows(sizes: readonly SizeLatency[]): BrowserLatencyRow[] {
  return sizes.map(({ size, labels, count, p50, p95, max, drawP50 }) => ({ size, labels, count, p50, p95, max, drawP50 }));
}

function targetMet(sizes: readonly BrowserLatencyRow[]): boolean | undefined {
  const at = sizes.find((s) => s.size === TARGET_SIZE);
  return at === undefined ? undefined : at.p95 <= TARGET_P95_MS;
}

/** Why the browser measurement cannot run here, or undefined when it can. */
function missingPrerequisite(): string | undefined {
  try {
    requireProjectKernel();
    chromiumPath();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return undefined;
}

/** The last recorded measurement, shown with `note` saying why it is not a fresh one. */
function lastRecorded(note: string): BrowserLatencyReport {
  const last = readLatencyFile().heatmapSlider;
  if (last === undefined) {
    return { source: `nothing recorded in ${LATENCY_FILE} yet`, note, target: TARGET_TEXT, targetSize: TARGET_SIZE, sizes: [] };
  }
  const sizes = rows(last.sizes);
  return {
    source: `last recorded measurement (${last.source})`,
    measuredAt: last.measuredAt,
    note,
    target: TARGET_TEXT,
    targetSize: TARGET_SIZE,
    targetMet: targetMet(sizes),
    sizes,
  };
}

/** Runs (or, when it cannot, recalls) the slider -> heatmap measurement; logs progress and results. */
export async function browserLatency(log: (line: string) => void = console.log): Promise<BrowserLatencyReport> {
  const missing = missingPrerequisite();
  if (missing !== undefined) {
    const report = lastRecorded(`not measured now: ${missing}`);
    log(`  ${report.note}`);
    log(`  showing the ${report.source}${report.measuredAt ? ` from ${report.measuredAt}` : ""}`);
    return report;
  }
  let sizes: SizeLatency[];
  try {
    sizes = await runHeatmapLatency(join(BUILD_DIR, "bench-latency"), { log });
  } catch (error) {
    const report = lastRecorded(
      `the measurement failed: ${(error instanceof Error ? error.message : String(error)).slice(0, 300)}`,
    );
    log(`  ${report.note}`);
    return report;
  }
  const measuredAt = new Date().toISOString();
  recordHeatmapSlider({ measuredAt, source: "npm run bench", sizes });
  for (const s of sizes) log(`  ${describeLatency(s)}`);
  const shown = rows(sizes);
  return {
    source: "measured now",
    measuredAt,
    target: TARGET_TEXT,
    targetSize: TARGET_SIZE,
    targetMet: targetMet(shown),
    sizes: shown,
  };
}
