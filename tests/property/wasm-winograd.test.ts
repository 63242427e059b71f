// Winograd F(2x2, 2x2) transposed convolution (layers whose stride phases all have 2x2
// sub-kernels: kernel = 2 x stride) equals the scatter reference on random shapes: batch, groups,
// channel counts that are not multiples of 4, strides, asymmetric padding, output padding, bias,
// and outputs whose phases have odd sizes (half tiles) or no pixels at all.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convTranspose2d, Tensor } from "../../src";
import { parseConvTranspose2d } from "../../src/internals";
import { convTranspose2dWinograd, hasTwoByTwoPhases } from "../../src/wasm/convTranspose2dWinograd";
import { caseOperands, caseOutputSize, relativeError, type ConvTransposeCase } from "./convTransposeCase";

const int = (min: number, max: number) => fc.integer({ min, max });
const caseArb: fc.Arbitrary<ConvTransposeCase> = fc
  .record({
    batch: int(1, 2),
    groups: int(1, 2),
    cinG: int(1, 6),
    coutG: int(1, 9),
    h: int(1, 9),
    w: int(1, 40),
    sh: int(1, 3),
    sw: int(1, 3),
    crop: fc.tuple(int(0, 3), int(0, 3), int(0, 3), int(0, 3)),
    oph: int(0, 2),
    opw: int(0, 2),
    bias: fc.boolean(),
    seed: int(1, 1_000_000),
  })
  .map((c) => ({ ...c, kh: 2 * c.sh, kw: 2 * c.sw, dh: 1, dw: 1, oph: c.oph % c.sh, opw: c.opw % c.sw }))
  .filter((c) => caseOutputSize(c).every((o) => o >= 1));

describe("Winograd F(2x2, 2x2) transposed convolution", () => {
  it("equals the scatter reference on random shapes with 2x2 phase sub-kernels", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { x, weight, options } = caseOperands(c);
        const expected = convTranspose2d(x, weight, { ...options, algorithm: "scatter" });
        const { operands: ops } = parseConvTranspose2d("test", x, weight, options);
        const out = new Float32Array(expected.data.length).fill(Number.NaN); // every value must be written
        expect(convTranspose2dWinograd(ops.x.data, ops.weight.data, ops.bias?.data, ops.geometry, out)).toBe(true);
        expect(relativeError(out, expected)).toBeLessThan(1e-5);
      }),
      { numRuns: 400, seed: 20261204 },
    );
  });

  it("declines other kernels, dilation and float64", () => {
    const { operands: k3 } = parseConvTranspose2d(
      "test",
      new Tensor(new Float32Array(16), [1, 1, 4, 4]),
      new Tensor(new Float32Array(9), [1, 1, 3, 3]),
      { stride: 2 },
    );
    expect(hasTwoByTwoPhases(k3.geometry)).toBe(false);
    expect(convTranspose2dWinograd(k3.x.data, k3.weight.data, undefined, k3.geometry, new Float32Array(81))).toBe(false);
    const { operands: dilated } = parseConvTranspose2d(
      "test",
      new Tensor(new Float32Array(16), [1, 1, 4, 4]),
      new Tensor(new Float32Array(16), [1, 1, 4, 4]),
      { stride: 2, dilation: 2 },
    );
    expect(hasTwoByTwoPhases(dilated.geometry)).toBe(false);
    const { operands: f64 } = parseConvTranspose2d(
      "test",
      new Tensor(new Float64Array(16), [1, 1, 4, 4]),
      new Tensor(new Float64Array(16), [1, 1, 4, 4]),
      { stride: 2 },
    );
    expect(convTranspose2dWinograd(f64.x.data, f64.weight.data, undefined, f64.geometry, new Float64Array(100))).toBe(false);
  });
});
