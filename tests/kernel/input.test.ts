/**
 * Input from the user over the stdin channel, driven by the test client: `prompt()`, the widgets'
 * `input()`, Node's readline on `process.stdin`, password mode, the clear error when the frontend
 * takes no input, and an interrupt that cancels a waiting request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KernelClient, ofType, requireBuiltKernel, type Message } from "./kernel-client";

describe("input from the user", { timeout: 120_000 }, () => {
  let k: KernelClient;

  beforeAll(async () => {
    requireBuiltKernel();
    k = await KernelClient.start();
  });

  afterAll(async () => {
    await k?.close();
  });

  function sendCell(code: string, allowStdin: boolean): Promise<string> {
    return k.send("shell", "execute_request", {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: allowStdin,
      stop_on_error: true,
    });
  }

  function resultOf(outputs: Message[]): string | undefined {
    return (ofType(outputs, "execute_result")[0]?.content.data as Record<string, string> | undefined)?.["text/plain"];
  }

  /** Runs `code` with stdin allowed, answers its input requests with `answers`; returns the reply and the requests. */
  async function answered(code: string, answers: string[]): Promise<{ reply: Message; outputs: Message[]; requests: Message[] }> {
    const first = k.inputRequests.length;
    const msgId = await sendCell(code, true);
    for (let i = 0; i < answers.length; i++) await k.answerInput(await k.inputRequest(first + i), answers[i]);
    const reply = await k.reply(msgId);
    const outputs = await k.idle(msgId);
    return { reply, outputs, requests: k.inputRequests.slice(first) };
  }

  it("prompt() sends input_request for the running cell and returns the answer", async () => {
    // What the cell printed before asking is sent before the question is answered.
    const first = k.inputRequests.length;
    const printing = await sendCell('console.log("before the question");\nprompt("ok?")', true);
    const question = await k.inputRequest(first);
    await k.iopub(
      (m) => m.parent_header.msg_id === printing && m.header.msg_type === "stream" && m.content.text === "before the question\n",
      5000,
    );
    await k.answerInput(question, "yes");
    expect(resultOf(await k.idle(printing))).toBe("'yes'");

    const { reply, outputs, requests } = await answered('const name = prompt("Your name?");\n`hello ${name}`', ["Ada"]);
    expect(reply.content.status, JSON.stringify(reply.content)).toBe("ok");
    expect(requests).toHaveLength(1);
    expect(requests[0].content).toEqual({ prompt: "Your name?", password: false });
    expect(requests[0].parent_header.msg_id).toBe(reply.parent_header.msg_id);
    expect(resultOf(outputs)).toBe("'hello Ada'");
    // An empty answer gives the default value, as in browsers.
    const withDefault = await answered('prompt("Size?", "3")', [""]);
    expect(resultOf(withDefault.outputs)).toBe("'3'");
  });

  it("the widgets' input() asks in password mode and resolves with the answer", async () => {
    const { reply, outputs, requests } = await answered(
      'import { input } from "upsampling-lab/widgets";\nconst secret = await input("Token:", { password: true });\nsecret.length',
      ["s3cret"],
    );
    expect(reply.content.status, JSON.stringify(reply.content)).toBe("ok");
    expect(requests.map((r) => r.content)).toEqual([{ prompt: "Token:", password: true }]);
    expect(resultOf(outputs)).toBe("6");
    const bad = await k.execute('await input("x", { hidden: true } as never)', { allowStdin: true });
    expect(bad.reply.content).toMatchObject({ status: "error", ename: "TypeError" });
    expect(String(bad.reply.content.evalue)).toContain('unknown option "hidden"');
  });

  it("reads Node's readline on process.stdin from the frontend, the question as the prompt, nothing more after close", async () => {
    const code =
      'import * as readline from "node:readline/promises";\n' +
      "const rl = readline.createInterface({ input: process.stdin, output: process.stdout });\n" +
      'const a = await rl.question("First? ");\nconst b = await rl.question("Second? ");\nrl.close();\n`${a}+${b}`';
    const { reply, outputs, requests } = await answered(code, ["1", "2"]);
    expect(reply.content.status, JSON.stringify(reply.content)).toBe("ok");
    expect(resultOf(outputs)).toBe("'1+2'");
    expect(requests.map((r) => r.content.prompt)).toEqual(["First? ", "Second? "]);
    await new Promise((r) => setTimeout(r, 300));
    expect(k.inputRequests.length).toBe(requests.length + k.inputRequests.indexOf(requests[0]));
    // The question went to the input box, not to stdout.
    expect(
      ofType(outputs, "stream")
        .map((m) => String(m.content.text))
        .join(""),
    ).not.toContain("First?");
  });

  it("fails at once with a clear error when the frontend takes no input (allow_stdin false)", async () => {
    const before = k.inputRequests.length;
    const cases = [
      'prompt("x")',
      'import { input } from "upsampling-lab/widgets";\nawait input("x")',
      'import * as readline from "node:readline/promises";\nconst rl2 = readline.createInterface({ input: process.stdin });\nawait rl2.question("x")',
      'import * as readline from "node:readline";\nconst rl3 = readline.createInterface({ input: process.stdin });\nlet lines = 0;\nfor await (const line of rl3) lines++;',
    ];
    for (const code of cases) {
      const { reply } = await k.execute(code, { allowStdin: false, timeoutMs: 10_000 });
      expect(reply.content, code).toMatchObject({ status: "error", ename: "StdinNotImplementedError" });
      expect(String(reply.content.evalue), code).toContain("allow_stdin: false");
    }
    expect(k.inputRequests.length).toBe(before);
    // stdin works again for a cell that allows it.
    const { outputs } = await answered(
      'import * as readline from "node:readline/promises";\nconst rl4 = readline.createInterface({ input: process.stdin });\nconst got = await rl4.question("");\nrl4.close();\ngot',
      ["again"],
    );
    expect(resultOf(outputs)).toBe("'again'");
  });

  it("refuses input outside the running cell (a timer after its cell ended)", async () => {
    const { msgId } = await k.execute(
      'setTimeout(() => { try { prompt("late"); } catch (e) { console.log((e as Error).name, (e as Error).message); } }, 50);',
      { allowStdin: true },
    );
    const printed = await k.iopub((m) => m.parent_header.msg_id === msgId && m.header.msg_type === "stream");
    expect(String(printed.content.text)).toMatch(/^StdinNotImplementedError input can be asked only by a running cell/);
  });

  it.each([
    ["prompt() (blocking)", 'prompt("wait")'],
    [
      "prompt() after an await (blocking, outside the cell body's run)",
      'await new Promise((r) => setTimeout(r, 10));\nprompt("wait")',
    ],
    ["input() (awaiting)", 'import { input } from "upsampling-lab/widgets";\nawait input("wait")'],
  ])("an interrupt while %s waits cancels it: KeyboardInterrupt, a late answer is dropped", async (_name, code) => {
    await k.execute("const keptValue = 7;");
    const first = k.inputRequests.length;
    const msgId = await sendCell(code, true);
    const request = await Promise.race([
      k.inputRequest(first),
      k.reply(msgId).then((r) => Promise.reject(new Error(`replied before asking: ${JSON.stringify(r.content)}`))),
    ]);
    expect((await k.reply(await k.send("control", "interrupt_request", {}))).content).toEqual({ status: "ok" });
    const reply = await k.reply(msgId, 10_000);
    expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    await k.answerInput(request, "too late");
    const next = await k.execute("keptValue + 1");
    expect(next.reply.content.status).toBe("ok");
    expect(resultOf(next.outputs)).toBe("8");
    expect(k.inputRequests.length).toBe(first + 1);
  });
});
