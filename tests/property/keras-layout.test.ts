// The Keras entry points read NHWC tensors and Keras kernels in place through their strides
// (src/conv/layout.ts) on both the WebAssembly kernel (float32) and the TypeScript kernels
// (float64, strided conv2d): their results equal the same operation computed on NCHW copies.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conv2d, conv2dKeras, convTranspose2dKeras, full, permute, randn, type DType } from "../../src";
import { relativeError } from "./convTransposeCase";

const int = (min: number, max: number) => fc.integer({ min, max });

const caseArb = fc.record({
  batch: int(1, 2),
  h: int(1, 7),
  w: int(1, 9),
  cin: int(1, 5),
  filters: int(1, 6),
  kh: int(1, 4),
  kw: int(1, 4),
  sh: int(1, 3),
  sw: int(1, 3),
  d: int(1, 2),
  same: fc.boolean(),
  bias: fc.boolean(),
  float64: fc.boolean(),
  seed: int(1, 1_000_000),
});

type KerasCase = typeof caseArb extends fc.Arbitrary<infer C> ? C : never;

/** The case's NHWC input, a kernel of `kernelShape`, and the Keras options (seeded by `c.seed`). */
function kerasOperands(c: KerasCase, kernelShape: number[]) {
  const dtype: DType = c.float64 ? "float64" : "float32";
  const x = randn([c.batch, c.h, c.w, c.cin], { seed: c.seed, dtype });
  const kernel = randn(kernelShape, { seed: c.seed + 1, dtype });
  const bias = c.bias ? randn([c.filters], { seed: c.seed + 2, dtype }) : undefined;
  const options = {
    strides: [c.sh, c.sw] as [number, number],
    dilationRate: c.d,
    padding: c.same ? ("same" as const) : ("valid" as const),
    bias,
  };
  return { dtype, x, kernel, options };
}

describe("Keras entry points read NHWC in place", () => {
  it("convTranspose2dKeras ('fast', in place) equals the scatter reference on NCHW copies", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { dtype, x, kernel, options } = kerasOperands(c, [c.kh, c.kw, c.filters, c.cin]);
        const expected = convTranspose2dKeras(x, kernel, { ...options, algorithm: "scatter" });
        const out = full(expected.shape, Number.NaN, { dtype });
        const fresh = convTranspose2dKeras(x, kernel, options);
        expect(fresh.shape).toEqual(expected.shape);
        expect(relativeError(fresh, expected)).toBeLessThan(1e-5);
        expect(convTranspose2dKeras(x, kernel, { ...options, out })).toBe(out); // every element written
        expect(relativeError(out, expected)).toBeLessThan(1e-5);
      }),
      { numRuns: 300, seed: 20261204 },
    );
  });

  it("conv2dKeras equals conv2d on NCHW copies with the padding Keras computes", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { dtype, x, kernel, options } = kerasOperands(c, [c.kh, c.kw, c.cin, c.filters]);
        const keff = [c.d * (c.kh - 1) + 1, c.d * (c.kw - 1) + 1];
        fc.pre(c.same || (keff[0] <= c.h && keff[1] <= c.w));
        const pads = [0, 0, 0, 0];
        if (c.same) {
          [
            [c.h, c.sh, keff[0]],
            [c.w, c.sw, keff[1]],
          ].forEach(([i, s, k], axis) => {
            const total = Math.max((Math.ceil(i / s) - 1) * s + k - i, 0);
            pads[axis] = Math.floor(total / 2);
            pads[axis + 2] = total - pads[axis];
          });
        }
        const nchw = conv2d(permute(x, [0, 3, 1, 2]), permute(kernel, [3, 2, 0, 1]), {
          stride: [c.sh, c.sw],
          dilation: c.d,
          padding: pads as [number, number, number, number],
          bias: options.bias,
        });
        const expected = permute(nchw, [0, 2, 3, 1]);
        const fresh = conv2dKeras(x, kernel, options);
        expect(fresh.shape).toEqual(expected.shape);
        expect(relativeError(fresh, expected)).toBeLessThan(1e-5);
        const out = full(expected.shape, Number.NaN, { dtype });
        expect(conv2dKeras(x, kernel, { ...options, out })).toBe(out);
        expect(relativeError(out, expected)).toBeLessThan(1e-5);
      }),
      { numRuns: 300, seed: 20261205 },
    );
  });

  it("2-D images and kernels give 2-D results equal to the 4-D ones", () => {
    const x = randn([6, 5], { seed: 3 });
    const k = randn([3, 3], { seed: 4 });
    const t4 = convTranspose2dKeras(x.reshape([1, 6, 5, 1]), k.reshape([3, 3, 1, 1]), { strides: 2, padding: "same" });
    const t2 = convTranspose2dKeras(x, k, { strides: 2, padding: "same" });
    expect(t2.shape).toEqual([12, 10]);
    expect(Array.from(t2.data)).toEqual(Array.from(t4.data));
    const c4 = conv2dKeras(x.reshape([1, 6, 5, 1]), k.reshape([3, 3, 1, 1]), { padding: "same" });
    const c2 = conv2dKeras(x, k, { padding: "same" });
    expect(c2.shape).toEqual([6, 5]);
    expect(Array.from(c2.data)).toEqual(Array.from(c4.data));
  });
});
