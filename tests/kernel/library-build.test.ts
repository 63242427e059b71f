// The kernel rebuilds the library at start when it runs from a source checkout whose sources
// changed (kernel/src/library-build.ts): it runs the checkout's scripts/build.mjs --library,
// reports a failed build for the notebook, and does nothing for an installed package.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { rebuildLibrary } from "../../kernel/src/library-build";
import { REPO } from "./kernel-client";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

/** A package folder whose build script records its arguments and exits with `code`. */
function checkout(options: { sources: boolean; code: number; message?: string }): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "library-build-"));
  roots.push(root);
  if (options.sources) fs.mkdirSync(path.join(root, "src"));
  fs.mkdirSync(path.join(root, "scripts"));
  fs.writeFileSync(
    path.join(root, "scripts", "build.mjs"),
    `import { execFileSync } from "node:child_process";
import fs from "node:fs";\nfs.writeFileSync("ran.json", JSON.stringify(process.argv.slice(2)));\n` +
      `console.error(${JSON.stringify(options.message ?? "")});\nprocess.exit(${options.code});\n`,
  );
  return root;
}

describe("library rebuild at kernel start", () => {
  it("runs the checkout's library build and says nothing when it succeeds", async () => {
    const root = checkout({ sources: true, code: 0 });
    expect(await rebuildLibrary(root)).toBeUndefined();
    expect(JSON.parse(fs.readFileSync(path.join(root, "ran.json"), "utf8"))).toEqual(["--library"]);
  });

  it("returns the build's error for the notebook when it fails", async () => {
    const root = checkout({
      sources: true,
      code: 1,
      message: "src/conv/scatter.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
    });
    const notice = await rebuildLibrary(root);
    expect(notice).toMatch(/rebuilding them failed, so this kernel may run a partly updated library/);
    expect(notice).toContain("error TS2322");
  });

  it("does nothing for an installed package (no sources)", async () => {
    const root = checkout({ sources: false, code: 1 });
    expect(await rebuildLibrary(root)).toBeUndefined();
    expect(fs.existsSync(path.join(root, "ran.json"))).toBe(false);
  });

  it("skips the build while the manifest the build left matches its inputs, and runs it after any change", async () => {
    const root = checkout({ sources: true, code: 0 });
    fs.mkdirSync(path.join(root, "src", "conv"));
    fs.writeFileSync(path.join(root, "src", "conv", "scatter.ts"), "export const a = 1;\n");
    fs.writeFileSync(path.join(root, "package.json"), "{}\n");
    // The manifest as scripts/lib/build-steps.mjs writes it, by the same function.
    const writeManifest = (): void => {
      const fingerprint = pathToFileURL(path.join(REPO, "scripts", "lib", "fingerprint.mjs")).href;
      const script =
        `import fs from "node:fs"; import { statManifest } from ${JSON.stringify(fingerprint)};\n` +
        `fs.mkdirSync("dist/.stamps", { recursive: true });\n` +
        `fs.writeFileSync("dist/.stamps/library-inputs.json", JSON.stringify(statManifest(".", ["package.json", "src", "absent.ts"])));\n`;
      execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root });
    };
    const ran = path.join(root, "ran.json");
    const runsBuild = async (): Promise<boolean> => {
      fs.rmSync(ran, { force: true });
      expect(await rebuildLibrary(root)).toBeUndefined();
      return fs.existsSync(ran);
    };
    writeManifest();
    expect(await runsBuild()).toBe(false);
    // An edit of the same size (only its time differs), a new file, a file that appears where none was, package.json.
    const changes = [
      () => fs.writeFileSync(path.join(root, "src", "conv", "scatter.ts"), "export const a = 2;\n"),
      () => fs.writeFileSync(path.join(root, "src", "conv", "gather.ts"), "export {};\n"),
      () => fs.writeFileSync(path.join(root, "absent.ts"), "export {};\n"),
      () => fs.writeFileSync(path.join(root, "package.json"), "{ }\n"),
    ];
    for (const change of changes) {
      await new Promise((resolve) => setTimeout(resolve, 20)); // a later modification time
      change();
      expect(await runsBuild()).toBe(true);
      writeManifest();
      expect(await runsBuild()).toBe(false);
    }
    fs.rmSync(path.join(root, "dist", ".stamps", "library-inputs.json"));
    expect(await runsBuild()).toBe(true);
  });
});
