// AssemblyScript (see convTranspose2d.ts): the multiply-add every kernel's inner loop is made of.

/**
 * acc + a * b per lane: one fused multiply-add where the engine has relaxed SIMD (the module is
 * built twice, with and without it; the host picks the one its engine validates), else a
 * multiply and an add. Fusing halves the instructions of the micro-kernel, which on cores whose
 * adders share ports with their multipliers is its throughput.
 */
@inline export function madd(a: v128, b: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, acc);
  return f32x4.add(acc, f32x4.mul(a, b));
}
