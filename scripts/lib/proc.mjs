// Running commands for the setup scripts: inherited output, clear failures, timings.
// Node built-ins only: these scripts run before `npm ci`.
import { spawnSync } from "node:child_process";
import path from "node:path";

/** An error whose message is meant for the user as it stands (no stack trace printed). */
export class SetupError extends Error {
  constructor(message) {
    super(message);
    this.name = "SetupError";
  }
}

const isWindows = process.platform === "win32";

/** Run a command with inherited stdio; throw a SetupError naming it when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    stdio: "inherit",
    cwd: options.cwd,
    env: options.env ?? process.env,
    shell: isWindows && !path.isAbsolute(command),
  });
  if (result.error) {
    throw new SetupError(`could not run ${command}: ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new SetupError(`\`${[command, ...args].join(" ")}\` failed (exit ${result.status ?? result.signal})`);
  }
}

/** Run a command and return its exit status and output (never throws for a non-zero exit). */
export function capture(command, args, options = {}) {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    cwd: options.cwd,
    env: options.env ?? process.env,
    shell: isWindows && !path.isAbsolute(command),
  });
  return {
    ok: !result.error && result.status === 0,
    status: result.status,
    stdout: result.stdout ?? "",
    stderr: result.stderr ?? (result.error ? result.error.message : ""),
  };
}

/** The npm command: the one running us when started by `npm run`, else `npm` on PATH. */
export function npmCommand() {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.c?js$/.test(npmCli)) return { command: process.execPath, prefix: [npmCli] };
  return { command: isWindows ? "npm.cmd" : "npm", prefix: [] };
}

/** Run `npm <args>` in the repository. */
export function runNpm(args, options = {}) {
  const npm = npmCommand();
  run(npm.command, [...npm.prefix, ...args], options);
}

/** Print one step's outcome with how long it took: `[setup] build: up to date (0.1 s)`. */
export function report(tag, step, outcome, startedAt) {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(`[${tag}] ${step}: ${outcome} (${seconds} s)`);
}
