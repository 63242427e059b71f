/**
 * The kernel over ZeroMQ, driven by the test client in kernel-client.ts: signing, forgeries,
 * rich output, errors, buffers both ways, comms, widget control, interrupt (both modes),
 * heartbeat during a blocking cell, abort semantics, malformed input, shutdown and restart.
 */
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KernelClient, MAIN_JS, ofType, requireBuiltKernel, writeConnectionFile } from "./kernel-client";

const BRIDGE = 'const bridge = (globalThis as any)[Symbol.for("upsampling-lab.kernel-bridge.v1")];';

describe("kernel wire protocol", { timeout: 120_000 }, () => {
  let k: KernelClient;

  beforeAll(async () => {
    requireBuiltKernel();
    k = await KernelClient.start();
  });

  afterAll(async () => {
    await k?.close();
  });

  it("answers kernel_info with status and TypeScript language_info, correctly signed", async () => {
    const reply = await k.reply(await k.send("shell", "kernel_info_request", {}));
    expect(reply.header.msg_type).toBe("kernel_info_reply");
    expect(reply.content.status).toBe("ok");
    expect(reply.content.protocol_version).toBe("5.3");
    const info = reply.content.language_info as Record<string, string>;
    expect(info).toMatchObject({
      name: "typescript",
      file_extension: ".ts",
      mimetype: "text/typescript",
      codemirror_mode: "typescript",
    });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(String(reply.content.banner)).toContain("TypeScript");
    expect(k.badSignatures).toBe(0);
  });

  it("runs cells: execute_input, streams, execute_result with a rich bundle, busy/idle", async () => {
    const { reply, outputs } = await k.execute(
      'import { tensor } from "upsampling-lab";\nconsole.log("out");\nconsole.error("err");\ntensor([[1, 2], [3, 4]])',
    );
    expect(reply.content.status).toBe("ok");
    const types = outputs.map((m) => m.header.msg_type);
    expect(types[0]).toBe("status");
    expect(types.at(-1)).toBe("status");
    expect(ofType(outputs, "execute_input")[0].content.code).toContain("tensor");
    expect(ofType(outputs, "stream").map((m) => [m.content.name, m.content.text])).toEqual([
      ["stdout", "out\n"],
      ["stderr", "err\n"],
    ]);
    const result = ofType(outputs, "execute_result")[0];
    expect(Object.keys(result.content.data as object)).toEqual(expect.arrayContaining(["text/plain", "image/svg+xml"]));
    expect(result.content.execution_count).toBe(reply.content.execution_count);
  });

  it("routes output from later timers to the cell that started them", async () => {
    const { msgId } = await k.execute('setTimeout(() => console.log("late"), 150);');
    const late = await k.iopub((m) => m.header.msg_type === "stream" && m.content.text === "late\n");
    expect(late.parent_header.msg_id).toBe(msgId);
  });

  it("reports TypeScript diagnostics with line and column", async () => {
    const { reply, outputs } = await k.execute("const ok = 1;\nconst s: string = 42;");
    expect(reply.content.status).toBe("error");
    expect(reply.content.ename).toBe("TypeScriptError");
    expect(String(reply.content.evalue)).toContain("2:7");
    expect(ofType(outputs, "error")).toHaveLength(1);
  });

  it("resolves earlier cells' names in shorthand properties, patterns, templates and typeof", async () => {
    const value = async (code: string): Promise<unknown> => {
      const { reply, outputs } = await k.execute(code);
      expect(reply.content, code).toMatchObject({ status: "ok" });
      return (ofType(outputs, "execute_result")[0]?.content.data as Record<string, unknown> | undefined)?.["text/plain"];
    };
    await value("const sa = 1;\nlet sm = 5;\nfunction sf() { return 2; }\nclass SK { x = 3; }");
    expect(await value("const so = { sa };\nso")).toBe("{ sa: 1 }");
    expect(await value("({ sf, SK, sm, n: sf() })")).toBe("{ sf: [Function: sf], SK: [class SK], sm: 5, n: 2 }");
    expect(await value("[10].map((v) => ({ v, sa }))")).toBe("[ { v: 10, sa: 1 } ]");
    expect(await value("const { sb = sa } = {} as { sb?: number };\nsb")).toBe("1");
    expect(await value("`${sa}-${sm}`")).toBe("'1-5'");
    expect(await value("typeof sa")).toBe("'number'");
    // Destructuring assignment to an earlier cell's variable updates it (it used to create a global).
    expect(await value("({ sm } = { sm: 9 });\nsm")).toBe("9");
    expect(await value("({ sm = sa } = {} as { sm?: number });\nsm")).toBe("1");
    expect(await value('typeof (globalThis as Record<string, unknown>)["sm"]')).toBe("'undefined'");
    // Diagnostics still point at the cell's own columns after the expansion.
    const { reply } = await k.execute("const sp = { sa, sm };\nconst sq: string = sa;");
    expect(String(reply.content.evalue)).toContain("2:7");
    const { reply: missing } = await k.execute("const sr = { sa, nowhere };");
    expect(String(missing.content.evalue)).toContain("1:18");
  });

  it("destructures with renamed properties, defaults and rest of an earlier cell's value", async () => {
    const value = async (code: string): Promise<unknown> => {
      const { reply, outputs } = await k.execute(code);
      expect(reply.content, code).toMatchObject({ status: "ok" });
      return (ofType(outputs, "execute_result")[0]?.content.data as Record<string, unknown> | undefined)?.["text/plain"];
    };
    await value("function rf() { return { grad: 1, loss: 2, inner: { deep: 3 } }; }");
    // tslab used to rewrite the property name `grad` itself (declared in the earlier cell): `{ exports, grad: g0 }`.
    expect(await value("const { grad: rg } = rf();\nrg + 1")).toBe("2");
    expect(await value("let { loss: rl = 5, ...rrest } = rf();\n[rl, rrest]")).toBe("[ 2, { grad: 1, inner: { deep: 3 } } ]");
    expect(await value("const { inner: { deep: rd } } = rf();\nrd")).toBe("3");
    expect(await value("[rg, rl, rd]")).toBe("[ 1, 2, 3 ]");
    // A type error after a quoted name still points at the author's column.
    const { reply } = await k.execute("const { grad: rh } = rf();\nconst ri: string = rh;");
    expect(String(reply.content.evalue)).toContain("2:7");
  });

  it("keeps a huge literal out of what later cells are checked against (its type becomes string)", async () => {
    const { reply } = await k.execute(
      `const hugeText = "${"x".repeat(2_000_000)}";\nconst hugeNumber = ${"9".repeat(20_000)};\nconst smallText = "abc";`,
    );
    expect(reply.content.status).toBe("ok");
    const hover = async (name: string): Promise<string> => {
      const inspect = await k.reply(
        await k.send("shell", "inspect_request", { code: name, cursor_pos: name.length, detail_level: 0 }),
      );
      return String((inspect.content.data as Record<string, string>)["text/plain"]);
    };
    expect(await hover("hugeText")).toBe("const hugeText: string");
    expect(await hover("hugeNumber")).toBe("const hugeNumber: number");
    expect(await hover("smallText")).toBe('const smallText: "abc"');
    const { outputs } = await k.execute("hugeText.length + smallText.length");
    expect(ofType(outputs, "execute_result")[0].content.data).toMatchObject({ "text/plain": "2000003" });
  });

  it("keeps the heap bounded over many cells: the dead compiler state of earlier cells is collected", async () => {
    const heapUsed = async (): Promise<number> => {
      const { outputs } = await k.execute("process.memoryUsage().heapUsed");
      return Number((ofType(outputs, "execute_result")[0].content.data as Record<string, string>)["text/plain"]);
    };
    const before = await heapUsed();
    // Each cell compiles a new TypeScript program; the previous one dies in the old generation.
    for (let i = 0; i < 300; i++) await k.execute(`new Float64Array(131072).fill(${i}).length`);
    const growth = (await heapUsed()) - before;
    expect(growth, `heap grew by ${(growth / 2 ** 20).toFixed(0)} MB`).toBeLessThan(64 * 2 ** 20);
  });

  it("reports exceptions with a traceback pointing at the cell line", async () => {
    const { reply } = await k.execute(
      'function fail(n: number) {\n  const doubled = n * 2;\n  throw new RangeError("bad " + doubled);\n}\nfail(2);',
    );
    expect(reply.content).toMatchObject({ status: "error", ename: "RangeError", evalue: "bad 4" });
    const traceback = (reply.content.traceback as string[]).join("\n");
    expect(traceback).toContain("line 3");
    expect(traceback).toContain('throw new RangeError("bad " + doubled);');
  });

  it("runs the next request normally right after an error (no abort window)", async () => {
    await k.execute('throw new Error("first")');
    const { reply } = await k.execute("40 + 2");
    expect(reply.content.status).toBe("ok");
  });

  it("aborts only the execute requests queued when the error happened", async () => {
    const failing = await k.send("shell", "execute_request", {
      code: 'const until = Date.now() + 400; while (Date.now() < until) {} throw new Error("x");',
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    const queued = await k.send("shell", "execute_request", {
      code: "1",
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    expect((await k.reply(failing)).content.status).toBe("error");
    expect((await k.reply(queued)).content.status).toBe("aborted");
    expect((await k.execute("2")).reply.content.status).toBe("ok");
  });

  it("drops messages with a bad or missing signature without running them", async () => {
    const code = "(globalThis as any).forged = 1;";
    const forged = await k.send(
      "shell",
      "execute_request",
      { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false },
      { signature: "0".repeat(64) },
    );
    const unsigned = await k.send(
      "shell",
      "execute_request",
      { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false },
      { signature: "" },
    );
    const { outputs } = await k.execute("typeof (globalThis as any).forged");
    expect(ofType(outputs, "execute_result")[0].content.data).toMatchObject({ "text/plain": "'undefined'" });
    expect(k.replies.has(forged)).toBe(false);
    expect(k.replies.has(unsigned)).toBe(false);
  });

  it("runs a replayed byte-identical signed execute_request once, and logs the replay", async () => {
    const { msgId, frames } = k.frames("execute_request", {
      code: "(globalThis as any).replays = ((globalThis as any).replays ?? 0) + 1;",
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
    });
    await k.sendRaw(frames);
    expect((await k.reply(msgId)).content.status).toBe("ok");
    await k.sendRaw(frames);
    const { outputs } = await k.execute("(globalThis as any).replays");
    expect(ofType(outputs, "execute_result")[0].content.data).toMatchObject({ "text/plain": "1" });
    expect(k.stderrCount(`dropped a replayed message (execute_request ${msgId}`)).toBe(1);
  });

  it("displays, updates and clears outputs through the bridge", async () => {
    const { outputs } = await k.execute(
      `${BRIDGE}\nawait bridge.display({ "text/html": "<b>a</b>", "text/plain": "a" }, { displayId: "d1" });\nawait bridge.display({ "text/plain": "b" }, { displayId: "d1", update: true });\nawait bridge.clearOutput(true);`,
    );
    expect(ofType(outputs, "display_data")[0].content).toMatchObject({
      data: { "text/html": "<b>a</b>" },
      transient: { display_id: "d1" },
    });
    expect(ofType(outputs, "update_display_data")[0].content).toMatchObject({
      data: { "text/plain": "b" },
      transient: { display_id: "d1" },
    });
    expect(ofType(outputs, "clear_output")[0].content).toEqual({ wait: true });
  });

  it("opens a comm from the kernel with binary buffers", async () => {
    const { outputs } = await k.execute(
      `${BRIDGE}\nawait bridge.openComm("test.target", { hello: 1 }, { buffers: [new Float32Array([1, 2, 3])], commId: "kernel-comm-1" });`,
    );
    const open = ofType(outputs, "comm_open")[0];
    expect(open.content).toMatchObject({ comm_id: "kernel-comm-1", target_name: "test.target", data: { hello: 1 } });
    expect(
      Array.from(new Float32Array(open.buffers[0].buffer.slice(open.buffers[0].byteOffset, open.buffers[0].byteOffset + 12))),
    ).toEqual([1, 2, 3]);
  });

  it("round-trips comm messages with buffers from the frontend; handler output has the comm_msg as parent", async () => {
    await k.execute(
      `${BRIDGE}\nbridge.registerCommTarget("echo", (comm: any) => {\n  comm.onMsg(async (msg: any) => {\n    console.log("handler saw", msg.data.n);\n    await comm.send({ echo: msg.data.n, sizes: msg.buffers.map((b: DataView) => b.byteLength) }, { buffers: msg.buffers });\n  });\n});`,
    );
    const openId = await k.send("shell", "comm_open", { comm_id: "echo-1", target_name: "echo", data: {} });
    await k.idle(openId);
    const info = await k.reply(await k.send("shell", "comm_info_request", { target_name: "echo" }));
    expect(info.content).toEqual({ status: "ok", comms: { "echo-1": { target_name: "echo" } } });
    const msgId = await k.send(
      "shell",
      "comm_msg",
      { comm_id: "echo-1", data: { n: 7 } },
      { buffers: [Uint8Array.from([9, 8, 7, 6])] },
    );
    const outputs = await k.idle(msgId);
    const echoed = ofType(outputs, "comm_msg")[0];
    expect(echoed.content).toMatchObject({ comm_id: "echo-1", data: { echo: 7, sizes: [4] } });
    expect(Array.from(echoed.buffers[0])).toEqual([9, 8, 7, 6]);
    expect(ofType(outputs, "stream")[0].content.text).toBe("handler saw 7\n");
    const closeId = await k.send("shell", "comm_close", { comm_id: "echo-1", data: {} });
    await k.idle(closeId);
    const after = await k.reply(await k.send("shell", "comm_info_request", {}));
    expect(Object.keys(after.content.comms as object)).not.toContain("echo-1");
  });

  it("closes frontend comms for unknown targets at once and ignores unknown comm ids", async () => {
    const openId = await k.send("shell", "comm_open", { comm_id: "nobody-1", target_name: "no.such.target", data: {} });
    const outputs = await k.idle(openId);
    expect(ofType(outputs, "comm_close")[0].content).toMatchObject({ comm_id: "nobody-1" });
    const msgId = await k.send("shell", "comm_msg", { comm_id: "never-opened", data: {} });
    await k.idle(msgId);
  });

  it("answers jupyter.widget.control request_states with every live widget state", async () => {
    await k.execute(
      `${BRIDGE}\nbridge.registerWidgetStateProvider(() => ({ "model-1": { model_name: "IntSliderModel", model_module: "@jupyter-widgets/controls", model_module_version: "2.0.0", state: { value: 3 }, buffer_paths: [["data"]], buffers: [new Uint8Array([5, 6])] } }));`,
    );
    const openId = await k.send("shell", "comm_open", { comm_id: "control-1", target_name: "jupyter.widget.control", data: {} });
    await k.idle(openId);
    const msgId = await k.send("shell", "comm_msg", { comm_id: "control-1", data: { method: "request_states" } });
    const update = ofType(await k.idle(msgId), "comm_msg")[0];
    expect(update.content.data).toMatchObject({
      method: "update_states",
      states: { "model-1": { model_name: "IntSliderModel", model_module_version: "2.0.0", state: { value: 3 } } },
      buffer_paths: [["model-1", "state", "data"]],
    });
    expect(Array.from(update.buffers[0])).toEqual([5, 6]);
  });

  it("honours silent and evaluates user_expressions", async () => {
    const before = (await k.execute("0")).reply.content.execution_count as number;
    const silentId = await k.send("shell", "execute_request", {
      code: "console.log('quiet'); 5",
      silent: true,
      store_history: false,
      user_expressions: {},
      allow_stdin: false,
    });
    const silentReply = await k.reply(silentId);
    const silentOutputs = await k.idle(silentId);
    expect(silentReply.content).toMatchObject({ status: "ok", execution_count: before });
    expect(silentOutputs.map((m) => m.header.msg_type).filter((t) => t === "execute_input" || t === "execute_result")).toEqual(
      [],
    );
    const withExpressions = await k.send("shell", "execute_request", {
      code: "const twelve = 12;",
      silent: false,
      store_history: true,
      user_expressions: { double: "twelve * 2", bad: "nope +" },
      allow_stdin: false,
    });
    const reply = await k.reply(withExpressions);
    const expressions = reply.content.user_expressions as Record<string, Record<string, unknown>>;
    expect(expressions.double).toMatchObject({ status: "ok", data: { "text/plain": "24" } });
    expect(expressions.bad.status).toBe("error");
  });

  it("serves the library's own widgets: comm_open, update_states, frontend updates reach observers", async () => {
    const { reply, outputs } = await k.execute(
      'import { IntSlider } from "upsampling-lab/widgets";\nconst slider = new IntSlider({ value: 3, min: 0, max: 9 });\nslider.observe("value", (e: any) => console.log("value now", e.new));\nslider',
    );
    expect(reply.content.status, JSON.stringify(reply.content)).toBe("ok");
    const open = ofType(outputs, "comm_open").find(
      (m) => (m.content.data as { state: { _model_name: string } }).state._model_name === "IntSliderModel",
    );
    expect(open?.metadata).toMatchObject({ version: "2.1.0" });
    const modelId = open!.content.comm_id as string;
    const view = ofType(outputs, "execute_result")[0].content.data as Record<string, { model_id: string }>;
    expect(view["application/vnd.jupyter.widget-view+json"].model_id).toBe(modelId);

    const openId = await k.send("shell", "comm_open", {
      comm_id: "control-lib",
      target_name: "jupyter.widget.control",
      data: {},
    });
    await k.idle(openId);
    const statesId = await k.send("shell", "comm_msg", { comm_id: "control-lib", data: { method: "request_states" } });
    const states = (
      ofType(await k.idle(statesId), "comm_msg")[0].content.data as {
        states: Record<string, { model_name: string; state: { value?: number } }>;
      }
    ).states;
    expect(states[modelId]).toMatchObject({ model_name: "IntSliderModel", state: { value: 3 } });

    const updateId = await k.send("shell", "comm_msg", {
      comm_id: modelId,
      data: { method: "update", state: { value: 7 }, buffer_paths: [] },
    });
    const printed = ofType(await k.idle(updateId), "stream")[0];
    expect(printed.content.text).toBe("value now 7\n");
    expect(printed.parent_header.msg_id).toBe(updateId);
  });

  it("answers complete, inspect (with doc comments), is_complete and history", async () => {
    const complete = await k.reply(await k.send("shell", "complete_request", { code: "Math.fl", cursor_pos: 7 }));
    expect(complete.content).toMatchObject({ status: "ok", matches: ["floor"], cursor_start: 5, cursor_end: 7 });
    expect(complete.content.metadata).toEqual({
      _jupyter_types_experimental: [{ start: 5, end: 7, text: "floor", type: "method" }],
    });
    const inspect = await k.reply(
      await k.send("shell", "inspect_request", {
        code: 'import { zeros } from "upsampling-lab";\nzeros',
        cursor_pos: 45,
        detail_level: 0,
      }),
    );
    expect(inspect.content.found).toBe(true);
    expect(String((inspect.content.data as Record<string, string>)["text/plain"])).toMatch(/zeros[\s\S]*\n\n\S/);
    const incomplete = await k.reply(await k.send("shell", "is_complete_request", { code: "if (a) {" }));
    expect(incomplete.content).toMatchObject({ status: "incomplete" });
    await k.execute("const first = 1;");
    await k.execute("first + 1");
    const history = await k.reply(
      await k.send("shell", "history_request", { output: true, raw: true, hist_access_type: "tail", n: 2 }),
    );
    expect((history.content.history as unknown[][]).map((h) => h[2])).toEqual([
      ["const first = 1;", null],
      ["first + 1", "2"],
    ]);
  });

  it("keeps the heartbeat answering while a synchronous cell blocks", async () => {
    const msgId = await k.send("shell", "execute_request", {
      code: "const stop = Date.now() + 1500; while (Date.now() < stop) {}",
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
    });
    await k.iopub((m) => m.parent_header.msg_id === msgId && m.header.msg_type === "execute_input");
    const times = [await k.ping(), await k.ping(), await k.ping()];
    expect(k.replies.has(msgId)).toBe(false); // still running
    expect(Math.max(...times)).toBeLessThan(1000);
    await k.reply(msgId);
  });

  it.each(["message", "signal"] as const)("interrupts a busy synchronous loop and a pending await (%s mode)", async (mode) => {
    for (const code of ["while (true) {}", "await new Promise(() => {});"]) {
      const msgId = await k.send("shell", "execute_request", {
        code,
        silent: false,
        store_history: true,
        user_expressions: {},
        allow_stdin: false,
      });
      await k.iopub((m) => m.parent_header.msg_id === msgId && m.header.msg_type === "execute_input");
      await new Promise((r) => setTimeout(r, 300));
      if (mode === "message") {
        const interrupt = await k.reply(await k.send("control", "interrupt_request", {}));
        expect(interrupt.content).toEqual({ status: "ok" });
      } else {
        k.process.kill("SIGINT");
      }
      const reply = await k.reply(msgId, 10_000);
      expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
      const next = await k.execute("1 + 1");
      expect(
        next.outputs.some((m) => m.header.msg_type === "execute_result"),
        JSON.stringify([next.reply.content, next.outputs.map((m) => m.content)]),
      ).toBe(true);
    }
  });

  it("says so when an interrupt cannot stop code outside notebook cells that never returns", async () => {
    const client = await KernelClient.start();
    try {
      // Atomics.wait blocks inside Node itself, where no loop check can run.
      const code =
        'import { writeSync } from "node:fs";\nawait new Promise((r) => setTimeout(r, 10));\nwriteSync(2, "[mark] blocking\\n");\nAtomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);';
      const msgId = await client.send("shell", "execute_request", {
        code,
        silent: false,
        store_history: true,
        user_expressions: {},
        allow_stdin: false,
      });
      await client.stderrText("[mark] blocking", 0);
      await new Promise((r) => setTimeout(r, 100));
      await client.reply(await client.send("control", "interrupt_request", {}));
      const note = await client.iopub(
        (m) => m.header.msg_type === "stream" && String(m.content.text).includes("still busy"),
        10_000,
      );
      expect(note.parent_header.msg_id).toBe(msgId);
      expect(await client.ping()).toBeLessThan(1000); // the heartbeat still answers: the frontend can restart
    } finally {
      await client.close();
    }
  });

  it("survives malformed frames, bad JSON, unknown types and oversized parts", async () => {
    const valid = k.frames("kernel_info_request", {});
    const signedParts = (content: string): Array<Buffer | string> => {
      const { frames } = k.frames("execute_request", {});
      const parts = frames.slice(2, 5).map((p) => Buffer.from(p as Buffer));
      const all = [...parts, Buffer.from(content)];
      const hmac = createHmac("sha256", k.info.key as string);
      for (const p of all) hmac.update(p);
      return ["<IDS|MSG>", hmac.digest("hex"), ...all];
    };
    await k.sendRaw(["no delimiter here"]);
    await k.sendRaw(["<IDS|MSG>"]);
    await k.sendRaw(valid.frames.slice(0, 4));
    await k.sendRaw(signedParts("{not json"));
    await k.sendRaw(signedParts("[1, 2]"));
    await k.sendRaw(signedParts(JSON.stringify({ code: "x".repeat(65 * 1024 * 1024) })));
    const unknown = await k.reply(await k.send("shell", "frobnicate_request", {}));
    expect(unknown.content).toMatchObject({ status: "error", ename: "UnknownMessageType" });
    await k.send("shell", "no_such_message", { a: 1 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.constant(Uint8Array.from(Buffer.from("<IDS|MSG>")))), {
          minLength: 1,
          maxLength: 8,
        }),
        async (frames) => {
          await k.sendRaw(frames);
        },
      ),
      { numRuns: 200 },
    );
    const { reply } = await k.execute("1 + 1");
    expect(reply.content.status).toBe("ok");
    expect(k.process.exitCode).toBeNull();
  });

  it("survives a client that disconnects mid-request", async () => {
    const zmq = await import("zeromq");
    const dealer = new zmq.Dealer();
    dealer.connect(`tcp://127.0.0.1:${k.info.shell_port as number}`);
    const { frames } = k.frames("execute_request", {
      code: "await new Promise((r) => setTimeout(r, 300)); 5",
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
    });
    await dealer.send(frames);
    dealer.close();
    await new Promise((r) => setTimeout(r, 500));
    expect((await k.execute("6")).reply.content.status).toBe("ok");
  });
});

describe.each(["message", "signal"] as const)(
  "interrupting loops outside the cell body (%s mode)",
  { timeout: 120_000 },
  (mode) => {
    let k: KernelClient;

    beforeAll(async () => {
      requireBuiltKernel();
      // Jupyter starts kernels in their own session and sends SIGINT to the process group.
      k = await KernelClient.start({ ownProcessGroup: true });
      // mark(): written synchronously to the kernel's stderr, so the test knows the loop has started
      // (an interrupt that came earlier would hit the await before it, which is another test).
      const setup =
        'import { writeSync } from "node:fs";\nconst kept = 41;\nfunction mark(name: string): void { writeSync(2, `[mark] ${name}\\n`); }\nfunction spinForever(): number { mark("spinForever"); let n = 0; for (;;) n++; }';
      expect((await k.execute(setup)).reply.content.status).toBe("ok");
    });

    /** Runs `start` and waits until the code marked `name` runs (then the loop right after it spins). */
    async function spinning<T>(name: string, start: () => Promise<T>): Promise<T> {
      const seen = k.stderrCount(`[mark] ${name}\n`);
      const result = await start();
      await k.stderrText(`[mark] ${name}\n`, seen);
      await new Promise((r) => setTimeout(r, 50));
      return result;
    }

    afterAll(async () => {
      await k?.close();
    });

    async function interrupt(): Promise<void> {
      if (mode === "message")
        expect((await k.reply(await k.send("control", "interrupt_request", {}))).content).toEqual({ status: "ok" });
      else k.interruptWithSignal();
    }

    /** The kernel runs the next cell normally and the earlier cell's variable kept its value. */
    async function expectUsable(): Promise<void> {
      const { reply, outputs } = await k.execute("1 + 1", { timeoutMs: 10_000 });
      expect(reply.content.status).toBe("ok");
      expect((ofType(outputs, "execute_result")[0].content.data as Record<string, string>)["text/plain"]).toBe("2");
      const kept = await k.execute("kept");
      expect((ofType(kept.outputs, "execute_result")[0].content.data as Record<string, string>)["text/plain"]).toBe("41");
    }

    function send(code: string): Promise<string> {
      return k.send("shell", "execute_request", {
        code,
        silent: false,
        store_history: true,
        user_expressions: {},
        allow_stdin: false,
      });
    }

    it("stops a loop after an await, even one whose body catches the interrupt", async () => {
      const msgId = await spinning("after await", () =>
        send(
          'await new Promise((r) => setTimeout(r, 10));\nmark("after await"); let caught = 0;\nwhile (true) {\n  try { for (;;) {} } catch { caught++; }\n}',
        ),
      );
      await interrupt();
      const reply = await k.reply(msgId, 10_000);
      expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
      // The inner loop's KeyboardInterrupt is caught; the outer loop's own check throws it again (line 3).
      expect((reply.content.traceback as string[]).join("\n"), JSON.stringify(reply.content.traceback)).toContain("line 3");
      await expectUsable();
    });

    it("stops a loop in a timer callback and reports it under the cell that set the timer", async () => {
      const { reply, msgId } = await spinning("timer", () =>
        k.execute('setTimeout(() => {\n  mark("timer"); while (true) {}\n}, 20);'),
      );
      expect(reply.content.status).toBe("ok");
      await interrupt();
      const report = await k.iopub(
        (m) => m.header.msg_type === "stream" && String(m.content.text).includes("KeyboardInterrupt"),
        10_000,
      );
      expect(report.parent_header.msg_id).toBe(msgId);
      expect(String(report.content.text)).toContain("line 2");
      await expectUsable();
    });

    it("stops a loop in a widget observer run because the frontend moved the slider", async () => {
      const { reply, outputs } = await k.execute(
        'import { IntSlider } from "upsampling-lab/widgets";\nconst slider = new IntSlider({ value: 0, min: 0, max: 9 });\nslider.observe("value", () => { mark("observer"); while (true) {} });\nslider',
      );
      expect(reply.content.status).toBe("ok");
      const open = ofType(outputs, "comm_open").find(
        (m) => (m.content.data as { state: { _model_name: string } }).state._model_name === "IntSliderModel",
      );
      const modelId = open!.content.comm_id as string;
      const updateId = await spinning("observer", () =>
        k.send("shell", "comm_msg", { comm_id: modelId, data: { method: "update", state: { value: 5 }, buffer_paths: [] } }),
      );
      await interrupt();
      const updateOutputs = await k.idle(updateId, 10_000);
      expect(
        ofType(updateOutputs, "stream")
          .map((m) => String(m.content.text))
          .join(""),
      ).toContain("KeyboardInterrupt");
      await expectUsable();
      expect(
        (ofType((await k.execute("slider.value")).outputs, "execute_result")[0].content.data as Record<string, string>)[
          "text/plain"
        ],
      ).toBe("5");
    });

    it("stops a loop in a function of an earlier cell, called after an await and from a timer", async () => {
      const msgId = await spinning("spinForever", () => send("await new Promise((r) => setTimeout(r, 10));\nspinForever();"));
      await interrupt();
      expect((await k.reply(msgId, 10_000)).content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
      await expectUsable();
      const { msgId: timerCell } = await spinning("spinForever", () => k.execute("setTimeout(spinForever, 20);"));
      await interrupt();
      await k.iopub(
        (m) =>
          m.parent_header.msg_id === timerCell &&
          m.header.msg_type === "stream" &&
          String(m.content.text).includes("KeyboardInterrupt"),
        10_000,
      );
      await expectUsable();
    });
  },
);

describe("kernel shutdown and restart", { timeout: 120_000 }, () => {
  it("replies to shutdown_request, exits, and a restarted kernel on the same connection works", async () => {
    const first = await KernelClient.start();
    try {
      await first.execute("const before = 1;");
      const reply = await first.reply(await first.send("control", "shutdown_request", { restart: true }));
      expect(reply.content).toEqual({ status: "ok", restart: true });
      const code = await Promise.race([first.exited, new Promise((r) => setTimeout(() => r("no exit within 10 s"), 10_000))]);
      expect(code).toBe(0);
    } finally {
      await first.close();
    }
    const second = await KernelClient.start({ connection: { file: first.connectionFile, info: first.info } });
    try {
      const { reply } = await second.execute("typeof before");
      expect(reply.content.status).toBe("error"); // fresh state: `before` is gone
      expect((await second.execute("1 + 1")).reply.content.status).toBe("ok");
    } finally {
      await second.close();
    }
  });

  it("writes the compiler's code cache once, and the next start uses it", async () => {
    const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), "code-cache-"));
    const previous = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = cacheHome;
    try {
      for (const expectWrite of [true, false]) {
        const client = await KernelClient.start();
        try {
          expect((await client.execute("1 + 1")).reply.content.status).toBe("ok");
          await new Promise((r) => setTimeout(r, 2000)); // the cache is written a second after the first cell
          expect(client.stderrCount("code cache written"), client.stderr).toBe(expectWrite ? 1 : 0);
          expect(client.stderr).not.toContain("code cache unavailable");
        } finally {
          await client.close();
        }
      }
      expect(fs.readdirSync(path.join(cacheHome, "upsampling-lab", "code-cache")).filter((f) => f.endsWith(".bin"))).toHaveLength(
        1,
      );
    } finally {
      if (previous === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = previous;
      fs.rmSync(cacheHome, { recursive: true, force: true });
    }
  });

  it("exits when the process that started it dies", async () => {
    const { file } = await writeConnectionFile(fs.mkdtempSync(path.join(os.tmpdir(), "orphan-")));
    // A shell starts the kernel in the background (as Jupyter does, naming itself in JPY_PARENT_PID) and exits.
    const shell = spawnSync(
      "sh",
      [
        "-c",
        `JPY_PARENT_PID=$$ "${process.execPath}" "${MAIN_JS}" --connection-file "${file}" >/dev/null 2>&1 & echo $!; sleep 1`,
      ],
      { encoding: "utf8" },
    );
    const pid = Number(shell.stdout.trim());
    expect(pid).toBeGreaterThan(0);
    const alive = (): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 15_000;
    while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const stillAlive = alive();
    if (stillAlive) process.kill(pid, "SIGKILL");
    expect(stillAlive).toBe(false);
  });

  it("type-checks console and Node's API in a folder outside any project", async () => {
    const lonely = fs.mkdtempSync(path.join(os.tmpdir(), "lonely-"));
    const client = await KernelClient.start({ cwd: lonely });
    try {
      const { reply, outputs } = await client.execute(
        'import * as nodeOs from "node:os";\nconsole.log(typeof nodeOs.cpus().length);\nprocess.versions.node.length > 0',
      );
      expect(reply.content.status, JSON.stringify(reply.content)).toBe("ok");
      expect(ofType(outputs, "stream")[0].content.text).toBe("number\n");
    } finally {
      await client.close();
      fs.rmSync(lonely, { recursive: true, force: true });
    }
  });

  it("resolves the library by package name from the repository and from a project that installs it", async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "kernel-project-"));
    const sub = path.join(project, "notebooks", "deeper");
    fs.mkdirSync(path.join(project, "node_modules"), { recursive: true });
    fs.mkdirSync(sub, { recursive: true });
    fs.symlinkSync(path.resolve(__dirname, "..", ".."), path.join(project, "node_modules", "upsampling-lab"), "dir");
    const client = await KernelClient.start({ cwd: sub });
    try {
      const { reply, outputs } = await client.execute(
        'import { zeros } from "upsampling-lab";\nimport * as widgets from "upsampling-lab/widgets";\nconsole.log(typeof widgets, process.platform.length > 0);\nzeros([2]).shape',
      );
      expect(reply.content.status).toBe("ok");
      expect(ofType(outputs, "execute_result")[0].content.data).toMatchObject({ "text/plain": "[ 2 ]" });
    } finally {
      await client.close();
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
