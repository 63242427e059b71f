/**
 * The connection file Jupyter writes for a kernel: transport, ports and signing key.
 */
import * as fs from "node:fs";

/** Contents of a kernel connection file. */
export interface ConnectionInfo {
  transport: string;
  ip: string;
  shell_port: number;
  control_port: number;
  stdin_port: number;
  iopub_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
}

const PORT_FIELDS = ["shell_port", "control_port", "stdin_port", "iopub_port", "hb_port"] as const;

/** Reads and checks a connection file; throws an error naming the file and the bad field. */
export function readConnectionFile(file: string): ConnectionInfo {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`cannot read connection file ${file}: ${(error as Error).message}`);
  }
  if (typeof raw !== "object" || raw === null) throw new Error(`connection file ${file} must hold a JSON object`);
  const info = raw as Record<string, unknown>;
  for (const field of PORT_FIELDS) {
    const port = info[field];
    if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`connection file ${file}: ${field} must be an integer port in [1, 65535], got ${JSON.stringify(port)}`);
    }
  }
  const transport = typeof info.transport === "string" ? info.transport : "tcp";
  if (transport !== "tcp" && transport !== "ipc") {
    throw new Error(`connection file ${file}: transport must be "tcp" or "ipc", got ${JSON.stringify(transport)}`);
  }
  return {
    transport,
    ip: typeof info.ip === "string" ? info.ip : "127.0.0.1",
    shell_port: info.shell_port as number,
    control_port: info.control_port as number,
    stdin_port: info.stdin_port as number,
    iopub_port: info.iopub_port as number,
    hb_port: info.hb_port as number,
    key: typeof info.key === "string" ? info.key : "",
    signature_scheme: typeof info.signature_scheme === "string" ? info.signature_scheme : "hmac-sha256",
  };
}
