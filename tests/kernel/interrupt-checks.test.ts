/**
 * The loop checks put into cell JavaScript: every kind of loop gets one per iteration, single
 * statements are wrapped without changing what the code does, and no line moves.
 */
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type * as tsTypes from "@tslab/typescript-for-tslab";
import { insertInterruptChecks } from "../../kernel/src/interrupt-checks";

const ts = createRequire(require.resolve("tslab/package.json"))("@tslab/typescript-for-tslab") as typeof tsTypes;

/** Runs `body` (JavaScript) with a counting `check()`; returns its result and the number of checks. */
function run(body: string): { result: unknown; checks: number } {
  let checks = 0;
  const instrumented = insertInterruptChecks(ts, body, "check()");
  const result = new Function("check", instrumented)(() => checks++) as unknown;
  return { result, checks };
}

describe("insertInterruptChecks", () => {
  it("checks once per iteration of for, for-in, for-of, while and do-while, block or single statement", () => {
    expect(run("let s = 0; for (let i = 0; i < 5; i++) s += i; return s;")).toEqual({ result: 10, checks: 5 });
    expect(run("let s = 0; for (let i = 0; i < 5; i++) { s += i; } return s;")).toEqual({ result: 10, checks: 5 });
    expect(run("const o = { a: 1, b: 2 }; let k = ''; for (const x in o) k += x; return k;")).toEqual({
      result: "ab",
      checks: 2,
    });
    expect(run("let s = 0; for (const x of [1, 2, 3]) s += x; return s;")).toEqual({ result: 6, checks: 3 });
    expect(run("let i = 0; while (i < 4) i++; return i;")).toEqual({ result: 4, checks: 4 });
    expect(run("let i = 0; do i++; while (i < 3); return i;")).toEqual({ result: 3, checks: 3 });
    expect(run("let i = 0; while (i++ < 3); return i;")).toEqual({ result: 4, checks: 3 });
  });

  it("handles nested, labeled and else-branch loops", () => {
    expect(run("let n = 0; for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) n++; return n;")).toEqual({
      result: 6,
      checks: 9,
    });
    expect(run("let n = 0; outer: for (let i = 0; i < 3; i++) { for (;;) { n++; continue outer; } } return n;")).toEqual({
      result: 3,
      checks: 6,
    });
    expect(run("let n = 0; if (n > 0) n = -1; else while (n < 2) n++; return n;")).toEqual({ result: 2, checks: 2 });
    expect(run("let n = 0; const f = () => { for (;;) if (++n > 2) return n; }; return f();")).toEqual({ result: 3, checks: 3 });
  });

  it("stops an endless loop when the check throws, inside functions and generators too", () => {
    for (const body of [
      "while (true) {}",
      "for (;;);",
      "do {} while (true)",
      "function* g() { while (true) yield 1; } for (const x of g()) {}",
    ]) {
      let left = 100;
      const instrumented = insertInterruptChecks(ts, body, "check()");
      expect(() =>
        new Function("check", instrumented)(() => {
          if (--left === 0) throw new Error("stop");
        }),
      ).toThrow("stop");
    }
  });

  it("keeps every line where it was and leaves loop-free code untouched", () => {
    const code = "let s = 0;\nfor (let i = 0; i < 3; i++)\n  s += i;\nwhile (s > 0)\n  s--;\nconsole.log(s);";
    const out = insertInterruptChecks(ts, code, "check()");
    expect(out.split("\n").length).toBe(code.split("\n").length);
    expect(out.split("\n")[5]).toBe("console.log(s);");
    expect(insertInterruptChecks(ts, "const a = 1 + 1;\nexports.x = a;", "check()")).toBe("const a = 1 + 1;\nexports.x = a;");
  });

  it("computes the same as the original for random nested counting loops", () => {
    const loop = fc.constantFrom(
      (v: string, n: number, inner: string) => `for (let ${v} = 0; ${v} < ${n}; ${v}++) ${inner}`,
      (v: string, n: number, inner: string) => `{ let ${v} = 0; while (${v}++ < ${n}) ${inner} }`,
      (v: string, n: number, inner: string) => `for (const ${v} of Array.from({ length: ${n} })) { ${inner} }`,
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(loop, fc.integer({ min: 0, max: 4 })), { minLength: 1, maxLength: 3 }), (loops) => {
        let inner = "total++;";
        loops.forEach(([make, n], depth) => (inner = make(`v${depth}`, n, inner)));
        const body = `let total = 0; ${inner} return total;`;
        const plain = new Function(body)() as number;
        expect(run(body).result).toBe(plain);
      }),
      { numRuns: 60 },
    );
  });
});
