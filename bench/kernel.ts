/**
 * Kernel benchmark (`npm run bench:kernel`): this kernel against stock tslab 1.0.22 (its own CLI,
 * `tslab kernel --config-path <file>`) and Deno's kernel (`deno jupyter --kernel`, from the pinned
 * `@deno/linux-x64-glibc` package, installed on first use into build/deno), measured in the same run on the same
 * machine, through the same ZeroMQ client as the protocol tests.
 *
 * - start: process spawn to the first kernel_info_reply, and to the first `1+1` result (median of
 *   `LAUNCHES` fresh processes), with the CPU time the kernel process used until then; this kernel
 *   is started as its kernelspec starts it (from the compiler snapshot, built first if missing);
 * - execute round trips of `1+1` and of a declaration cell, median of 50 (request to execute_reply);
 * - comm update round trip (this kernel only; the others have no comm API for cells), median of 50;
 * - memory: resident set growth over 2,000 cells that each allocate a 1 MB array (not kept);
 * - `1+1` after a cell holding a 50 MB string literal, median of 20.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildCompilerSnapshot, kernelTypeRoot, SNAPSHOT_DIR_VARIABLE, snapshotBlobFile } from "../kernel/src/compiler-snapshot";
import { kernelCommand, kernelEnvironment } from "../kernel/src/install";
import { KernelClient, REPO } from "../tests/kernel/kernel-client";

/** Targets from the kernel issues. */
const TARGETS = { trivialCellMs: 10, commRoundTripMs: 5, firstResultMs: 800, rssGrowthMb: 100, afterHugeLiteralMs: 20 };
const RUNS = 50;
const LAUNCHES = 5;
const MEMORY_CELLS = 2000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface KernelTimings {
  startMs: number;
  firstResultMs: number;
  /** CPU time (all threads) the kernel process used up to its first result: what the load of other processes does not change. */
  firstResultCpuMs: number | undefined;
  trivialMs: number;
  declarationMs: number;
  commMs: number | undefined;
  rssGrowthMb: number | undefined;
  afterHugeLiteralMs: number;
}

/** A kernel to measure: how to start it, and whether cells can reach comms through this project's bridge. */
interface Contender {
  name: string;
  command: (connectionFile: string) => string[];
  env?: Record<string, string>;
  withComms: boolean;
}

/**
 * Request to execute_reply. The idle status is awaited afterwards (not timed, short grace) so
 * requests do not overlap: stock tslab does not await its sends and sometimes loses iopub messages.
 */
async function executeTime(client: KernelClient, code: string, timeoutMs = 20_000): Promise<number> {
  const started = performance.now();
  const msgId = await client.send("shell", "execute_request", {
    code,
    silent: false,
    store_history: true,
    user_expressions: {},
    allow_stdin: false,
    stop_on_error: true,
  });
  const reply = await client.reply(msgId, timeoutMs);
  const elapsed = performance.now() - started;
  if (reply.content.status !== "ok")
    throw new Error(`benchmark cell failed: ${code.slice(0, 200)}: ${JSON.stringify(reply.content).slice(0, 500)}`);
  await client.idle(msgId, 500).catch(() => undefined);
  return elapsed;
}

/** Resident set size of process `pid` in MB (Linux), or undefined elsewhere. */
function rssMb(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match === null ? undefined : Number(match[1]) / 1024;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, all threads) process `pid` has used, in ms (Linux), or undefined elsewhere. */
function cpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime and stime, in clock ticks of 1/100 s
  } catch {
    return undefined;
  }
}

/** Starts the kernel; returns the client and the times to kernel_info and to the first `1+1` result. */
async function launch(
  contender: Contender,
): Promise<{ client: KernelClient; startMs: number; firstResultMs: number; firstResultCpuMs: number | undefined }> {
  const started = performance.now();
  const client = await KernelClient.start({
    command: contender.command,
    env: contender.env,
    cwd: path.join(REPO, "notebooks"),
    wait: false,
  });
  await client.reply(await client.send("shell", "kernel_info_request", {}), 60_000);
  const startMs = performance.now() - started;
  await executeTime(client, "1+1", 60_000);
  const firstResultMs = performance.now() - started;
  return { client, startMs, firstResultMs, firstResultCpuMs: cpuMs(client.process.pid!) };
}

async function measure(contender: Contender): Promise<KernelTimings> {
  const starts: number[] = [];
  const firstResults: number[] = [];
  const firstResultCpus: number[] = [];
  const record = (timings: { startMs: number; firstResultMs: number; firstResultCpuMs: number | undefined }): void => {
    starts.push(timings.startMs);
    firstResults.push(timings.firstResultMs);
    if (timings.firstResultCpuMs !== undefined) firstResultCpus.push(timings.firstResultCpuMs);
  };
  for (let i = 0; i < LAUNCHES - 1; i++) {
    const launched = await launch(contender);
    record(launched);
    await launched.client.close();
  }
  const launched = await launch(contender);
  record(launched);
  const client = launched.client;
  try {
    for (let i = 0; i < 5; i++) await executeTime(client, "1+1"); // warm-up
    const trivial: number[] = [];
    for (let i = 0; i < RUNS; i++) trivial.push(await executeTime(client, "1+1"));
    const declaration: number[] = [];
    for (let i = 0; i < RUNS; i++) declaration.push(await executeTime(client, `const value${i}: number = ${i} * 2;`));
    let commMs: number | undefined;
    if (contender.withComms) {
      await client.execute(
        'const bridge = (globalThis as any)[Symbol.for("upsampling-lab.kernel-bridge.v1")];\n' +
          'bridge.registerCommTarget("bench.echo", (comm: any) => comm.onMsg((msg: any) => comm.send({ method: "update", state: msg.data.state })));',
      );
      const openId = await client.send("shell", "comm_open", { comm_id: "bench-echo", target_name: "bench.echo", data: {} });
      await client.idle(openId);
      const rounds: number[] = [];
      for (let i = 0; i < RUNS + 5; i++) {
        const t0 = performance.now();
        const msgId = await client.send("shell", "comm_msg", {
          comm_id: "bench-echo",
          data: { method: "update", state: { value: i } },
        });
        await client.iopub((m) => m.header.msg_type === "comm_msg" && m.parent_header.msg_id === msgId);
        if (i >= 5) rounds.push(performance.now() - t0);
      }
      commMs = median(rounds);
    }
    const pid = client.process.pid!;
    const rssBefore = rssMb(pid);
    for (let i = 0; i < MEMORY_CELLS; i++) await executeTime(client, `new Float64Array(131072).fill(${i}).length`);
    const rssAfter = rssMb(pid);
    const rssGrowthMb = rssBefore === undefined || rssAfter === undefined ? undefined : rssAfter - rssBefore;
    await executeTime(client, `const hugeLiteral = "${"x".repeat(50 * 1024 * 1024)}";\nhugeLiteral.length`, 300_000);
    const afterHuge: number[] = [];
    for (let i = 0; i < 20; i++) afterHuge.push(await executeTime(client, "1+1", 60_000));
    return {
      startMs: median(starts),
      firstResultMs: median(firstResults),
      firstResultCpuMs: firstResultCpus.length === LAUNCHES ? median(firstResultCpus) : undefined,
      trivialMs: median(trivial),
      declarationMs: median(declaration),
      commMs,
      rssGrowthMb,
      afterHugeLiteralMs: median(afterHuge),
    };
  } finally {
    await client.close();
  }
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i])).join(" | ");
}

/** The Deno release measured against, from its npm package (Linux x64 with glibc only). */
const DENO_PACKAGE = "@deno/linux-x64-glibc@2.9.6";

/**
 * Deno's binary, installed on first use into build/deno (not a dependency of the project: the
 * package exists for one platform, and a dependency on it would stop `npm ci` everywhere else).
 */
function denoBinary(): string | undefined {
  if (process.platform !== "linux" || process.arch !== "x64") return undefined;
  const prefix = path.join(REPO, "build", "deno");
  const binary = path.join(prefix, "node_modules", "@deno", "linux-x64-glibc", "deno");
  if (!fs.existsSync(binary)) {
    const result = spawnSync("npm", ["install", "--no-save", "--no-package-lock", "--prefix", prefix, DENO_PACKAGE], {
      stdio: "inherit",
    });
    if (result.status !== 0) return undefined;
  }
  return fs.existsSync(binary) ? binary : undefined;
}

async function main(): Promise<void> {
  const tslabCli = path.join(REPO, "node_modules", ".bin", "tslab");
  const deno = denoBinary();
  // This kernel as its kernelspec starts it (from the compiler snapshot, built first if missing).
  const env = kernelEnvironment();
  const snapshots = env[SNAPSHOT_DIR_VARIABLE];
  if (snapshots !== undefined && !fs.existsSync(snapshotBlobFile(snapshots)))
    await buildCompilerSnapshot(snapshots, kernelTypeRoot(), true);
  const contenders: Contender[] = [
    { name: "upsampling-lab", command: kernelCommand, env, withComms: true },
    { name: "stock tslab", command: (file) => [tslabCli, "kernel", "--config-path", file], withComms: false },
    ...(deno === undefined
      ? []
      : [{ name: "Deno", command: (file: string) => [deno, "jupyter", "--kernel", "--conn", file], withComms: false }]),
  ];
  const results: KernelTimings[] = [];
  for (const contender of contenders) {
    try {
      results.push(await measure(contender));
    } catch (error) {
      if (contender.withComms) throw error;
      console.log(`${contender.name}: not measured (${(error as Error).message.split("\n")[0]})`);
      results.push({
        startMs: NaN,
        firstResultMs: NaN,
        firstResultCpuMs: undefined,
        trivialMs: NaN,
        declarationMs: NaN,
        commMs: undefined,
        rssGrowthMb: undefined,
        afterHugeLiteralMs: NaN,
      });
    }
  }
  const [ours, stock] = results;
  const ms = (v: number | undefined): string =>
    v === undefined ? "n/a (no comms)" : Number.isNaN(v) ? "n/a" : `${v.toFixed(1)} ms`;
  const mb = (v: number | undefined): string => (v === undefined ? "n/a" : `${v.toFixed(0)} MB`);
  const perCell = (v: number | undefined): string => (v === undefined ? "n/a" : `${((v * 1024) / MEMORY_CELLS).toFixed(1)} kB`);
  const verdict = (ok: boolean): string => (ok ? "yes" : "NO");
  const column = (f: (r: KernelTimings) => string): string[] => results.map(f);
  const lines: string[][] = [
    ["metric", ...contenders.map((c) => c.name), "target", "met"],
    [
      `start -> first kernel_info_reply (median of ${LAUNCHES})`,
      ...column((r) => ms(r.startMs)),
      "<= stock tslab",
      verdict(ours.startMs <= stock.startMs),
    ],
    [
      `start -> first \`1+1\` result (median of ${LAUNCHES})`,
      ...column((r) => ms(r.firstResultMs)),
      `<= ${TARGETS.firstResultMs} ms`,
      verdict(ours.firstResultMs <= TARGETS.firstResultMs),
    ],
    [
      "  CPU time of the kernel process until then",
      ...column((r) => (r.firstResultCpuMs === undefined ? "n/a" : ms(r.firstResultCpuMs))),
      "(for reference)",
      "",
    ],
    [
      `\`1+1\` round trip (median of ${RUNS})`,
      ...column((r) => ms(r.trivialMs)),
      `<= ${TARGETS.trivialCellMs} ms`,
      verdict(ours.trivialMs <= TARGETS.trivialCellMs),
    ],
    [`declaration cell (median of ${RUNS})`, ...column((r) => ms(r.declarationMs)), "(for reference)", ""],
    [
      `comm update round trip (median of ${RUNS})`,
      ...column((r) => ms(r.commMs)),
      `<= ${TARGETS.commRoundTripMs} ms`,
      verdict((ours.commMs ?? Infinity) <= TARGETS.commRoundTripMs),
    ],
    [
      `RSS growth over ${MEMORY_CELLS} cells allocating 1 MB`,
      ...column((r) => mb(r.rssGrowthMb)),
      `<= ${TARGETS.rssGrowthMb} MB`,
      verdict((ours.rssGrowthMb ?? Infinity) <= TARGETS.rssGrowthMb),
    ],
    [
      "  per cell",
      ...column((r) => perCell(r.rssGrowthMb)),
      "<= stock tslab",
      verdict((ours.rssGrowthMb ?? Infinity) <= (stock.rssGrowthMb ?? -Infinity)),
    ],
    [
      "`1+1` after a 50 MB literal cell (median of 20)",
      ...column((r) => ms(r.afterHugeLiteralMs)),
      `<= ${TARGETS.afterHugeLiteralMs} ms`,
      verdict(ours.afterHugeLiteralMs <= TARGETS.afterHugeLiteralMs),
    ],
  ];
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  console.log("Kernel benchmark (same machine, same run)\n");
  console.log(row(lines[0], widths));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const line of lines.slice(1)) console.log(row(line, widths));
  console.log(
    `\nLoad average when done: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(", ")} on ${os.cpus().length} cores` +
      " (other processes stretch every wall-clock time; the CPU time row does not depend on them)." +
      "\nThis kernel answers kernel_info from its wire thread while the compiler starts; the first" +
      " `1+1` row shows when cells can run. Round trips: request to execute_reply / echoed comm_msg." +
      (deno === undefined
        ? "\nDeno's kernel: not measured (its npm package could not be installed, or this is not Linux x64)."
        : ""),
  );
}

main().catch((error: Error) => {
  console.error(`bench:kernel failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
