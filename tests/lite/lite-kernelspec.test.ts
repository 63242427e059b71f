// The JupyterLite kernel opens the course's notebooks by itself: the kernel plugin registers the
// Node kernel's name and display name, the site makes that name its default, and every notebook's
// metadata names it.
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { KERNEL_DISPLAY_NAME as LITE_DISPLAY_NAME, KERNEL_NAME as LITE_NAME } from "../../kernel/lite/extension/src/kernelspec";
import { KERNEL_DISPLAY_NAME, KERNEL_NAME } from "../../kernel/src/install";
import { NOTEBOOKS_DIR } from "../notebooks/project";

it("registers the Node kernel's name and display name, which the site makes its default", async () => {
  expect(LITE_NAME).toBe(KERNEL_NAME);
  expect(LITE_DISPLAY_NAME).toBe(KERNEL_DISPLAY_NAME);
  const { LITE_KERNEL_NAME } = (await import(path.join("..", "..", "scripts", "lib", "lite-site.mjs"))) as {
    LITE_KERNEL_NAME: string;
  };
  expect(LITE_KERNEL_NAME).toBe(KERNEL_NAME);
});

it("is the kernel every course notebook names in its metadata", () => {
  const notebooks = [
    ...fs.readdirSync(NOTEBOOKS_DIR).map((name) => path.join(NOTEBOOKS_DIR, name)),
    ...fs.readdirSync(path.join(NOTEBOOKS_DIR, "vi")).map((name) => path.join(NOTEBOOKS_DIR, "vi", name)),
  ].filter((file) => file.endsWith(".ipynb"));
  expect(notebooks.length).toBeGreaterThanOrEqual(24);
  for (const file of notebooks) {
    const metadata = JSON.parse(fs.readFileSync(file, "utf8")).metadata as { kernelspec?: { name?: string } };
    expect(metadata.kernelspec?.name, file).toBe(LITE_NAME);
  }
});
