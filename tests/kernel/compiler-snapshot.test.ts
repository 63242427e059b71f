/**
 * The kernel started as its kernelspec starts it, through the compiler snapshot
 * (kernel/src/compiler-snapshot.ts): without a blob the kernel starts as usual and builds one after
 * its first cell; the next start uses it, and cells behave exactly as without it (results, type
 * errors fail the cell, doc comments of lib and Node declarations, imports of Node modules); with
 * V8 flags in NODE_OPTIONS the kernel starts without it.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { SNAPSHOT_DIR_VARIABLE, snapshotBlobFile } from "../../kernel/src/compiler-snapshot";
import { KernelClient, ofType, REPO, requireBuiltKernel } from "./kernel-client";

/** The built installer's command and environment (they name dist/kernel/src/main.js). */
const { kernelCommand, kernelEnvironment } = createRequire(__filename)(
  path.join(REPO, "dist", "kernel", "src", "install.js"),
) as typeof import("../../kernel/src/install");

describe.runIf(process.platform === "linux")("kernel started from the compiler snapshot", { timeout: 300_000 }, () => {
  it("builds the snapshot after the first cell, then starts from it with the same cell behaviour", async () => {
    requireBuiltKernel();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kernel-snapshot-"));
    const env = { ...kernelEnvironment(), [SNAPSHOT_DIR_VARIABLE]: folder };
    const first = await KernelClient.start({ command: kernelCommand, env });
    try {
      await first.execute("1+1", { timeoutMs: 120_000 });
      const blob = snapshotBlobFile(folder);
      for (let waited = 0; !fs.existsSync(blob); waited += 500) {
        if (waited > 200_000) throw new Error(`no snapshot built in ${folder}; kernel log:\n${first.stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(first.stderr).toContain("compiler snapshot: none");
    } finally {
      await first.close();
    }
    const k = await KernelClient.start({ command: kernelCommand, env });
    try {
      const { outputs } = await k.execute(
        'import * as fs from "node:fs";\nconst n: number = Math.max(1, fs.existsSync(".") ? 2 : 0);\nn',
        {
          timeoutMs: 120_000,
        },
      );
      expect(k.stderr).toMatch(/compiler snapshot: used, \d+ of its \d+ parsed files taken/);
      expect(ofType(outputs, "execute_result")[0].content.data).toMatchObject({ "text/plain": "2" });
      const failed = await k.execute('const s: string = 1;\n"not reached"');
      expect(failed.reply.content.status).toBe("error");
      expect(JSON.stringify(ofType(failed.outputs, "error")[0].content)).toContain("is not assignable to type 'string'");
      const hover = async (code: string): Promise<string> => {
        const inspect = await k.reply(
          await k.send("shell", "inspect_request", { code, cursor_pos: code.length, detail_level: 0 }),
        );
        return String((inspect.content.data as Record<string, string>)["text/plain"]);
      };
      expect(await hover("Math.max")).toContain("Returns the larger of a set of supplied numeric expressions.");
      expect(await hover("fs.existsSync")).toMatch(/Returns `true` if the path exists/);
    } finally {
      await k.close();
    }
    // V8 flags in NODE_OPTIONS would make Node refuse the blob (exit 14): the launcher starts without it.
    const withFlags = await KernelClient.start({
      command: kernelCommand,
      env: { ...env, NODE_OPTIONS: "--max-old-space-size=4096" },
    });
    try {
      const { outputs } = await withFlags.execute("1+1", { timeoutMs: 120_000 });
      expect(ofType(outputs, "execute_result")[0].content.data).toMatchObject({ "text/plain": "2" });
      expect(withFlags.stderr).toContain("compiler snapshot: none");
    } finally {
      await withFlags.close();
    }
  });
});
