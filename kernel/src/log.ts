/**
 * The kernel's own log: the process's real stderr, never a notebook output.
 */
import { writeSync } from "node:fs";

/** Writes one line to the kernel's log. */
export function kernelLog(text: string): void {
  writeSync(2, `[upsampling-lab kernel] ${text}\n`);
}
