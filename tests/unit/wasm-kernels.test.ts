// The embedded WebAssembly module: it is current with its AssemblyScript sources, decodes, and
// compiles and runs in this engine (so the SIMD path, not the fallback, is what the tests exercise).
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { hasRelaxedSimd } from "../../kernel/src/relaxed-simd";
import { decodeBase64, wasmKernels, wasmKernelVariant } from "../../src/wasm/kernels";
import { KERNELS_RELAXED_WASM_BASE64, KERNELS_WASM_BASE64 } from "../../src/wasm/kernelsBinary";

describe("embedded WebAssembly kernels", () => {
  it("src/wasm/kernelsBinary.ts matches a fresh `npm run build:wasm` of src/wasm/assembly", () => {
    // exits non-zero (and the call throws) when the committed bytes are stale
    const out = execFileSync(process.execPath, ["src/wasm/build-wasm.mjs", "--check"], { encoding: "utf8" });
    expect(out).toContain("up to date");
  }, 60_000);

  it("decodes base64 exactly like Node's decoder", () => {
    expect(decodeBase64(KERNELS_WASM_BASE64)).toEqual(new Uint8Array(Buffer.from(KERNELS_WASM_BASE64, "base64")));
    for (const text of ["", "QQ==", "QUI=", "QUJD", "AP8A/w=="]) {
      expect(decodeBase64(text)).toEqual(new Uint8Array(Buffer.from(text, "base64")));
    }
    expect(() => decodeBase64("QU*D")).toThrow(/invalid character/);
  });

  it("runs the relaxed-SIMD build exactly when the engine validates relaxed SIMD", () => {
    const relaxed = hasRelaxedSimd();
    expect(wasmKernelVariant()).toBe(relaxed ? "relaxed-simd" : "simd");
    // the vitest project that passes V8's flag must really get the relaxed build
    if (process.execArgv.includes("--experimental-wasm-relaxed-simd")) expect(relaxed).toBe(true);
    const validate = (b64: string): boolean =>
      (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly.validate(decodeBase64(b64));
    expect(validate(KERNELS_WASM_BASE64)).toBe(true);
    expect(validate(KERNELS_RELAXED_WASM_BASE64)).toBe(relaxed);
  });

  it("compiles with SIMD in this Node and exposes the kernel", () => {
    const k = wasmKernels();
    expect(k).not.toBeNull();
    expect(typeof k?.convTranspose2d).toBe("function");
    // one block of 4 output channels for all phases, plus the per-tap offset table (kh*kw, rounded up to 4)
    expect(k?.packFloatsNeeded(3, 4, 5)).toBe(3 * 4 * 5 * 4 + 20);
    expect(k?.packFloatsNeeded(2, 3, 3)).toBe(2 * 3 * 3 * 4 + 12);
  });
});
