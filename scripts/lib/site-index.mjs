// `npm run export -- --site`: exports/index.html, the course's home page: every notebook in order,
// English and Vietnamese side by side (with the teachers' solutions below), each linking to its
// exported page (and its PDF when there is one). Self-contained: no script, no outside asset.
import fs from "node:fs";
import path from "node:path";

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The first level-1 heading of a notebook's markdown (without its `#` and markdown marks), else its file name. */
export function notebookTitle(notebook) {
  const nb = JSON.parse(fs.readFileSync(notebook, "utf8"));
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    const heading = /^#\s+(.+)$/m.exec(source);
    if (heading) return heading[1].replace(/[`*_]/g, "").trim();
  }
  return path.basename(notebook, ".ipynb");
}

/**
 * Writes `out/index.html` for `exported`: `{notebook, html, pdf?}` entries (absolute paths), grouped
 * by folder under `notebooksDir` (top level: English; `vi/`: Vietnamese; `solutions/`: solutions).
 * Returns the index's path.
 */
export function writeSiteIndex(out, notebooksDir, exported) {
  const byName = new Map();
  for (const entry of exported) {
    const relative = path.relative(notebooksDir, entry.notebook);
    const parts = relative.split(path.sep);
    const name = parts[parts.length - 1];
    const edition =
      parts.length === 1
        ? "en"
        : parts[0] === "vi"
          ? "vi"
          : parts[0] === "solutions"
            ? parts[1] === "vi"
              ? "solutions-vi"
              : "solutions"
            : null;
    if (edition === null) continue;
    const row = byName.get(name) ?? {};
    row[edition] = { ...entry, title: notebookTitle(entry.notebook) };
    byName.set(name, row);
  }
  const link = (item) => {
    if (!item) return "<td>–</td>";
    const href = path.relative(out, item.html).split(path.sep).join("/");
    const pdf = item.pdf
      ? ` <a class="pdf" href="${escapeHtml(path.relative(out, item.pdf).split(path.sep).join("/"))}">PDF</a>`
      : "";
    return `<td><a href="${escapeHtml(href)}">${escapeHtml(item.title)}</a>${pdf}</td>`;
  };
  const names = [...byName.keys()].sort();
  const rows = names.map((name) => `<tr>${link(byName.get(name).en)}${link(byName.get(name).vi)}</tr>`).join("\n");
  const solutionNames = names.filter((name) => byName.get(name).solutions || byName.get(name)["solutions-vi"]);
  const solutions = solutionNames.length
    ? `<h2>Solutions for teachers · Lời giải cho giáo viên</h2>\n<table>\n<tr><th>English</th><th>Tiếng Việt</th></tr>\n${solutionNames
        .map((name) => `<tr>${link(byName.get(name).solutions)}${link(byName.get(name)["solutions-vi"])}</tr>`)
        .join("\n")}\n</table>`
    : "";
  const page = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Upsampling Lab · the course</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1f24; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #d8dee4; vertical-align: top; }
a.pdf { font-size: .8em; margin-left: .4em; color: #57606a; }
</style>
</head>
<body>
<h1>Upsampling Lab</h1>
<p>Upsampling and transposed convolution, one notebook per section of the article, in order. Every page runs its
notebook in the browser: the sliders, Play buttons and heatmaps work with no server and no network.<br>
<span lang="vi">Mỗi trang chạy notebook ngay trong trình duyệt: thanh trượt, nút Play và heatmap đều hoạt động mà không cần máy chủ hay mạng.</span></p>
<table>
<tr><th>English</th><th>Tiếng Việt</th></tr>
${rows}
</table>
${solutions}
</body>
</html>
`;
  const index = path.join(out, "index.html");
  fs.writeFileSync(index, page);
  return index;
}
