/**
 * The kernelspec install command: --prefix, --user and --sys-prefix targets, what `jupyter kernelspec
 * list` reports, the files written, and clear errors for bad arguments.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { SNAPSHOT_DIR_VARIABLE, snapshotFolder } from "../../kernel/src/compiler-snapshot";
import { KERNEL_NAME, parseInstallArgs, PACKAGE_ROOT } from "../../kernel/src/install";
import { REPO } from "./kernel-client";
import { venvPython } from "./jupyter-env";

const INSTALL_JS = path.join(REPO, "dist", "kernel", "src", "install.js");

function install(args: string[], env: NodeJS.ProcessEnv = process.env): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [INSTALL_JS, ...args], { env, encoding: "utf8" });
  return { status: result.status, output: result.stdout + result.stderr };
}

function listKernelSpecs(env: NodeJS.ProcessEnv): Record<string, { resource_dir: string; spec: Record<string, unknown> }> {
  const jupyter = path.join(path.dirname(venvPython()), "jupyter");
  return JSON.parse(execFileSync(jupyter, ["kernelspec", "list", "--json"], { env, encoding: "utf8" })).kernelspecs;
}

describe("kernelspec install", { timeout: 60_000 }, () => {
  it("installs into --prefix; jupyter kernelspec list shows it with logos and absolute paths", () => {
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "prefix-"));
    const { status, output } = install(["--prefix", prefix]);
    expect(status, output).toBe(0);
    const specs = listKernelSpecs({ ...process.env, JUPYTER_PATH: path.join(prefix, "share", "jupyter") });
    const entry = specs[KERNEL_NAME];
    expect(entry.spec).toMatchObject({
      display_name: "TypeScript (Upsampling Lab)",
      language: "typescript",
      interrupt_mode: "message",
    });
    if (process.platform === "linux") {
      expect(entry.spec.env).toEqual({
        GLIBC_TUNABLES: "glibc.malloc.hugetlb=1",
        [SNAPSHOT_DIR_VARIABLE]: snapshotFolder(REPO), // the installer that ran is dist's
      });
    }
    // On Linux: /bin/sh -c <launcher> <name> <node> <main.js> ... (compiler-snapshot.ts); elsewhere node and main.js.
    const argv = entry.spec.argv as string[];
    const [node, mainJs, ...rest] = process.platform === "linux" ? argv.slice(4) : argv;
    if (process.platform === "linux") expect(argv.slice(0, 2)).toEqual(["/bin/sh", "-c"]);
    expect(path.isAbsolute(node) && path.isAbsolute(mainJs)).toBe(true);
    expect(rest).toEqual(["--connection-file", "{connection_file}"]);
    expect(fs.existsSync(mainJs)).toBe(true);
    for (const logo of ["logo-32x32.png", "logo-64x64.png"]) {
      const bytes = fs.readFileSync(path.join(entry.resource_dir, logo));
      expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    }
  });

  it("installs into the user's data dir with --user", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "datadir-"));
    // Jupyter prefers the venv over the user dir when run from a venv; ask for the user dir first.
    const env = { ...process.env, JUPYTER_DATA_DIR: dataDir, JUPYTER_PREFER_ENV_PATH: "0" };
    expect(install(["--user"], env).status).toBe(0);
    expect(listKernelSpecs(env)[KERNEL_NAME].resource_dir).toBe(path.join(dataDir, "kernels", KERNEL_NAME));
  });

  it("installs into the active environment with --sys-prefix", () => {
    const venv = fs.mkdtempSync(path.join(os.tmpdir(), "venv-"));
    expect(install(["--sys-prefix"], { ...process.env, VIRTUAL_ENV: venv }).status).toBe(0);
    expect(fs.existsSync(path.join(venv, "share", "jupyter", "kernels", KERNEL_NAME, "kernel.json"))).toBe(true);
  });

  it("defaults to the project venv and rejects bad arguments by name", () => {
    expect(parseInstallArgs([]).target).toEqual({ kind: "prefix", prefix: path.join(PACKAGE_ROOT, ".venv") });
    expect(() => parseInstallArgs(["--user", "--sys-prefix"])).toThrow(/--user and --sys-prefix/);
    expect(() => parseInstallArgs(["--prefix"])).toThrow(/--prefix needs a directory/);
    const { status, output } = install(["--bogus"]);
    expect(status).toBe(1);
    expect(output).toContain('"--bogus"');
  });
});
