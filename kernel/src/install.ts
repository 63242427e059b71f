/**
 * Installs the kernelspec `upsampling-lab` ("TypeScript (Upsampling Lab)"):
 * `node dist/kernel/src/install.js [--prefix P | --user | --sys-prefix] [--quiet]`.
 * Default prefix: the project venv `.venv` at the repository root.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  buildCompilerSnapshot,
  kernelTypeRoot,
  SNAPSHOT_DIR_VARIABLE,
  snapshotBlobFile,
  snapshotFolder,
  snapshotLauncher,
} from "./compiler-snapshot";
import { HUGE_PAGES_TUNABLE } from "./huge-pages";

/** Kernelspec directory name (the kernel name Jupyter uses). */
export const KERNEL_NAME = "upsampling-lab";

/** Name shown in JupyterLab's launcher and kernel picker. */
export const KERNEL_DISPLAY_NAME = "TypeScript (Upsampling Lab)";

/** Repository (package) root: three levels above `dist/kernel/src`. */
export const PACKAGE_ROOT = path.resolve(__dirname, "..", "..", "..");

/** The package's version (package.json: the one place it is kept), also the kernel's version. */
export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

/** Where to install: a prefix (`<prefix>/share/jupyter/kernels`) or the user's Jupyter data dir. */
export type InstallTarget = { kind: "prefix"; prefix: string } | { kind: "user" } | { kind: "sys-prefix" };

/** Parses the command line; throws naming the bad argument. */
export function parseInstallArgs(argv: string[]): { target: InstallTarget; quiet: boolean } {
  let target: InstallTarget = { kind: "prefix", prefix: path.join(PACKAGE_ROOT, ".venv") };
  let quiet = false;
  let chosen: string | undefined;
  const choose = (flag: string, t: InstallTarget): void => {
    if (chosen !== undefined) throw new Error(`choose one of --prefix, --user, --sys-prefix; got ${chosen} and ${flag}`);
    chosen = flag;
    target = t;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--prefix") {
      const value = argv[++i];
      if (value === undefined || value.startsWith("--"))
        throw new Error("--prefix needs a directory, e.g. --prefix /opt/jupyter");
      choose(arg, { kind: "prefix", prefix: path.resolve(value) });
    } else if (arg.startsWith("--prefix=")) {
      choose("--prefix", { kind: "prefix", prefix: path.resolve(arg.slice("--prefix=".length)) });
    } else if (arg === "--user") {
      choose(arg, { kind: "user" });
    } else if (arg === "--sys-prefix") {
      choose(arg, { kind: "sys-prefix" });
    } else if (arg === "--quiet" || arg === "-q") {
      quiet = true;
    } else {
      throw new Error(`unknown argument ${JSON.stringify(arg)}; allowed: --prefix <dir>, --user, --sys-prefix, --quiet`);
    }
  }
  return { target, quiet };
}

/** The user's Jupyter data directory (honours JUPYTER_DATA_DIR, XDG_DATA_HOME and macOS/Windows defaults). */
export function userDataDir(): string {
  if (process.env.JUPYTER_DATA_DIR) return path.resolve(process.env.JUPYTER_DATA_DIR);
  if (process.platform === "darwin") return path.join(os.homedir(), "Library", "Jupyter");
  if (process.platform === "win32") return path.join(process.env.APPDATA ?? os.homedir(), "jupyter");
  return path.join(process.env.XDG_DATA_HOME ?? path.join(os.homedir(), ".local", "share"), "jupyter");
}

/** `sys.prefix` of the active Python: $VIRTUAL_ENV, else what `python3` reports. */
export function sysPrefix(): string {
  if (process.env.VIRTUAL_ENV) return path.resolve(process.env.VIRTUAL_ENV);
  try {
    return execFileSync("python3", ["-c", "import sys; print(sys.prefix)"], { encoding: "utf8" }).trim();
  } catch (error) {
    throw new Error(
      `--sys-prefix needs a Python: "python3" could not be run (${(error as Error).message}); use --prefix instead`,
    );
  }
}

/** The kernels directory a target resolves to. */
export function kernelsDir(target: InstallTarget): string {
  switch (target.kind) {
    case "prefix":
      return path.join(target.prefix, "share", "jupyter", "kernels");
    case "user":
      return path.join(userDataDir(), "kernels");
    case "sys-prefix":
      return path.join(sysPrefix(), "share", "jupyter", "kernels");
  }
}

/** The command that starts the kernel: node and main.js (absolute); on Linux through the snapshot launcher (compiler-snapshot.ts). */
export function kernelCommand(connectionFile: string): string[] {
  const args = [path.join(__dirname, "main.js"), "--connection-file", connectionFile];
  return process.platform === "linux" ? snapshotLauncher(process.execPath, args) : [process.execPath, ...args];
}

/** The environment the kernelspec sets: huge pages and the compiler snapshot's folder, on Linux. */
export function kernelEnvironment(): Record<string, string> {
  if (process.platform !== "linux") return {};
  return { GLIBC_TUNABLES: HUGE_PAGES_TUNABLE, [SNAPSHOT_DIR_VARIABLE]: snapshotFolder(PACKAGE_ROOT) };
}

/** The kernel.json contents: absolute node and main.js paths, message interrupt mode, huge pages and the snapshot on Linux. */
export function kernelSpec(): Record<string, unknown> {
  return {
    argv: kernelCommand("{connection_file}"),
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
    interrupt_mode: "message",
    env: kernelEnvironment(),
    metadata: { debugger: false },
  };
}

/** Writes the kernelspec (kernel.json and logos) into `kernels/<name>` under `target`; returns its directory. */
export function installKernelSpec(target: InstallTarget): string {
  const mainJs = path.join(__dirname, "main.js");
  if (!fs.existsSync(mainJs)) throw new Error(`${mainJs} is missing; run "npm run build" first`);
  const dir = path.join(kernelsDir(target), KERNEL_NAME);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "kernel.json"), JSON.stringify(kernelSpec(), null, 2) + "\n");
  for (const logo of ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"]) {
    const source = path.join(PACKAGE_ROOT, "kernel", "logo", logo);
    if (!fs.existsSync(source)) throw new Error(`logo ${source} is missing from the package`);
    fs.copyFileSync(source, path.join(dir, logo));
  }
  return dir;
}

async function main(): Promise<void> {
  try {
    const { target, quiet } = parseInstallArgs(process.argv.slice(2));
    const dir = installKernelSpec(target);
    if (!quiet) console.log(`Installed kernelspec ${KERNEL_NAME} ("${KERNEL_DISPLAY_NAME}") in ${dir}`);
    // The first start is then as fast as the next ones (a kernel builds a missing or stale snapshot itself).
    const folder = kernelEnvironment()[SNAPSHOT_DIR_VARIABLE];
    if (folder === undefined || fs.existsSync(snapshotBlobFile(folder))) return;
    if ((await buildCompilerSnapshot(folder, kernelTypeRoot(), true)) && !quiet)
      console.log(`Built the kernel's compiler snapshot in ${folder}`);
  } catch (error) {
    console.error(`kernel install: ${(error as Error).message}`);
    process.exit(1);
  }
}

if (require.main === module) void main();
