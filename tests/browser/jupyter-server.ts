/**
 * A JupyterLab server from the project venv for browser tests: 127.0.0.1, a random free
 * port, a random token, and private config/data/runtime/settings folders so neither the
 * user's Jupyter setup nor the news feed or extension manager (network) gets involved.
 * The same server also serves Jupyter Notebook 7's `/notebooks/...` pages.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { venvExecutable } from "../notebooks/project";

export interface JupyterServer {
  /** Base URL, e.g. `http://127.0.0.1:40123/`. */
  baseUrl: string;
  token: string;
  rootDir: string;
  /** URL of a page (`lab/tree/x.ipynb`, `notebooks/x.ipynb`) with the token attached. */
  pageUrl(pagePath: string): string;
  /** The server's log so far (stdout and stderr), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

/** Settings that keep the UI quiet and every cell in the DOM (no windowing) for checks. */
function writeLabSettings(settingsDir: string): void {
  writeJson(path.join(settingsDir, "@jupyterlab", "apputils-extension", "notification.jupyterlab-settings"), {
    fetchNews: "false",
    checkForUpdates: false,
  });
  writeJson(path.join(settingsDir, "@jupyterlab", "notebook-extension", "tracker.jupyterlab-settings"), {
    windowingMode: "none",
    kernelShutdown: true, // closing a notebook's tab shuts its kernel down (one page visits many notebooks)
  });
}

async function waitUntilReady(baseUrl: string, token: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`JupyterLab exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}api/status`, { headers: { Authorization: `token ${token}` } });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`JupyterLab did not answer within 60 s:\n${log()}`);
}

/**
 * Kill processes still naming `home` on their command line: kernels whose connection file
 * lives in this server's runtime folder, if the server left any behind (Linux /proc only).
 */
function killLeftovers(home: string): void {
  if (process.platform !== "linux") return;
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let cmdline: string;
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    if (cmdline.includes(home) && Number(pid) !== process.pid) {
      try {
        process.kill(Number(pid), "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
}

/** Start JupyterLab serving `rootDir`; resolves once its REST API answers. */
export async function startJupyterServer(rootDir: string): Promise<JupyterServer> {
  const jupyter = venvExecutable("jupyter");
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "upsampling-lab-jupyter-"));
  const configDir = path.join(home, "config");
  writeJson(path.join(configDir, "jupyter_server_config.json"), {
    LabApp: { news_url: null, extension_manager: "readonly", expose_app_in_browser: true },
    JupyterNotebookApp: { expose_app_in_browser: true },
  });
  const settingsDir = path.join(home, "settings");
  writeLabSettings(settingsDir);
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const env = {
    ...process.env,
    JUPYTER_CONFIG_DIR: configDir,
    JUPYTER_DATA_DIR: path.join(home, "data"),
    JUPYTER_RUNTIME_DIR: path.join(home, "runtime"),
    JUPYTERLAB_SETTINGS_DIR: settingsDir,
    JUPYTERLAB_WORKSPACES_DIR: path.join(home, "workspaces"),
  };
  const child = spawn(
    jupyter,
    [
      "lab",
      "--no-browser",
      "--ServerApp.ip=127.0.0.1",
      `--ServerApp.port=${port}`,
      "--ServerApp.port_retries=0",
      `--IdentityProvider.token=${token}`,
      `--ServerApp.root_dir=${rootDir}`,
      // CI containers run as root; Jupyter refuses that unless told.
      ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
    ],
    { env, cwd: rootDir, stdio: ["ignore", "pipe", "pipe"], detached: false },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}/`;
  const log = (): string => output;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    killLeftovers(home);
    fs.rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(baseUrl, token, child, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseUrl,
    token,
    rootDir,
    pageUrl: (pagePath) => `${baseUrl}${pagePath.replace(/^\//, "")}${pagePath.includes("?") ? "&" : "?"}token=${token}`,
    log,
    stop,
  };
}
