/**
 * Runs jupyter_kernel_test 0.7 (every applicable sample set, see test_jupyter_kernel.py) against the
 * kernel, from the project venv, with the kernelspec installed by the real install command.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./kernel-client";
import { kernelspecEnv, venvPython } from "./jupyter-env";

describe("jupyter_kernel_test", () => {
  it("passes every test of the suite", { timeout: 240_000 }, () => {
    const result = spawnSync(venvPython(), [path.join(__dirname, "test_jupyter_kernel.py"), "-v"], {
      cwd: path.join(REPO, "notebooks"),
      env: kernelspecEnv(),
      encoding: "utf8",
      timeout: 230_000,
    });
    const log = `${result.stdout}\n${result.stderr}`;
    expect(result.status, log).toBe(0);
    expect(log).toMatch(/Ran 1[0-9] tests/);
    expect(log).toMatch(/\nOK \(skipped=1\)/); // only test_pager is skipped: the kernel has no pager
  });
});
