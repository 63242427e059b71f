// binder/postBuild, the classroom install path, run for real against a stand-in for a
// BinderHub image's Python environment (a fresh venv first on PATH): it must install the
// kernelspec and the widget extension there, and a second run must change nothing.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILD_DIR, KERNEL_NAME, REPO_ROOT, venvExecutable } from "../notebooks/project";

const run = promisify(execFile);
const ENV = path.join(BUILD_DIR, "binder-test", "env");
const DATA = path.join(ENV, "share", "jupyter");
const POST_BUILD = path.join(REPO_ROOT, "binder", "postBuild");

function postBuild(): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env, PATH: `${path.join(ENV, "bin")}${path.delimiter}${process.env.PATH}` };
  return run("bash", [POST_BUILD], { cwd: REPO_ROOT, env, maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });
}

/** Every file under `dir` with its modification time and size. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const stat = fs.statSync(full);
        files[path.relative(dir, full)] = `${stat.mtimeMs} ${stat.size}`;
      }
    }
  };
  walk(dir);
  return files;
}

let first: { stdout: string; stderr: string };

beforeAll(async () => {
  fs.rmSync(path.dirname(ENV), { recursive: true, force: true });
  await run(venvExecutable("python"), ["-m", "venv", "--without-pip", ENV]);
  first = await postBuild();
}, 600_000);

describe("binder/postBuild", () => {
  it("declares the README's pinned requirements and the system packages", () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, "binder", "requirements.txt"), "utf8")).toMatch(/^-r \.\.\/requirements\.txt$/m);
    expect(fs.readFileSync(path.join(REPO_ROOT, "binder", "apt.txt"), "utf8")).toContain("fonts-dejavu-core");
    expect(fs.statSync(POST_BUILD).mode & 0o111).not.toBe(0);
  });

  it("installs the kernelspec and the widget extension into the environment's prefix", async () => {
    const kernelJson = JSON.parse(fs.readFileSync(path.join(DATA, "kernels", KERNEL_NAME, "kernel.json"), "utf8")) as { argv: string[] };
    expect(kernelJson.argv[1]).toBe(path.join(REPO_ROOT, "dist", "kernel", "src", "main.js"));
    const extensionName = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "widgets", "lab", "package.json"), "utf8")) as { name: string }).name;
    const installed = fs.readFileSync(path.join(DATA, "labextensions", extensionName, "package.json"), "utf8");
    expect(installed).toBe(fs.readFileSync(path.join(REPO_ROOT, "widgets", "lab", "labextension", "package.json"), "utf8"));
    // Jupyter itself finds the kernelspec there.
    const { stdout } = await run(venvExecutable("jupyter"), ["kernelspec", "list", "--json"], {
      env: { ...process.env, JUPYTER_PATH: DATA },
    });
    const specs = (JSON.parse(stdout) as { kernelspecs: Record<string, { resource_dir: string }> }).kernelspecs;
    expect(specs[KERNEL_NAME]?.resource_dir).toBe(path.join(DATA, "kernels", KERNEL_NAME));
    expect(first.stdout).toContain(`installed into ${ENV}`);
  });

  it("changes nothing when run again", { timeout: 600_000 }, async () => {
    const before = snapshot(DATA);
    const again = await postBuild();
    expect(again.stdout).not.toMatch(/installed into|built \(npm run|running npm ci/);
    expect(again.stdout).toContain(`kernel "${KERNEL_NAME}": up to date in ${ENV}`);
    expect(again.stdout).toContain(`widget extension: up to date in ${ENV}`);
    expect(snapshot(DATA)).toEqual(before);
  });
});
