/**
 * The input history of this kernel session, answering `history_request` (tail, range and glob search).
 */
import type { Json } from "./wire-message";

/** One executed cell. */
export interface HistoryEntry {
  /** Execution count of the cell. */
  line: number;
  input: string;
  /** `text/plain` of its result, if any. */
  output: string | null;
}

/** Session number reported in history rows (this kernel keeps one session in memory). */
const SESSION = 1;

/** Converts a glob (`*`, `?`) to an anchored regular expression, as IPython's history search does. */
export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, "[\\s\\S]*")
    .replace(/\?/g, "[\\s\\S]");
  return new RegExp(`^${escaped}$`);
}

/** Cells executed with `store_history`. */
export class History {
  private readonly entries: HistoryEntry[] = [];

  /** Records a cell (its `output` may be filled in later). */
  add(entry: HistoryEntry): void {
    this.entries.push(entry);
  }

  /** `history` rows for a history_request's content: `[session, line, input]` or `[session, line, [input, output]]`. */
  reply(content: Json): unknown[] {
    const withOutput = content.output === true;
    const row = (e: HistoryEntry): unknown[] => [SESSION, e.line, withOutput ? [e.input, e.output] : e.input];
    const n = typeof content.n === "number" && content.n >= 0 ? content.n : undefined;
    const last = <T>(list: T[]): T[] => (n === undefined ? list : n === 0 ? [] : list.slice(-n));
    switch (content.hist_access_type) {
      case "range": {
        const start = typeof content.start === "number" ? content.start : 1;
        const stop = typeof content.stop === "number" ? content.stop : Infinity;
        if (typeof content.session === "number" && content.session !== SESSION && content.session !== 0) return [];
        return this.entries.filter((e) => e.line >= start && e.line < stop).map(row);
      }
      case "search": {
        const regex = globToRegExp(typeof content.pattern === "string" ? content.pattern : "*");
        let found = this.entries.filter((e) => regex.test(e.input));
        if (content.unique === true) {
          const seen = new Set<string>();
          found = found
            .reverse()
            .filter((e) => (seen.has(e.input) ? false : (seen.add(e.input), true)))
            .reverse();
        }
        return last(found).map(row);
      }
      default:
        return last(this.entries).map(row);
    }
  }
}
