/**
 * Kernel benchmark (`npm run bench:kernel`): this kernel against stock tslab 1.0.22 (its own CLI,
 * `tslab kernel --config-path <file>`, used here for timing only), measured in the same run on the
 * same machine, through the same ZeroMQ client as the protocol tests.
 *
 * - start: process spawn to the first kernel_info_reply (and to the first `1+1` result);
 * - execute round trips of `1+1` and of a declaration cell, median of 50 (request to execute_reply);
 * - comm update round trip (this kernel only; tslab has no comms), median of 50.
 */
import * as path from "node:path";
import { KernelClient, REPO } from "../tests/kernel/kernel-client";

/** Targets from the kernel issue. */
const TARGETS = { trivialCellMs: 10, commRoundTripMs: 5 };
const RUNS = 50;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface KernelTimings {
  startMs: number;
  firstResultMs: number;
  trivialMs: number;
  declarationMs: number;
  commMs: number | undefined;
}

type Command = ((connectionFile: string) => string[]) | undefined;

/**
 * Request to execute_reply. The idle status is awaited afterwards (not timed, short grace) so
 * requests do not overlap: stock tslab does not await its sends and sometimes loses iopub messages.
 */
async function executeTime(client: KernelClient, code: string, timeoutMs = 20_000): Promise<number> {
  const started = performance.now();
  const msgId = await client.send("shell", "execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
  const reply = await client.reply(msgId, timeoutMs);
  const elapsed = performance.now() - started;
  if (reply.content.status !== "ok") throw new Error(`benchmark cell failed: ${code}: ${JSON.stringify(reply.content)}`);
  await client.idle(msgId, 500).catch(() => undefined);
  return elapsed;
}

async function measure(command: Command, withComms: boolean): Promise<KernelTimings> {
  const started = performance.now();
  const client = await KernelClient.start({ command, cwd: path.join(REPO, "notebooks"), wait: false });
  try {
    await client.reply(await client.send("shell", "kernel_info_request", {}), 60_000);
    const startMs = performance.now() - started;
    await executeTime(client, "1+1", 60_000);
    const firstResultMs = performance.now() - started;
    for (let i = 0; i < 5; i++) await executeTime(client, "1+1"); // warm-up
    const trivial: number[] = [];
    for (let i = 0; i < RUNS; i++) trivial.push(await executeTime(client, "1+1"));
    const declaration: number[] = [];
    for (let i = 0; i < RUNS; i++) declaration.push(await executeTime(client, `const value${i}: number = ${i} * 2;`));
    let commMs: number | undefined;
    if (withComms) {
      await client.execute(
        'const bridge = (globalThis as any)[Symbol.for("upsampling-lab.kernel-bridge.v1")];\n' +
          'bridge.registerCommTarget("bench.echo", (comm: any) => comm.onMsg((msg: any) => comm.send({ method: "update", state: msg.data.state })));',
      );
      const openId = await client.send("shell", "comm_open", { comm_id: "bench-echo", target_name: "bench.echo", data: {} });
      await client.idle(openId);
      const rounds: number[] = [];
      for (let i = 0; i < RUNS + 5; i++) {
        const t0 = performance.now();
        const msgId = await client.send("shell", "comm_msg", { comm_id: "bench-echo", data: { method: "update", state: { value: i } } });
        await client.iopub((m) => m.header.msg_type === "comm_msg" && m.parent_header.msg_id === msgId);
        if (i >= 5) rounds.push(performance.now() - t0);
      }
      commMs = median(rounds);
    }
    return { startMs, firstResultMs, trivialMs: median(trivial), declarationMs: median(declaration), commMs };
  } finally {
    await client.close();
  }
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i])).join(" | ");
}

async function main(): Promise<void> {
  const tslabCli = path.join(REPO, "node_modules", ".bin", "tslab");
  const ours = await measure(undefined, true);
  const stock = await measure((file) => [tslabCli, "kernel", "--config-path", file], false);
  const ms = (v: number | undefined): string => (v === undefined ? "n/a (no comms)" : `${v.toFixed(1)} ms`);
  const verdict = (ok: boolean): string => (ok ? "yes" : "NO");
  const lines: string[][] = [
    ["metric", "upsampling-lab", "stock tslab", "target", "met"],
    ["start -> first kernel_info_reply", ms(ours.startMs), ms(stock.startMs), "<= stock tslab", verdict(ours.startMs <= stock.startMs)],
    ["start -> first `1+1` result", ms(ours.firstResultMs), ms(stock.firstResultMs), "(for reference)", ""],
    [`\`1+1\` round trip (median of ${RUNS})`, ms(ours.trivialMs), ms(stock.trivialMs), `<= ${TARGETS.trivialCellMs} ms`, verdict(ours.trivialMs <= TARGETS.trivialCellMs)],
    [`declaration cell (median of ${RUNS})`, ms(ours.declarationMs), ms(stock.declarationMs), "(for reference)", ""],
    [`comm update round trip (median of ${RUNS})`, ms(ours.commMs), ms(undefined), `<= ${TARGETS.commRoundTripMs} ms`, verdict((ours.commMs ?? Infinity) <= TARGETS.commRoundTripMs)],
  ];
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  console.log("Kernel benchmark (same machine, same run)\n");
  console.log(row(lines[0], widths));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const line of lines.slice(1)) console.log(row(line, widths));
  console.log(
    "\nThis kernel answers kernel_info from its wire thread while the compiler starts; the first" +
      " `1+1` row shows when cells can run. Round trips: request to execute_reply / echoed comm_msg.",
  );
}

main().catch((error: Error) => {
  console.error(`bench:kernel failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
