/**
 * Drives the JupyterLite worker's engine (kernel/lite/worker/engine.ts) in Node: the same module
 * the worker bundle runs, with the same compiler files, talking the messages of kernel/lite/protocol.ts.
 */
import fs from "node:fs";
import path from "node:path";
import * as ts from "@tslab/typescript-for-tslab";
import type { ExecuteMessage, MainToWorker, ReplyMessage, WorkerToMain } from "../../kernel/lite/protocol";
import { compileCacheKey, type CompileCache } from "../../kernel/lite/worker/compile-cache";
import { CellCompiler, compilerFilesOf, type CompileOutcome } from "../../kernel/lite/worker/compiler";
import { LiteKernel } from "../../kernel/lite/worker/engine";

const root = path.resolve(__dirname, "..", "..");
const packageVersion = String(
  (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: unknown }).version,
);

/** The compiler files the worker bundle carries (scripts/lib/lite-worker-build.mjs). */
export async function declarationFiles(): Promise<Record<string, string>> {
  const { liteDeclarationFiles } = (await import(path.join(root, "scripts", "lib", "lite-worker-build.mjs"))) as {
    liteDeclarationFiles(projectRoot: string): Record<string, string>;
  };
  return liteDeclarationFiles(root);
}

/** A file fetch over real HTTP (Node's fetch), as the worker does. */
async function fetchBytes(url: string): Promise<Uint8Array | undefined> {
  const response = await fetch(url);
  return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
}

/**
 * A compile cache in memory, standing for the browser's IndexedDB (which Node has not; the
 * IndexedDB one runs in lite-site's end-to-end tests). It counts what it was asked.
 */
export class MemoryCompileCache implements CompileCache {
  readonly entries = new Map<string, CompileOutcome>();
  hits = 0;
  misses = 0;

  async hasEntries(): Promise<boolean> {
    return this.entries.size > 0;
  }

  async get(declarations: string, code: string): Promise<CompileOutcome | undefined> {
    const outcome = this.entries.get(await compileCacheKey(declarations, code));
    if (outcome === undefined) this.misses++;
    else this.hits++;
    // A copy, as IndexedDB's structured clone gives.
    return outcome === undefined ? undefined : structuredClone(outcome);
  }

  async put(declarations: string, code: string, outcome: CompileOutcome): Promise<void> {
    this.entries.set(await compileCacheKey(declarations, code), structuredClone(outcome));
  }
}

/** A kernel and everything it sent. */
export class KernelHarness {
  readonly sent: WorkerToMain[] = [];
  readonly kernel: LiteKernel;
  private waiters: Array<() => void> = [];
  private counter = 0;

  /** What `postJsonSync` received (the synchronous requests `prompt()` makes). */
  readonly syncRequests: Array<{ url: string; body: unknown }> = [];
  /** The answer `postJsonSync` gives, as JupyterLite's kernel client does: the input_reply message. */
  syncAnswer: (body: unknown) => unknown = () => {
    throw new Error("no service worker");
  };

  constructor(files: Record<string, string>, compileCache?: CompileCache) {
    this.kernel = new LiteKernel({
      compileCache,
      // The compiler the worker's compiler script creates, over the same files.
      createCompiler: () => new CellCompiler(compilerFilesOf(files)),
      versions: { package: packageVersion, compiler: ts.version },
      post: (message) => {
        this.sent.push(message);
        for (const wake of this.waiters.splice(0)) wake();
      },
      fetchBytes,
      // Stands for the synchronous XMLHttpRequest to JupyterLite's service worker, which Node has not
      // (the worker and the service worker meet only in Chromium: lite-site's end-to-end tests).
      postJsonSync: (url, body) => {
        this.syncRequests.push({ url, body });
        return this.syncAnswer(body);
      },
    });
  }

  /** Sends `message` to the kernel. */
  send(message: MainToWorker): void {
    this.kernel.handle(message);
  }

  /** Resolves with the first sent message (from `from` on) matching `test`. */
  async waitFor<T extends WorkerToMain>(test: (m: WorkerToMain) => m is T, from = 0): Promise<T> {
    for (;;) {
      const found = this.sent.slice(from).find(test);
      if (found !== undefined) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Runs `code` as a cell; resolves with its reply and the outputs sent for it. */
  async execute(
    code: string,
    options: Partial<ExecuteMessage> = {},
  ): Promise<{ reply: ReplyMessage; outputs: Array<{ msgType: string; content: Record<string, unknown> }> }> {
    const msgId = `exec-${++this.counter}`;
    const from = this.sent.length;
    this.send({ type: "execute", msgId, code, silent: false, storeHistory: true, allowStdin: false, ...options });
    const reply = await this.waitFor((m): m is ReplyMessage => m.type === "reply" && m.msgId === msgId, from);
    const outputs = this.sent
      .slice(from)
      .filter((m) => m.type === "output" && m.parentMsgId === msgId)
      .map((m) => m as { msgType: string; content: Record<string, unknown> });
    return { reply, outputs };
  }

  /** Sends a request that has one reply and resolves with the reply's content. */
  async request(message: MainToWorker & { msgId: string }): Promise<Record<string, unknown>> {
    const from = this.sent.length;
    this.send(message);
    const reply = await this.waitFor((m): m is ReplyMessage => m.type === "reply" && m.msgId === message.msgId, from);
    return reply.content;
  }
}
