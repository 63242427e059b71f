/**
 * The bridge (widgets/bridge) is neutral: it type-checks with no Node types and imports nothing,
 * so a browser runtime (a page, a JupyterLite kernel) can implement it as the kernel does.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const BRIDGE = path.resolve(__dirname, "..", "..", "widgets", "bridge", "index.ts");

describe("the bridge module", () => {
  it("imports nothing", () => {
    const source = ts.createSourceFile(BRIDGE, fs.readFileSync(BRIDGE, "utf8"), ts.ScriptTarget.Latest, true);
    const imports = source.statements.filter(
      (s) =>
        ts.isImportDeclaration(s) ||
        ts.isImportEqualsDeclaration(s) ||
        (ts.isExportDeclaration(s) && s.moduleSpecifier !== undefined),
    );
    expect(imports.map((s) => s.getText(source))).toEqual([]);
  });

  it("type-checks without Node's types (only the ES2022 library)", { timeout: 60_000 }, () => {
    const program = ts.createProgram([BRIDGE], {
      noEmit: true,
      strict: true,
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts"],
      types: [],
      skipLibCheck: true,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toEqual([]);
  });
});
