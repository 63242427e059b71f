// The two packages as a user gets them: `npm run pack` builds the npm tarball and the wheel, then,
// in a folder outside the repository with a fresh venv (nothing of the repository's node_modules
// or .venv reachable), pip installs the wheel and the pinned Jupyter pieces, npm installs the
// tarball, `npx upsampling-lab install --sys-prefix` adds the kernelspec, and nbclient runs
// notebook 3 there on the packaged kernel.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KERNEL_NAME, NOTEBOOKS_DIR, REPO_ROOT } from "../notebooks/project";

const execFileAsync = promisify(execFile);
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
/** Its own folder: binder.test.ts packs into build/packages at the same time. */
const PACKAGES = path.join(REPO_ROOT, "build", "package-test", "packages");
const TARBALL = path.join(PACKAGES, `upsampling-lab-${VERSION}.tgz`);
const WHEEL = path.join(PACKAGES, `upsampling_lab_widgets-${VERSION}-py3-none-any.whl`);
const NOTEBOOK = "03-transposed-convolution-step-by-step.ipynb";
/** The Jupyter pieces the fresh venv needs, at the versions requirements.txt pins. */
const JUPYTER_PINS = ["jupyterlab", "jupyterlab_widgets", "nbclient"];

/** Terminal colour codes, which `jupyter labextension list` prints around "enabled" and "OK". */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

let folder = "";
let venv = "";

/** An environment with nothing of the repository or the calling npm/Jupyter on it. */
function isolatedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|INIT_CWD$|NODE_PATH$|NODE_OPTIONS$|JUPYTER|VIRTUAL_ENV$|PYTHONPATH$|VITEST)/i.test(key)) continue;
    env[key] = value;
  }
  const outsideRepo = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((dir) => dir && !path.resolve(dir).startsWith(REPO_ROOT));
  env.PATH = [path.join(venv, "bin"), path.dirname(process.execPath), ...outsideRepo].join(path.delimiter);
  env.VIRTUAL_ENV = venv;
  env.JUPYTER_DATA_DIR = path.join(folder, "jupyter-user", "data");
  env.JUPYTER_CONFIG_DIR = path.join(folder, "jupyter-user", "config");
  env.JUPYTER_RUNTIME_DIR = path.join(folder, "jupyter-user", "runtime");
  return env;
}

/** Runs a command in the temporary folder; resolves to its stdout, or rejects with its output. */
async function inFolder(command: string, args: string[], timeout = 300_000): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, {
      cwd: folder,
      env: isolatedEnv(),
      timeout,
      maxBuffer: 32 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as { message: string; stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
}

function pinned(name: string): string {
  const line = fs
    .readFileSync(path.join(REPO_ROOT, "requirements.txt"), "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${name}==`));
  if (line === undefined) throw new Error(`requirements.txt pins no ${name}`);
  return line.trim();
}

function venvBin(name: string): string {
  return path.join(venv, "bin", name);
}

/** Every file under `dir` with its modification time and size. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const stat = fs.statSync(full);
    files[path.relative(dir, full)] = `${stat.mtimeMs} ${stat.size}`;
  }
  return files;
}

async function labextensions(): Promise<string> {
  // `jupyter labextension list` prints its table on stderr.
  const { stdout, stderr } = await execFileAsync(venvBin("jupyter"), ["labextension", "list"], {
    cwd: folder,
    env: isolatedEnv(),
  });
  return `${stdout}${stderr}`.replace(ANSI_COLOUR, "");
}

let wheelListing = "";

beforeAll(async () => {
  await execFileAsync(process.execPath, [path.join(REPO_ROOT, "scripts", "pack.mjs"), "--out", PACKAGES], {
    cwd: REPO_ROOT,
    maxBuffer: 32 * 1024 * 1024,
  });
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "upsampling-lab-package-"));
  venv = path.join(folder, "venv");
  fs.writeFileSync(path.join(folder, "package.json"), JSON.stringify({ private: true }) + "\n");
  fs.copyFileSync(path.join(NOTEBOOKS_DIR, NOTEBOOK), path.join(folder, NOTEBOOK));
  const python = process.env.PYTHON ?? "python3";
  await inFolder(python, ["-m", "venv", venv]);
  // One pip run, from pip's cache when it holds these versions; the npm install beside it.
  await Promise.all([
    inFolder(venvBin("python"), [
      "-m",
      "pip",
      "install",
      "--quiet",
      "--disable-pip-version-check",
      WHEEL,
      ...JUPYTER_PINS.map(pinned),
    ]),
    inFolder("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", TARBALL]),
  ]);
  wheelListing = await labextensions();
  await inFolder("npx", ["--no-install", "upsampling-lab", "install", "--sys-prefix"]);
}, 900_000);

afterAll(() => {
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

describe("the npm tarball", () => {
  it("holds the built library, kernel and extension, not tests, benchmarks or sources", async () => {
    const { stdout } = await execFileAsync("tar", ["-tzf", TARBALL], { maxBuffer: 8 * 1024 * 1024 });
    const files = stdout
      .split("\n")
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ""));
    for (const needed of [
      "package.json",
      "bin/upsampling-lab.mjs",
      "dist/src/index.js",
      "dist/src/index.d.ts",
      "dist/kernel/src/main.js",
      "dist/kernel/src/install.js",
      "dist/widgets/api/index.js",
      "dist/widgets/lab/package.json",
      "kernel/logo/logo-64x64.png",
      "widgets/lab/labextension/package.json",
      "widgets/lab/scripts/install-labextension.mjs",
      "CHANGELOG.md",
    ]) {
      expect(files, needed).toContain(needed);
    }
    if (fs.existsSync(path.join(REPO_ROOT, "dist", "browser")))
      expect(files.some((f) => f.startsWith("dist/browser/"))).toBe(true);
    const unwanted = files.filter(
      (f) =>
        /^(tests|bench|src|kernel\/src|widgets\/(api|shared|lab\/src)|dist\/(tests|bench|scripts)|notebooks)\//.test(f) ||
        /\.(ts|map)$/.test(f.replace(/\.d\.ts$/, "")),
    );
    expect(unwanted).toEqual([]);
  });

  it("has the size the README gives", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const stated = /upsampling-lab-<version>\.tgz` \(about (\d+) KiB/.exec(readme);
    expect(stated, "README: `upsampling-lab-<version>.tgz` (about N KiB").not.toBeNull();
    const actual = fs.statSync(TARBALL).size / 1024;
    expect(
      Math.abs(actual - Number(stated![1])) / actual,
      `README says ${stated![1]} KiB, the tarball is ${actual.toFixed(0)} KiB`,
    ).toBeLessThan(0.25);
  });
});

describe("installed from the packages into a fresh venv outside the repository", () => {
  it("the wheel alone makes JupyterLab list the widget extension, enabled", () => {
    expect(wheelListing).toMatch(
      new RegExp(`upsampling-lab-widgets v${VERSION.replace(/\./g, "\\.")} enabled OK \\(python, upsampling_lab_widgets\\)`),
    );
  });

  it("`jupyter kernelspec list` and `jupyter labextension list` show the kernel and the extension", async () => {
    const specs = (
      JSON.parse(await inFolder(venvBin("jupyter"), ["kernelspec", "list", "--json"])) as {
        kernelspecs: Record<string, { resource_dir: string; spec: { argv: string[] } }>;
      }
    ).kernelspecs;
    expect(specs[KERNEL_NAME]?.resource_dir).toBe(path.join(venv, "share", "jupyter", "kernels", KERNEL_NAME));
    // main.js comes before "--connection-file {connection_file}" (on Linux the argv starts with the snapshot launcher).
    expect(specs[KERNEL_NAME].spec.argv.at(-3)).toBe(
      path.join(fs.realpathSync(folder), "node_modules", "upsampling-lab", "dist", "kernel", "src", "main.js"),
    );
    expect(await labextensions()).toMatch(new RegExp(`upsampling-lab-widgets v${VERSION.replace(/\./g, "\\.")} enabled OK`));
  });

  it("a second `upsampling-lab install` finds both up to date and changes nothing", async () => {
    const data = path.join(venv, "share", "jupyter");
    const before = snapshot(data);
    const again = await inFolder("npx", ["--no-install", "upsampling-lab", "install", "--sys-prefix"]);
    expect(again).toContain(`kernelspec ${KERNEL_NAME}: up to date`);
    expect(again).toContain("JupyterLab extension upsampling-lab-widgets: up to date");
    expect(snapshot(data)).toEqual(before);
  });

  it("nbclient runs notebook 3 there on the packaged kernel, every check passing", { timeout: 300_000 }, async () => {
    const script = path.join(REPO_ROOT, "tests", "notebooks", "execute_notebook.py");
    const stdout = await inFolder(venvBin("python"), [
      script,
      NOTEBOOK,
      path.join(folder, "executed", NOTEBOOK),
      "--timeout",
      "240",
    ]);
    const report = JSON.parse(stdout.trim().split("\n").pop()!) as {
      ok: boolean;
      failure: string | null;
      problems: unknown[];
      widgetModels: number;
    };
    expect(report.failure).toBeNull();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.widgetModels).toBeGreaterThan(0);
    const executed = fs.readFileSync(path.join(folder, "executed", NOTEBOOK), "utf8");
    expect(executed).toContain("0 + 2 + 2 + 0 = 4");
  });
});
