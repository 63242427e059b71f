// The one-command setup: prerequisites stop it (and `npm test`) with a message naming what to
// install, and on a machine already set up (CI runs `npm run setup` first) it finds nothing to do.
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../notebooks/project";

const run = promisify(execFile);
const SETUP = path.join(REPO_ROOT, "scripts", "setup.mjs");

/** Call a function exported by scripts/lib/prerequisites.mjs (an ES module) with JSON arguments. */
function prerequisite(fn: string, ...args: unknown[]): unknown {
  const code = `import(${JSON.stringify(path.join(REPO_ROOT, "scripts/lib/prerequisites.mjs"))}).then((m) => console.log(JSON.stringify(m.${fn}(...${JSON.stringify(args)}))))`;
  return JSON.parse(execFileSync(process.execPath, ["-e", code], { encoding: "utf8" }));
}

describe("prerequisite checks", () => {
  it("accepts Node 20.19 and newer, and names what to install for older ones", () => {
    expect(prerequisite("nodeProblem", "20.19.0")).toBeNull();
    expect(prerequisite("nodeProblem", "22.3.1")).toBeNull();
    const message = prerequisite("nodeProblem", "20.18.3") as string;
    expect(message).toContain("needs Node.js 20.19 or newer; this is Node 20.18.3");
    expect(message).toContain("nvm install 22");
    expect(message).toMatch(
      /Debian\/Ubuntu: sudo apt-get install nodejs[\s\S]*Fedora: +sudo dnf install nodejs22[\s\S]*macOS: +brew install node@22/,
    );
    expect(prerequisite("nodeProblem", "18.20.4")).toMatch(/this is Node 18\.20\.4/);
  });

  it("names what to install for a missing, old or venv-less Python", () => {
    expect(prerequisite("pythonProblem", "python3", { version: "3.11.7", venv: true })).toBeNull();
    expect(prerequisite("pythonProblem", "python3", null)).toMatch(
      /No Python found[\s\S]*sudo apt-get install python3 python3-venv/,
    );
    expect(prerequisite("pythonProblem", "python3", { version: "3.8.10", venv: true })).toMatch(
      /needs Python 3\.9 or newer; python3 is Python 3\.8\.10/,
    );
    expect(prerequisite("pythonProblem", "python3", { version: "3.12.1", venv: false })).toMatch(
      /no working venv[\s\S]*python3\.12-venv/,
    );
  });

  it("stops `npm start` before touching anything when Python is missing", async () => {
    const error = await run(process.execPath, [SETUP, "--check"], {
      cwd: REPO_ROOT,
      env: { ...process.env, PYTHON: "/nonexistent/python3" },
    }).then(
      () => null,
      (e: { code: number; stderr: string; stdout: string }) => e,
    );
    expect(error?.code).toBe(1);
    expect(error?.stderr).toContain("No Python found (looked for /nonexistent/python3)");
    expect(error?.stdout).not.toContain("npm dependencies");
  });
});

describe("npm test on a machine without Chromium", () => {
  it("stops in its first lines, naming what is missing, the tests that need it and how to install it", async () => {
    const error = await run(process.execPath, [path.join(REPO_ROOT, "scripts", "check-test-prerequisites.mjs")], {
      cwd: REPO_ROOT,
      env: { ...process.env, CHROMIUM: "/nonexistent/chromium" },
    }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).toBe(1);
    const lines = error!.stderr.split("\n");
    expect(lines[0]).toContain("npm test: cannot run every test on this machine");
    expect(lines[1]).toBe("- missing Chromium");
    for (const test of ["tests/browser/notebooks.test.ts", "tests/notebooks/export.test.ts"]) expect(lines[2]).toContain(test);
    expect(error!.stderr).toMatch(
      /Debian\/Ubuntu: sudo apt-get install chromium\b[\s\S]*Fedora: +sudo dnf install chromium[\s\S]*macOS: +brew install --cask chromium/,
    );
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.pretest).toBe("node scripts/check-test-prerequisites.mjs");
  });
});

describe("running setup again", () => {
  it("finds everything up to date (nothing to install, build or copy)", { timeout: 60_000 }, async () => {
    const result = await run(process.execPath, [SETUP, "--check"], { cwd: REPO_ROOT }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    const pending = result.stdout.split("\n").filter((line) => line.includes(": would "));
    expect(pending, "run `npm run setup` to bring these up to date").toEqual([]);
    expect(result.code).toBe(0);
    for (const step of ["npm dependencies", "Python venv", "tsc", "widget extension", 'kernel "upsampling-lab"']) {
      expect(result.stdout).toMatch(new RegExp(`${step.replace(/[()"]/g, ".")}.*up to date`));
    }
  });
});
