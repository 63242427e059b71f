/**
 * The default ('fast') transposed convolution: for float32 work big enough to repay copying the
 * operands into their memory, the WebAssembly SIMD kernels (Winograd F(2x2, 2x2) for k = 2s
 * layers with many channels, the stride-phase kernel for everything else), otherwise (float64,
 * tiny sizes, no SIMD in this engine, or sizes the kernels decline) the pure TypeScript GEMM +
 * col2im kernel.
 */
import { convTranspose2dGemm } from "./gemm";
import type { ConvTranspose2dGeometry } from "./geometry";
import { convTransposeNchwLayout, type ConvLayout } from "./layout";
import type { TensorData } from "../tensor";
import { convTranspose2dWasm } from "../wasm/convTranspose2dWasm";
import { convTranspose2dWinograd, hasTwoByTwoPhases } from "../wasm/convTranspose2dWinograd";

/**
 * Multiply-adds below which the TypeScript kernel is used: under it the fixed cost of a
 * WebAssembly call (copies, phase set-up) outweighs SIMD (measured: src/wasm/DESIGN.md).
 */
export const WASM_MIN_MULTIPLY_ADDS = 80;

/**
 * Input and output channels per group from which Winograd is chosen over the phase kernel: with
 * fewer, its transforms and short GEMMs cost what its multiplies save (measurements: src/wasm/DESIGN.md).
 */
export const WINOGRAD_MIN_IN_CHANNELS = 64;
export const WINOGRAD_MIN_OUT_CHANNELS = 32;

/** Whether the fast path runs `g` by Winograd: 2x2 phase sub-kernels and enough channels. */
export function prefersWinograd(g: ConvTranspose2dGeometry): boolean {
  return (
    hasTwoByTwoPhases(g) &&
    g.inChannels / g.groups >= WINOGRAD_MIN_IN_CHANNELS &&
    g.outChannels / g.groups >= WINOGRAD_MIN_OUT_CHANNELS
  );
}

/** Multiply-adds of a transposed convolution: N Cin (Cout/groups) H W kh kw. */
export function convTranspose2dMultiplyAdds(g: ConvTranspose2dGeometry): number {
  return g.batch * g.inChannels * (g.outChannels / g.groups) * g.inH * g.inW * g.kernelH * g.kernelW;
}

/**
 * `out` = transposed convolution, on the fastest path available for these operands. `out` may
 * hold anything: every element is written (the TypeScript kernel accumulates, so it is zeroed first).
 * Operands are NCHW with PyTorch's weight layout unless `layout` says where their elements are
 * (Winograd takes the default layout only).
 */
export function convTranspose2dFastPath(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: ConvTranspose2dGeometry,
  out: TensorData,
  layout?: ConvLayout,
): void {
  if (convTranspose2dMultiplyAdds(g) >= WASM_MIN_MULTIPLY_ADDS) {
    if (layout === undefined && prefersWinograd(g) && convTranspose2dWinograd(x, weight, bias, g, out)) return;
    if (convTranspose2dWasm(x, weight, bias, g, out, { layout })) return;
  }
  out.fill(0);
  convTranspose2dGemm(x, weight, bias, g, out, layout ?? convTransposeNchwLayout(g));
}
