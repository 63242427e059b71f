// `npm run export -- --site` (scripts/lib/site-index.mjs): the course home page lists the shipped
// notebooks in order, each English edition beside its Vietnamese one, titled by their first heading,
// linking relative to the index; a notebook without a page is left out.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { NOTEBOOKS_DIR } from "../notebooks/project";

const out = fs.mkdtempSync(path.join(os.tmpdir(), "upsampling-lab-site-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

it("lists every exported notebook in order, English beside Vietnamese, with relative links", async () => {
  const { writeSiteIndex } = (await import(path.join("..", "..", "scripts", "lib", "site-index.mjs"))) as {
    writeSiteIndex(out: string, notebooksDir: string, pages: { notebook: string; html: string; pdf?: string }[]): string;
  };
  const names = fs
    .readdirSync(NOTEBOOKS_DIR)
    .filter((n) => n.endsWith(".ipynb"))
    .sort();
  const viNames = fs.readdirSync(path.join(NOTEBOOKS_DIR, "vi")).filter((n) => n.endsWith(".ipynb"));
  expect(names.length).toBeGreaterThan(3);
  const page = (sub: string, name: string): { notebook: string; html: string } => ({
    notebook: path.join(NOTEBOOKS_DIR, sub, name),
    html: path.join(out, sub, name.replace(/\.ipynb$/, ".html")),
  });
  // Listed in reverse: the index orders them itself. The last English notebook has no page.
  const pages = [...names.slice(0, -1).map((n) => page("", n)), ...viNames.map((n) => page("vi", n))].reverse();
  const index = fs.readFileSync(writeSiteIndex(out, NOTEBOOKS_DIR, pages), "utf8");
  const englishLinks = [...index.matchAll(/<tr><td><a href="([^"]+)">/g)].map((m) => m[1]);
  expect(englishLinks).toEqual(names.slice(0, -1).map((n) => n.replace(/\.ipynb$/, ".html")));
  for (const name of viNames) expect(index).toContain(`<a href="vi/${name.replace(/\.ipynb$/, ".html")}">`);
  const first = JSON.parse(fs.readFileSync(path.join(NOTEBOOKS_DIR, "vi", names[0]), "utf8")) as {
    cells: { cell_type: string; source: string[] }[];
  };
  const heading = /^#\s+(.+)$/m.exec(first.cells.find((c) => c.cell_type === "markdown")?.source.join("") ?? "")?.[1];
  expect(heading).toBeDefined();
  expect(index).toContain(
    heading
      ?.replace(/[`*_]/g, "")
      .trim()
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;"),
  );
  expect(index).not.toMatch(/<script|https?:\/\//);
});

it("lists the teacher's solutions apart from the course, under their own heading", async () => {
  const { writeSiteIndex } = (await import(path.join("..", "..", "scripts", "lib", "site-index.mjs"))) as {
    writeSiteIndex(out: string, notebooksDir: string, pages: { notebook: string; html: string; pdf?: string }[]): string;
  };
  const name = fs
    .readdirSync(path.join(NOTEBOOKS_DIR, "solutions"))
    .filter((n) => n.endsWith(".ipynb"))
    .sort()[0];
  const html = (sub: string): string => path.join(out, sub, name.replace(/\.ipynb$/, ".html"));
  const pages = [
    { notebook: path.join(NOTEBOOKS_DIR, name), html: html("") },
    { notebook: path.join(NOTEBOOKS_DIR, "solutions", name), html: html("solutions") },
    { notebook: path.join(NOTEBOOKS_DIR, "solutions", "vi", name), html: html(path.join("solutions", "vi")) },
  ];
  const index = fs.readFileSync(writeSiteIndex(out, NOTEBOOKS_DIR, pages), "utf8");
  const heading = index.indexOf("<h2>Solutions for teachers");
  expect(heading).toBeGreaterThan(0);
  const link = (sub: string): number => index.indexOf(`<a href="${sub}${name.replace(/\.ipynb$/, ".html")}">`);
  expect(link("")).toBeGreaterThan(0);
  expect(link("")).toBeLessThan(heading);
  expect(link("solutions/")).toBeGreaterThan(heading);
  expect(link("solutions/vi/")).toBeGreaterThan(heading);
});
