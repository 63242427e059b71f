// One version number: the root package.json's, which the widget extension, the lock file, the
// kernel, the widget model module version and the wheel all carry; `npm version` keeps them so
// (scripts/version.mjs), and CHANGELOG.md has a section for it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WIDGETS_MODULE_RANGE, WIDGETS_MODULE_VERSION } from "../../widgets/shared/protocol";
import { REPO_ROOT } from "../notebooks/project";

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

const VERSION = readJson<{ version: string }>(path.join(REPO_ROOT, "package.json")).version;

describe("one version number", () => {
  it("is carried by the extension, the lock file, the kernel and the widget models", () => {
    expect(readJson<{ version: string }>(path.join(REPO_ROOT, "widgets", "lab", "package.json")).version).toBe(VERSION);
    const lock = readJson<{ version: string; packages: Record<string, { version?: string }> }>(
      path.join(REPO_ROOT, "package-lock.json"),
    );
    expect([lock.version, lock.packages[""].version, lock.packages["widgets/lab"].version]).toEqual([VERSION, VERSION, VERSION]);
    // The built kernel (what kernel.json runs) reads it from the package root at run time.
    const code = `console.log(require(${JSON.stringify(path.join(REPO_ROOT, "dist", "kernel", "src", "install.js"))}).packageVersion())`;
    expect(execFileSync(process.execPath, ["-e", code], { encoding: "utf8" }).trim()).toBe(VERSION);
    expect(fs.readFileSync(path.join(REPO_ROOT, "kernel", "src", "kernel-info.ts"), "utf8")).toMatch(
      /^export const KERNEL_VERSION = packageVersion\(\);$/m,
    );
    expect(WIDGETS_MODULE_VERSION).toBe(VERSION);
    expect(WIDGETS_MODULE_RANGE).toBe(`^${VERSION}`);
  });

  it("the wheel reads it from the extension's package.json", () => {
    const pyproject = fs.readFileSync(path.join(REPO_ROOT, "widgets", "lab", "pyproject.toml"), "utf8");
    expect(pyproject).toMatch(/^dynamic = \["version"\]$/m);
    expect(pyproject).toMatch(/\[tool\.hatch\.version\]\npath = "package\.json"/);
  });

  it("has a CHANGELOG section", () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, "CHANGELOG.md"), "utf8")).toMatch(
      new RegExp(`^## ${VERSION.replace(/\./g, "\\.")}$`, "m"),
    );
  });

  it("`npm version` copies a new version everywhere (scripts/version.mjs on a copy of the files)", () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "upsampling-lab-version-"));
    try {
      for (const file of ["package.json", "package-lock.json", "widgets/lab/package.json"]) {
        fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
        fs.copyFileSync(path.join(REPO_ROOT, file), path.join(copy, file));
      }
      const rootPackage = readJson<Record<string, unknown>>(path.join(copy, "package.json"));
      fs.writeFileSync(path.join(copy, "package.json"), JSON.stringify({ ...rootPackage, version: "9.8.7" }, null, 2) + "\n");
      const scripts = readJson<{ scripts: Record<string, string> }>(path.join(REPO_ROOT, "package.json")).scripts;
      expect(scripts.version).toBe("node scripts/version.mjs");
      const code = `import(${JSON.stringify(path.join(REPO_ROOT, "scripts", "version.mjs"))}).then((m) => m.syncVersion(${JSON.stringify(copy)}))`;
      execFileSync(process.execPath, ["-e", code]);
      const lab = fs.readFileSync(path.join(copy, "widgets", "lab", "package.json"), "utf8");
      expect(lab).toBe(
        fs
          .readFileSync(path.join(REPO_ROOT, "widgets", "lab", "package.json"), "utf8")
          .replace(`"version": "${VERSION}"`, '"version": "9.8.7"'),
      );
      const lock = readJson<{ version: string; packages: Record<string, { version?: string }> }>(
        path.join(copy, "package-lock.json"),
      );
      expect([lock.version, lock.packages[""].version, lock.packages["widgets/lab"].version]).toEqual([
        "9.8.7",
        "9.8.7",
        "9.8.7",
      ]);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
