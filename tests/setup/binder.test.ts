// binder/postBuild, the classroom install path, run for real against a stand-in for a
// BinderHub image's Python environment (a fresh venv first on PATH): through the two packages it
// must install the widget extension (the wheel) and the kernelspec there, and the course with the
// npm package beside it; a second run must change nothing in the environment.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILD_DIR, KERNEL_NAME, REPO_ROOT, venvExecutable } from "../notebooks/project";

const run = promisify(execFile);
const ENV = path.join(BUILD_DIR, "binder-test", "env");
const COURSE = path.join(BUILD_DIR, "binder-test", "course");
const DATA = path.join(ENV, "share", "jupyter");
const POST_BUILD = path.join(REPO_ROOT, "binder", "postBuild");
const EXTENSION = (
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "widgets", "lab", "package.json"), "utf8")) as { name: string }
).name;

function postBuild(): Promise<{ stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${path.join(ENV, "bin")}${path.delimiter}${process.env.PATH}`,
    UPSAMPLING_LAB_COURSE: COURSE,
  };
  delete env.VIRTUAL_ENV;
  return run("bash", [POST_BUILD], { cwd: REPO_ROOT, env, maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });
}

/** Every file under `dir` (but Python's bytecode caches) with its modification time and size. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || full.includes(`${path.sep}__pycache__${path.sep}`)) continue;
    const stat = fs.statSync(full);
    files[path.relative(dir, full)] = `${stat.mtimeMs} ${stat.size}`;
  }
  return files;
}

let first: { stdout: string; stderr: string };

beforeAll(async () => {
  fs.rmSync(path.dirname(ENV), { recursive: true, force: true });
  await run(venvExecutable("python"), ["-m", "venv", ENV]);
  first = await postBuild();
}, 600_000);

describe("binder/postBuild", () => {
  it("declares the README's pinned requirements and the system packages", () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, "binder", "requirements.txt"), "utf8")).toMatch(/^-r \.\.\/requirements\.txt$/m);
    expect(fs.readFileSync(path.join(REPO_ROOT, "binder", "apt.txt"), "utf8")).toContain("fonts-dejavu-core");
    expect(fs.statSync(POST_BUILD).mode & 0o111).not.toBe(0);
  });

  it("installs the widget extension from the wheel and the kernelspec from the npm package into the environment", async () => {
    const installJson = JSON.parse(fs.readFileSync(path.join(DATA, "labextensions", EXTENSION, "install.json"), "utf8")) as {
      packageManager: string;
    };
    expect(installJson.packageManager).toBe("python");
    const installed = fs.readFileSync(path.join(DATA, "labextensions", EXTENSION, "package.json"), "utf8");
    expect(installed).toBe(fs.readFileSync(path.join(REPO_ROOT, "widgets", "lab", "labextension", "package.json"), "utf8"));
    const kernelJson = JSON.parse(fs.readFileSync(path.join(DATA, "kernels", KERNEL_NAME, "kernel.json"), "utf8")) as {
      argv: string[];
    };
    // main.js comes before "--connection-file {connection_file}" (on Linux the argv starts with the snapshot launcher).
    expect(kernelJson.argv.at(-3)).toBe(path.join(COURSE, "node_modules", "upsampling-lab", "dist", "kernel", "src", "main.js"));
    // Jupyter itself finds the kernelspec there.
    const { stdout } = await run(venvExecutable("jupyter"), ["kernelspec", "list", "--json"], {
      env: { ...process.env, JUPYTER_PATH: DATA },
    });
    const specs = (JSON.parse(stdout) as { kernelspecs: Record<string, { resource_dir: string }> }).kernelspecs;
    expect(specs[KERNEL_NAME]?.resource_dir).toBe(path.join(DATA, "kernels", KERNEL_NAME));
    expect(first.stdout).toContain(`installed kernelspec ${KERNEL_NAME}`);
  });

  it("puts the notebooks in the course folder, beside the npm package they import", () => {
    for (const notebook of fs.readdirSync(path.join(REPO_ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb"))) {
      expect(fs.existsSync(path.join(COURSE, notebook)), notebook).toBe(true);
    }
    const version = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
    const installed = JSON.parse(
      fs.readFileSync(path.join(COURSE, "node_modules", "upsampling-lab", "package.json"), "utf8"),
    ) as { version: string };
    expect(installed.version).toBe(version);
    expect(fs.existsSync(path.join(COURSE, "node_modules", "upsampling-lab", "src"))).toBe(false);
  });

  it("changes nothing in the environment when run again", { timeout: 600_000 }, async () => {
    const before = snapshot(ENV);
    const again = await postBuild();
    expect(again.stdout).not.toMatch(/installed kernelspec|installed JupyterLab extension|built \(npm run|running npm ci/);
    expect(again.stdout).toContain(`kernelspec ${KERNEL_NAME}: up to date in ${path.join(DATA, "kernels", KERNEL_NAME)}`);
    expect(again.stdout).toContain(`JupyterLab extension ${EXTENSION}: up to date`);
    expect(again.stdout).toMatch(
      /upsampling-lab-widgets is already installed with the same version|Requirement already satisfied: upsampling/i,
    );
    expect(snapshot(ENV)).toEqual(before);
  });
});
