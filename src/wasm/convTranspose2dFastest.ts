/**
 * The default ('fast') transposed convolution: the WebAssembly SIMD kernel for float32 work big
 * enough to repay copying the operands into its memory, otherwise (float64, tiny sizes, no SIMD
 * in this engine, or sizes the kernel declines) the pure TypeScript GEMM + col2im kernel.
 */
import { convTranspose2dFast } from "../conv/fast";
import type { ConvTranspose2dGeometry } from "../conv/geometry";
import type { TensorData } from "../tensor";
import { convTranspose2dWasm } from "./convTranspose2dWasm";

/**
 * Multiply-adds below which the TypeScript kernel is used: under it the fixed cost of a
 * WebAssembly call (copies, phase set-up) outweighs SIMD. Measured: equal at the 225 of the W1
 * teaching case (~1.3 us each), WebAssembly 1.6x faster at 576 and 3x at 9216.
 */
export const WASM_MIN_MULTIPLY_ADDS = 512;

/** Multiply-adds of a transposed convolution: N Cin (Cout/groups) H W kh kw. */
export function convTranspose2dMultiplyAdds(g: ConvTranspose2dGeometry): number {
  return (g.batch * g.inChannels * (g.outChannels / g.groups) * g.inH * g.inW * g.kernelH * g.kernelW);
}

/** `out` (zero-filled) = transposed convolution, on the fastest path available for these operands. */
export function convTranspose2dFastest(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: ConvTranspose2dGeometry,
  out: TensorData,
): void {
  if (convTranspose2dMultiplyAdds(g) >= WASM_MIN_MULTIPLY_ADDS && convTranspose2dWasm(x, weight, bias, g, out)) return;
  convTranspose2dFast(x, weight, bias, g, out);
}
