/**
 * Every form of top-level `await` in a cell, with the cell's declarations visible to later cells
 * (tslab's converter misread several of them; see kernel/src/top-level-await.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KernelClient, ofType, requireBuiltKernel } from "./kernel-client";

describe("top-level await", { timeout: 120_000 }, () => {
  let k: KernelClient;

  beforeAll(async () => {
    requireBuiltKernel();
    k = await KernelClient.start();
    const setup =
      "const three = Promise.resolve(3);\nconst api = async () => ({ twice: (n: number) => 2 * n, json: async () => ({ n: 4 }) });\nasync function* counted() { yield 1; yield 2; yield 3; }";
    expect((await k.execute(setup)).reply.content.status).toBe("ok");
  });

  afterAll(async () => {
    await k?.close();
  });

  async function value(code: string): Promise<string | undefined> {
    const { reply, outputs } = await k.execute(code);
    expect(reply.content, code).toMatchObject({ status: "ok" });
    return (ofType(outputs, "execute_result")[0]?.content.data as Record<string, string> | undefined)?.["text/plain"];
  }

  it.each([
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
    expect(await value(code)).toBe(expected);
  });

  it("runs a top-level for await loop and keeps its variables", async () => {
    expect(await value("let total = 0;\nfor await (const n of counted()) total += n;\ntotal")).toBe("6");
    expect(await value("total * 10")).toBe("60");
  });

  it("awaits in a cell that also declares classes and functions, all visible to later cells", async () => {
    expect(
      await value(
        "class Box { constructor(readonly v: number) {} }\nfunction unbox(b: Box) { return b.v; }\nconst boxed = new Box(await (three));\nunbox(boxed)",
      ),
    ).toBe("3");
    expect(await value("unbox(new Box(5)) + boxed.v")).toBe("8");
  });

  it("still reports type errors at the author's line and column after a rewritten await", async () => {
    const { reply } = await k.execute("const awaited = await (three);\nconst wrong: string = awaited;");
    expect(reply.content).toMatchObject({ status: "error", ename: "TypeScriptError" });
    expect(String(reply.content.evalue)).toContain("2:7");
  });
});
