/**
 * `error` message content (ename, evalue, traceback) for the three ways a cell fails:
 * TypeScript diagnostics, an exception, or an interrupt. Tracebacks point at the cell line.
 */
import type { CellDiagnostic } from "./typescript-runner";
import { plainText } from "./rich-output";

/** `ename`, `evalue` and `traceback` of a failed cell. */
export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

const RED = "\u001b[0;31m";
const GREEN = "\u001b[0;32m";
const RESET = "\u001b[0m";

function sourceExcerpt(code: string, line: number, column?: number): string[] {
  const lines = code.split("\n");
  const text = lines[line - 1];
  if (text === undefined) return [];
  const out = [`${GREEN}${String(line).padStart(4)} |${RESET} ${text}`];
  if (column !== undefined) out.push(`     | ${" ".repeat(Math.max(0, column - 1))}${RED}^${RESET}`);
  return out;
}

/** Error content for TypeScript diagnostics: each with its position and the cell line it refers to. */
export function diagnosticsError(code: string, diagnostics: CellDiagnostic[]): ErrorContent {
  const traceback: string[] = [];
  for (const d of diagnostics) {
    traceback.push(`${RED}TypeScript error${RESET} at line ${d.line}, column ${d.column}: ${d.message}`);
    traceback.push(...sourceExcerpt(code, d.line, d.column));
  }
  const first = diagnostics[0];
  return {
    ename: "TypeScriptError",
    evalue: diagnostics.map((d) => `${d.line}:${d.column} - ${d.message}`).join("\n") || (first?.message ?? ""),
    traceback,
  };
}

function words(text: string): string[] {
  return text.match(/[A-Za-z_$][\w$]*|\d+(?:\.\d+)?|"[^"]*"|'[^']*'/g) ?? [];
}

/**
 * The cell line that compiled into line `jsLine` of the emitted JavaScript. The emitter keeps
 * statement order but drops types and adds `exports.x = ...` lines, so the cell line sharing
 * the most tokens with the JavaScript line wins (ties: the earliest).
 */
export function cellLineOf(code: string, jsCode: string, jsLine: number): number | undefined {
  const js = jsCode.split("\n")[jsLine - 1];
  if (js === undefined) return undefined;
  const jsWords = words(js.replace(/\bexports\.(tsLastExpr|[\w$]+)\s*=\s*/g, "")).filter((w) => w !== "exports");
  if (jsWords.length === 0) return undefined;
  let best: number | undefined;
  let bestScore = 0;
  code.split("\n").forEach((line, index) => {
    const lineWords = new Set(words(line));
    const score = jsWords.filter((w) => lineWords.has(w)).length;
    if (score > bestScore) {
      bestScore = score;
      best = index + 1;
    }
  });
  return best;
}

/** Error content for an exception thrown by a cell (synchronously, after an await, or interrupted). */
export function exceptionError(
  code: string,
  error: unknown,
  jsCode: string | undefined,
  fileName: string,
  interrupted: boolean,
): ErrorContent {
  if (interrupted) {
    const traceback = [`${RED}KeyboardInterrupt${RESET}: the cell was interrupted`];
    // A loop check's KeyboardInterrupt knows where the loop was; vm's and tslab's interrupts do not.
    if (error instanceof Error && error.name === "KeyboardInterrupt")
      traceback.push(...stackLines(code, error, jsCode, fileName));
    return { ename: "KeyboardInterrupt", evalue: "the cell was interrupted", traceback };
  }
  if (!(error instanceof Error)) {
    const shown = plainText(error);
    return { ename: "Uncaught", evalue: shown, traceback: [`${RED}Uncaught${RESET} ${shown}`] };
  }
  const ename = error.name || error.constructor?.name || "Error";
  const evalue = error.message;
  return { ename, evalue, traceback: [`${RED}${ename}${RESET}: ${evalue}`, ...stackLines(code, error, jsCode, fileName)] };
}

/** The frames of `error`'s stack: cell frames as the cell lines they point at, kernel internals left out. */
function stackLines(code: string, error: Error, jsCode: string | undefined, fileName: string): string[] {
  const traceback: string[] = [];
  const stack = (error.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l));
  const escaped = fileName.replace(/[[\]().]/g, "\\$&");
  const cellFrame = new RegExp(`${escaped}:(\\d+):(\\d+)`);
  let lastLine: number | undefined;
  for (const frame of stack) {
    const match = cellFrame.exec(frame);
    if (match !== null && jsCode !== undefined) {
      const line = cellLineOf(code, jsCode, Number(match[1]));
      if (line !== undefined) {
        if (line !== lastLine) {
          traceback.push(`  in the cell, line ${line}:`);
          traceback.push(...sourceExcerpt(code, line));
        }
        lastLine = line;
        continue;
      }
    }
    if (match !== null) continue; // the wrapper tslab puts around the cell
    if (/\(node:|at node:|tslab[\\/]dist[\\/]|kernel[\\/]src[\\/]/.test(frame)) continue;
    traceback.push(frame);
  }
  return traceback;
}
