/**
 * Pastes bench/results/latest.md (written by `npm run bench`) into README.md between the
 * `<!-- bench:start -->` and `<!-- bench:end -->` markers, touching nothing else.
 *
 *   node dist/bench/update-readme.js
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

/** README text with the part between the markers replaced by `table`. */
export function replaceBenchSection(readme: string, table: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md needs the markers ${START} and ${END} (in that order)`);
  return `${readme.slice(0, a + START.length)}\n${table.trim()}\n${readme.slice(b)}`;
}

if (require.main === module) {
  const root = resolve(__dirname, "..", "..");
  const readmePath = join(root, "README.md");
  const table = readFileSync(join(root, "bench", "results", "latest.md"), "utf8");
  writeFileSync(readmePath, replaceBenchSection(readFileSync(readmePath, "utf8"), table));
  console.log("README.md benchmark section updated from bench/results/latest.md");
}
