/**
 * Entry point of the Upsampling Lab Jupyter kernel:
 * `node dist/kernel/src/main.js --connection-file <file>` (Jupyter fills in the file from the kernelspec).
 */
import "./v8-flags"; // first: V8 flags before anything compiles
import "./compiler-snapshot"; // then the compiler from the startup snapshot, when started from one
import "./code-cache"; // else the compiler's code cache, before the compiler loads
import { readConnectionFile } from "./connection";
import { Kernel } from "./kernel";
import { kernelLog } from "./log";

/** Parses `--connection-file <file>` (also `--connection-file=<file>` and `-f <file>`). */
export function connectionFileArgument(argv: string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--connection-file" || arg === "-f") {
      const value = argv[i + 1];
      if (value !== undefined) return value;
    } else if (arg.startsWith("--connection-file=")) {
      return arg.slice("--connection-file=".length);
    }
  }
  throw new Error(`usage: node main.js --connection-file <file>; got arguments ${JSON.stringify(argv)}`);
}

function main(): void {
  let kernel: Kernel;
  try {
    kernel = new Kernel(readConnectionFile(connectionFileArgument(process.argv.slice(2))), process.cwd());
  } catch (error) {
    kernelLog((error as Error).message);
    process.exit(2);
  }
  try {
    kernel.start();
  } catch (error) {
    kernelLog(`cannot start the compiler: ${(error as Error).stack ?? String(error)}`);
    kernel.exit(1);
  }
}

main();
