/**
 * Relaxed SIMD for the library's WebAssembly kernels (fused multiply-adds in the convolution
 * micro-kernel; see src/wasm/kernels.ts). Node 22+ has it on; Node 20's V8 has it behind
 * `--experimental-wasm-relaxed-simd`, which a process can still set for itself before the first
 * module is compiled. The kernel and the benchmark, which own their processes, call this at start;
 * the library itself only detects what the engine validates.
 */
import { setFlagsFromString } from "node:v8";

/** The part of the `WebAssembly` namespace used here (the project's TS libs carry no WebAssembly types). */
interface WasmValidator {
  validate(bytes: Uint8Array): boolean;
}

/** A module whose one function returns `f32x4.relaxed_madd` of three zero vectors. */
const PROBE = (() => {
  const zeros = (): number[] => [0xfd, 0x0c, ...new Array<number>(16).fill(0)]; // v128.const 0
  const body = [0x00, ...zeros(), ...zeros(), ...zeros(), 0xfd, 0x85, 0x02, 0x0b]; // no locals ... relaxed_madd, end
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00, // magic, version 1
    0x01,
    0x05,
    0x01,
    0x60,
    0x00,
    0x01,
    0x7b, // types: () -> v128
    0x03,
    0x02,
    0x01,
    0x00, // functions: one of type 0
    0x0a,
    body.length + 2,
    0x01,
    body.length,
    ...body, // code
  ]);
})();

/** Whether this engine compiles relaxed SIMD. */
export function hasRelaxedSimd(): boolean {
  const api = (globalThis as { WebAssembly?: WasmValidator }).WebAssembly;
  return api !== undefined && api.validate(PROBE);
}

/** Turns relaxed SIMD on for this process if the engine has it behind a flag; true when it is on. */
export function enableRelaxedSimd(): boolean {
  if (hasRelaxedSimd()) return true;
  setFlagsFromString("--experimental-wasm-relaxed-simd");
  return hasRelaxedSimd();
}
