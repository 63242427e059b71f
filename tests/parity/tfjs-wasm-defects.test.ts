// The benchmark's defect probe for tfjs's maxPoolWithArgmax (bench/peers/tfjs-defects.ts): the CPU
// backend pools a window of negative values right; the WebAssembly backend of the pinned tfjs
// release starts each window's maximum at the smallest positive float32 and is reported as such.
import { afterAll, describe, expect, it } from "vitest";
import { useTfBackend } from "../../bench/peers/tfjs";
import { maxPoolWithArgmaxDefect } from "../../bench/peers/tfjs-defects";

afterAll(async () => {
  await useTfBackend("cpu");
});

describe("tfjs maxPoolWithArgmax defect probe", () => {
  it("finds no defect on the CPU backend", async () => {
    await useTfBackend("cpu");
    expect(maxPoolWithArgmaxDefect()).toBeUndefined();
  });

  it("reports what the WebAssembly backend returns for [-3, -1, -4, -2] and why", async () => {
    await useTfBackend("wasm");
    const defect = maxPoolWithArgmaxDefect();
    expect(defect).toContain("gives 1.18e-38 at index 0");
    expect(defect).toContain("smallest positive float32");
  });
});
