/**
 * The JupyterLite kernel's worker engine (kernel/lite/worker/engine.ts), run in Node: the module the
 * worker bundle runs, with the same compiler files, driven by kernel/lite/protocol.ts messages.
 * One kernel for the file, as a notebook has: cells build on each other's state.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommMsgMessage, CommOpenMessage, InputRequestMessage, WorkerToMain } from "../../kernel/lite/protocol";
import { declarationFiles, KernelHarness } from "./lite-kernel";

const notebooks = path.resolve(__dirname, "..", "..", "notebooks");

/** `text/plain` of a cell's execute_result. */
function resultText(outputs: Array<{ msgType: string; content: Record<string, unknown> }>): string | undefined {
  const result = outputs.find((o) => o.msgType === "execute_result");
  return (result?.content.data as Record<string, string> | undefined)?.["text/plain"];
}

describe("JupyterLite worker engine", { timeout: 120_000 }, () => {
  let k: KernelHarness;
  let server: http.Server;
  let siteBaseUrl: string;

  beforeAll(async () => {
    // The site's contents as JupyterLite serves them: <base>/files/<path>.
    server = http.createServer((request, response) => {
      const url = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
      const file = path.join(notebooks, url.replace(/^\/files\//, ""));
      if (!url.startsWith("/files/") || !file.startsWith(notebooks) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200).end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    siteBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    k = new KernelHarness(await declarationFiles());
    k.kernel.installGlobals();
    k.send({ type: "init", siteBaseUrl, notebookPath: "vi/11-photo-upsampling.ipynb" });
    const ready = await k.waitFor((m): m is Extract<WorkerToMain, { type: "ready" }> => m.type === "ready");
    expect(ready.kernelInfo).toMatchObject({ language_info: { name: "typescript", file_extension: ".ts" } });
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("runs a cell of the library and shows the tensor as a table, with its execution count", async () => {
    const { reply, outputs } = await k.execute(
      'import { tensor, convTranspose2d } from "upsampling-lab";\nconst y = convTranspose2d(tensor([[0, 1], [2, 3]]), tensor([[0, 1], [2, 3]]));\ny',
    );
    expect(reply.content).toMatchObject({ status: "ok" });
    const result = outputs.find((o) => o.msgType === "execute_result");
    expect(result?.content.execution_count).toBe(reply.content.execution_count);
    const data = result?.content.data as Record<string, string>;
    expect(data["text/plain"]).toContain("[[ 0  0  1]\n [ 0  4  6]\n [ 4 12  9]]");
    expect(data["text/html"]).toContain("<table");
  });

  it("uses the execution count the plugin published, when it gives one", async () => {
    const { reply, outputs } = await k.execute("40 + 2", { executionCount: 41 });
    expect(reply.content.execution_count).toBe(41);
    expect(outputs.find((o) => o.msgType === "execute_result")?.content.execution_count).toBe(41);
    expect((await k.execute("0")).reply.content.execution_count).toBe(42);
  });

  it("keeps declarations of earlier cells, with their types", async () => {
    await k.execute(
      "let counter = 1;\nfunction twice(n: number): number { return 2 * n; }\nclass Box { constructor(readonly v: number) {} }",
    );
    await k.execute("counter += 10;");
    expect(resultText((await k.execute("twice(counter) + new Box(3).v + y.shape[0]")).outputs)).toBe("28");
    const wrong = await k.execute("const s: string = new Box(1).v;");
    expect(wrong.reply.content).toMatchObject({ status: "error", ename: "TypeScriptError" });
    expect(String(wrong.reply.content.evalue)).toContain("Type 'number' is not assignable to type 'string'");
  });

  it("fails a cell with a type error at its line, runs nothing of it, and runs the next cell", async () => {
    const { reply, outputs } = await k.execute('console.log("ran");\nconst ok = 1;\nconst bad: number = "text";');
    expect(reply.content).toMatchObject({ status: "error", ename: "TypeScriptError" });
    expect(String(reply.content.evalue)).toMatch(/^3:7 - Type 'string' is not assignable to type 'number'/);
    expect((reply.content.traceback as string[]).join("\n")).toContain('const bad: number = "text";');
    expect(outputs.filter((o) => o.msgType === "stream")).toEqual([]);
    expect(outputs.find((o) => o.msgType === "error")?.content.ename).toBe("TypeScriptError");
    expect(resultText((await k.execute("1 + 1")).outputs)).toBe("2");
  });

  it("reports a thrown error, a rejected await and a syntax error at the cell line, and keeps running", async () => {
    const thrown = await k.execute(
      "const before = 1;\nfunction fail(): never {\n  throw new RangeError('k must be positive');\n}\nfail();",
    );
    expect(thrown.reply.content).toMatchObject({ status: "error", ename: "RangeError", evalue: "k must be positive" });
    expect((thrown.reply.content.traceback as string[]).join("\n")).toContain("in the cell, line 3:");
    const rejected = await k.execute("await Promise.reject(new TypeError('no'));");
    expect(rejected.reply.content).toMatchObject({ status: "error", ename: "TypeError", evalue: "no" });
    const syntax = await k.execute("const = 3;");
    expect(syntax.reply.content).toMatchObject({ status: "error" });
    const notThrowingError = await k.execute("throw 42;");
    expect(notThrowingError.reply.content).toMatchObject({ status: "error", ename: "Uncaught", evalue: "42" });
    const missing = await k.execute('import * as os from "os";\nos');
    expect(missing.reply.content).toMatchObject({ status: "error" });
    // As in the Node kernel (tslab), a cell that failed leaves no declarations behind; the next cells run.
    expect(resultText((await k.execute("counter")).outputs)).toBe("11");
  });

  it("aborts the cells waiting behind a failed cell (stop_on_error), not those sent after its reply", async () => {
    const failing = k.execute("throw new Error('first');");
    const waiting = k.execute("counter = 1000;");
    expect((await failing).reply.content.status).toBe("error");
    expect((await waiting).reply.content.status).toBe("aborted");
    expect(resultText((await k.execute("counter")).outputs)).toBe("11");
    const tolerant = k.execute("throw new Error('again');", { stopOnError: false });
    const runs = k.execute("counter + 1");
    expect((await tolerant).reply.content.status).toBe("error");
    expect(resultText((await runs).outputs)).toBe("12");
  });

  it("sends console.log and console.error as stdout and stderr of the cell", async () => {
    const { outputs } = await k.execute('console.log("a", 1, { b: 2 });\nconsole.error("oops");');
    expect(outputs.filter((o) => o.msgType === "stream").map((o) => o.content)).toEqual([
      { name: "stdout", text: "a 1 { b: 2 }\n" },
      { name: "stderr", text: "oops\n" },
    ]);
  });

  describe("top-level await, every form the Node kernel supports (tests/kernel/top-level-await.test.ts)", () => {
    beforeAll(async () => {
      const setup =
        "const three = Promise.resolve(3);\nconst api = async () => ({ twice: (n: number) => 2 * n, json: async () => ({ n: 4 }) });\nasync function* counted() { yield 1; yield 2; yield 3; }";
      expect((await k.execute(setup)).reply.content.status).toBe("ok");
    });
    it.each([
      ["a plain operand", "await three", "3"],
      ["a parenthesised operand", "await (three)", "3"],
      ["nested awaits on a parenthesised call", "(await (await api()).json()).n", "4"],
      ["a method call on an awaited value", "(await api()).twice(await three)", "6"],
      ["an array literal operand", "await [three][0]", "3"],
      ["a template literal operand", "await `t${1}`", "'t1'"],
      ["a unary operand", "await -1", "-1"],
      ["a type assertion operand", "await <Promise<number>>three", "3"],
      ["an operand on the next line", "await\n  three", "3"],
      ["a conditional", "true ? await three : 0", "3"],
      ["a template literal", "`${await three}!`", "'3!'"],
      ["arguments", "Math.max(await three, 1, await (three))", "3"],
      ["array and object literals", "[await three, { v: await (three) }]", "[ 3, { v: 3 } ]"],
      ["an if condition", "let branch = 0;\nif ((await three) === 3) branch = 1;\nbranch", "1"],
    ])("awaits %s", async (_name, code, expected) => {
      const { reply, outputs } = await k.execute(code);
      expect(reply.content, code).toMatchObject({ status: "ok" });
      expect(resultText(outputs)).toBe(expected);
    });
    it("runs a top-level for await loop and keeps its variables", async () => {
      expect(resultText((await k.execute("let total = 0;\nfor await (const n of counted()) total += n;\ntotal")).outputs)).toBe(
        "6",
      );
      expect(resultText((await k.execute("total * 10")).outputs)).toBe("60");
    });
    it("keeps classes and functions of a cell that awaits", async () => {
      await k.execute(
        "class Crate { constructor(readonly v: number) {} }\nfunction uncrate(b: Crate) { return b.v; }\nconst crated = new Crate(await (three));",
      );
      expect(resultText((await k.execute("uncrate(new Crate(5)) + crated.v")).outputs)).toBe("8");
    });
    it("reports a type error at the author's line and column after a rewritten await", async () => {
      const { reply } = await k.execute("const awaited = await (three);\nconst wrong: string = awaited;");
      expect(reply.content).toMatchObject({ status: "error", ename: "TypeScriptError" });
      expect(String(reply.content.evalue)).toContain("2:7");
    });
  });

  it("completes the library's names and inspects them with their doc comments", async () => {
    const code = 'import { convTranspose2d as ct } from "upsampling-lab";\nct';
    await k.execute(code);
    const completion = await k.request({
      type: "complete",
      msgId: "complete-1",
      code: "convTranspose2d(y, y).res",
      cursorPos: 25,
    });
    expect(completion).toMatchObject({ status: "ok", cursor_end: 25 });
    expect(completion.matches).toContain("reshape");
    const code2 = 'import { convTr } from "upsampling-lab";';
    const names = await k.request({ type: "complete", msgId: "complete-2", code: code2, cursorPos: code2.indexOf("}") - 1 });
    expect(names.matches).toEqual(expect.arrayContaining(["convTranspose2d", "convTranspose1d", "convTranspose3d"]));
    const inspected = await k.request({
      type: "inspect",
      msgId: "inspect-1",
      code: "convTranspose2d",
      cursorPos: 5,
      detailLevel: 0,
    });
    expect(inspected).toMatchObject({ status: "ok", found: true });
    const text = (inspected.data as Record<string, string>)["text/plain"];
    expect(text).toContain("function convTranspose2d(x: Tensor, weight: Tensor, options?: ConvTranspose2dOptions): Tensor");
    expect(text).toContain("2-D transposed convolution");
  });

  it("tells complete, incomplete and invalid code apart", async () => {
    expect(await k.request({ type: "is_complete", msgId: "c1", code: "const a = 1;" })).toMatchObject({ status: "complete" });
    expect(await k.request({ type: "is_complete", msgId: "c2", code: "function f() {" })).toMatchObject({ status: "incomplete" });
    expect(await k.request({ type: "is_complete", msgId: "c3", code: "const = ;" })).toMatchObject({ status: "invalid" });
  });

  it("reads the notebook's photograph through fs and zlib from the site's contents", async () => {
    // The Vietnamese notebooks live in vi/: the path resolves against the notebook's folder.
    const { reply, outputs } = await k.execute(
      'import * as fs from "fs";\nimport * as zlib from "zlib";\nimport { decodePng } from "upsampling-lab";\n' +
        'const photoPath = ["../data/chelsea-128.png", "data/nothing-here.png"].find((p) => fs.existsSync(p)) ?? "none";\n' +
        "const photo = decodePng(fs.readFileSync(photoPath), zlib.inflateSync);\n[photoPath, photo.shape]",
    );
    expect(reply.content).toMatchObject({ status: "ok" });
    expect(resultText(outputs)).toBe("[ '../data/chelsea-128.png', [ 3, 128, 128 ] ]");
    // The kernel's folder (JupyterLite's `location`) works as well as the notebook's path.
    k.send({ type: "init", siteBaseUrl, notebookPath: "vi" });
    expect(resultText((await k.execute('fs.existsSync("../data/chelsea-128.png")')).outputs)).toBe("true");
    const missing = await k.execute('fs.readFileSync("data/not-there.png")');
    expect(missing.reply.content).toMatchObject({ status: "error" });
    expect(String(missing.reply.content.evalue)).toContain(`ENOENT`);
    expect(String(missing.reply.content.evalue)).toContain(`${siteBaseUrl}files/vi/data/not-there.png`);
  });

  it("opens widgets over comms (protocol 2.1.0), takes the frontend's updates and runs observers", async () => {
    const from = k.sent.length;
    const { reply, outputs } = await k.execute(
      'import { IntSlider } from "upsampling-lab/widgets";\nconst slider = new IntSlider({ value: 2, min: 0, max: 9 });\n' +
        'slider.observe("value", (change) => console.log("value is now", change.new));\nslider',
    );
    expect(reply.content).toMatchObject({ status: "ok" });
    const opened = k.sent.slice(from).filter((m): m is CommOpenMessage => m.type === "comm_open");
    const model = opened.find((m) => (m.data.state as Record<string, unknown>)._model_name === "IntSliderModel");
    expect(model).toMatchObject({ targetName: "jupyter.widget", metadata: { version: "2.1.0" } });
    const view = outputs.find((o) => o.msgType === "execute_result" || o.msgType === "display_data");
    expect(JSON.stringify(view?.content.data)).toContain(model?.commId);
    const info = await k.request({ type: "comm_info", msgId: "info-1", targetName: "jupyter.widget" });
    expect(Object.keys(info.comms as object)).toContain(model?.commId);

    // The frontend moves the slider: the model changes and its observer prints under that message.
    const before = k.sent.length;
    k.send({
      type: "comm_msg",
      msgId: "slider-move",
      commId: model!.commId,
      data: { method: "update", state: { value: 7 } },
      metadata: {},
      buffers: [],
    });
    await k.waitFor((m): m is WorkerToMain => m.type === "output" && m.parentMsgId === "slider-move", before);
    const printed = k.sent.slice(before).find((m) => m.type === "output" && m.parentMsgId === "slider-move");
    expect(printed).toMatchObject({ msgType: "stream", content: { name: "stdout", text: "value is now 7\n" } });
    expect(resultText((await k.execute("slider.value")).outputs)).toBe("7");

    // The kernel side changes the value: an update goes to the frontend.
    const sentBefore = k.sent.length;
    await k.execute("slider.value = 4;");
    const update = k.sent.slice(sentBefore).find((m): m is CommMsgMessage => m.type === "comm_msg" && m.commId === model!.commId);
    expect(update?.data).toMatchObject({ method: "update", state: { value: 4 } });

    // jupyter.widget.control: the frontend asks for every model's state.
    const controlFrom = k.sent.length;
    k.send({ type: "comm_open", commId: "control-1", targetName: "jupyter.widget.control", data: {}, metadata: {}, buffers: [] });
    k.send({ type: "comm_msg", commId: "control-1", data: { method: "request_states" }, metadata: {}, buffers: [] });
    const states = await k.waitFor((m): m is CommMsgMessage => m.type === "comm_msg" && m.commId === "control-1", controlFrom);
    expect(states.data.method).toBe("update_states");
    expect((states.data.states as Record<string, { state: { value?: number } }>)[model!.commId].state.value).toBe(4);
  });

  it("shows a heatmap widget with its static figure, and display / update_display_data by id", async () => {
    const { outputs } = await k.execute(
      'import { show, display } from "upsampling-lab/widgets";\nawait show(y, { title: "y" });\n' +
        'await display("first", { displayId: "d1" });\nawait display("second", { displayId: "d1", update: true });',
    );
    const shown = outputs.find((o) => o.msgType === "display_data");
    expect(Object.keys(shown?.content.data as object)).toEqual(
      expect.arrayContaining(["application/vnd.jupyter.widget-view+json", "image/svg+xml", "text/plain"]),
    );
    const byId = outputs.filter((o) => (o.content.transient as { display_id?: string } | undefined)?.display_id === "d1");
    expect(byId.map((o) => [o.msgType, (o.content.data as Record<string, string>)["text/plain"]])).toEqual([
      ["display_data", "first"],
      ["update_display_data", "second"],
    ]);
  });

  it("asks for input with input_request when the frontend allows it, and says why not otherwise", async () => {
    const from = k.sent.length;
    const pending = k.execute(
      'import { input } from "upsampling-lab/widgets";\nconst name = await input("Your name?");\n`hello ${name}`',
      {
        allowStdin: true,
      },
    );
    const request = await k.waitFor((m): m is InputRequestMessage => m.type === "input_request", from);
    expect(request).toMatchObject({ prompt: "Your name?", password: false });
    k.send({ type: "input_reply", value: "An" });
    expect(resultText((await pending).outputs)).toBe("'hello An'");
    const refused = await k.execute('await input("again?")');
    expect(refused.reply.content).toMatchObject({ status: "error" });
    expect(String(refused.reply.content.evalue)).toContain("allow_stdin: false");
  });

  it("answers prompt() synchronously through JupyterLite's service worker route, or says why it cannot", async () => {
    // Before init named a browsing context: no service worker to wait through.
    const without = await k.execute('prompt("sync?")', { allowStdin: true, parentHeader: { msg_id: "p0", session: "s1" } });
    expect(String(without.reply.content.evalue)).toContain('await input("question")');
    k.send({ type: "init", siteBaseUrl, notebookPath: "vi/11-photo-upsampling.ipynb", browsingContextId: "context-1" });
    k.syncAnswer = (body) => {
      const request = (body as { data: { header: { msg_id: string } } }).data;
      return { header: { msg_type: "input_reply" }, parent_header: request.header, content: { status: "ok", value: "Lan" } };
    };
    const header = { msg_id: "exec-prompt", msg_type: "execute_request", session: "session-9", username: "u" };
    const asked = await k.execute('const answer = prompt("Your name?");\n`hi ${answer}`', {
      allowStdin: true,
      parentHeader: header,
    });
    expect(resultText(asked.outputs)).toBe("'hi Lan'");
    const sent = k.syncRequests.at(-1)!;
    expect(sent.url).toBe(`${siteBaseUrl}api/stdin/kernel`);
    expect(sent.body).toMatchObject({
      browsingContextId: "context-1",
      data: {
        header: { msg_type: "input_request", session: "session-9" },
        parent_header: header,
        content: { prompt: "Your name?", password: false },
      },
    });
    k.syncAnswer = () => ({ content: { value: "" } });
    expect(resultText((await k.execute('prompt("?", "default")', { allowStdin: true, parentHeader: header })).outputs)).toBe(
      "'default'",
    );
    const refused = await k.execute('prompt("?")', { allowStdin: false, parentHeader: header });
    expect(String(refused.reply.content.evalue)).toContain("allow_stdin: false");
  });

  it("reports errors of timers and unawaited promises under the cell that made them, with its line", async () => {
    const { reply } = await k.execute("function later() {\n  throw new Error('late');\n}\n1");
    expect(reply.content.status).toBe("ok");
    let caught: unknown;
    try {
      (k.kernel as unknown as { exports: Record<string, () => void> }).exports.later();
    } catch (error) {
      caught = error;
    }
    const from = k.sent.length;
    k.kernel.reportUncaught("uncaught exception", caught);
    const report = k.sent.slice(from).find((m) => m.type === "output");
    expect(JSON.stringify(report)).toContain("in the cell, line 2");
  });
});
