/**
 * Minor page faults (first touches of fresh memory) per call, in this Node process or in the
 * processes it started (Chromium's), read from Linux's /proc: how the benchmark shows that a fresh
 * output costs one fault per 4 KiB page in Chromium and none in Node's steady state
 * (bench/browser/fresh-outputs.md). Undefined where /proc is not there.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** Median of `values` (rounded down to the lower middle for an even count). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1];
}

/** Median minor faults of this process per call of `fn`, over `calls` calls. */
export async function ownFaultsPerCall(fn: () => unknown, calls = 7): Promise<number> {
  const counts: number[] = [];
  for (let i = 0; i < calls; i++) {
    const before = process.resourceUsage().minorPageFault;
    await fn();
    counts.push(process.resourceUsage().minorPageFault - before);
  }
  return median(counts);
}

/** [pid, parent pid, minor faults] of every process /proc lists (those that vanish meanwhile skipped). */
function processTable(): [number, number, number][] {
  const rows: [number, number, number][] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // fields after "(comm) ": state ppid pgrp session tty_nr tpgid flags minflt ...
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ").pop()?.split(" ") ?? [];
      rows.push([Number(entry), Number(fields[1]), Number(fields[7])]);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return rows;
}

/** Total minor faults of every descendant of this process (not this process itself). */
function descendantFaults(): number {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const faults = new Map(table.map(([pid, , minflt]) => [pid, minflt]));
  let total = 0;
  const queue = [...(children.get(process.pid) ?? [])];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    total += faults.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * Median minor faults of this process's descendants (a browser it launched) per call of `fn`,
 * over `calls` calls; undefined without /proc.
 */
export async function childFaultsPerCall(fn: () => Promise<unknown>, calls = 7): Promise<number | undefined> {
  if (!existsSync("/proc/self/stat")) return undefined;
  const counts: number[] = [];
  for (let i = 0; i < calls; i++) {
    const before = descendantFaults();
    await fn();
    counts.push(descendantFaults() - before);
  }
  return median(counts);
}
