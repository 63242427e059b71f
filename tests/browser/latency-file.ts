/**
 * build/browser-latency.json (gitignored): interaction latencies measured in the browser, for
 * the widgets benchmark. `interactions` collects single measurements (appended per run);
 * `heatmapSlider` holds the last slider -> heatmap measurement with its date, which
 * `npm run bench` shows when it cannot start a browser itself.
 */
import fs from "node:fs";
import path from "node:path";
import { BUILD_DIR } from "../notebooks/project";
import type { SizeLatency } from "./heatmap-latency";

export const LATENCY_FILE = path.join(BUILD_DIR, "browser-latency.json");

/** The last slider -> heatmap measurement. */
export interface HeatmapSliderRecord {
  /** ISO date of the measurement. */
  measuredAt: string;
  /** What measured it, e.g. "browser test" or "npm run bench". */
  source: string;
  sizes: SizeLatency[];
}

export interface LatencyFile {
  interactions: Record<string, number[]>;
  heatmapSlider?: HeatmapSliderRecord;
}

/** The file's content (empty when missing; the older flat `{what: [ms]}` form is read as interactions). */
export function readLatencyFile(file: string = LATENCY_FILE): LatencyFile {
  if (!fs.existsSync(file)) return { interactions: {} };
  const raw = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  if (typeof raw.interactions === "object" && raw.interactions !== null) {
    return {
      interactions: raw.interactions as Record<string, number[]>,
      heatmapSlider: raw.heatmapSlider as HeatmapSliderRecord | undefined,
    };
  }
  const interactions: Record<string, number[]> = {};
  for (const [what, list] of Object.entries(raw)) if (Array.isArray(list)) interactions[what] = list as number[];
  return { interactions };
}

function writeLatencyFile(content: LatencyFile, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(content, null, 2) + "\n");
}

/** Appends one measured latency (milliseconds) under `what`, and logs it. */
export function recordInteraction(what: string, milliseconds: number, file: string = LATENCY_FILE): void {
  const content = readLatencyFile(file);
  (content.interactions[what] ??= []).push(milliseconds);
  writeLatencyFile(content, file);
  console.log(`latency: ${what}: ${milliseconds} ms`);
}

/** Replaces the slider -> heatmap measurement. */
export function recordHeatmapSlider(record: HeatmapSliderRecord, file: string = LATENCY_FILE): void {
  writeLatencyFile({ ...readLatencyFile(file), heatmapSlider: record }, file);
}
