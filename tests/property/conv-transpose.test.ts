// Property tests: the four transposed-convolution algorithms agree, the adjoint identity
// with conv2d holds, output sizes follow the formulas, and Keras 'same' gives i*s.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caseOperands, caseOutputSize, type ConvTransposeCase } from "./convTransposeCase";
import {
  CONV_TRANSPOSE_ALGORITHMS,
  conv2d,
  conv2dKeras,
  convTranspose2d,
  convTranspose2dKeras,
  maxAbsDiff,
  permute,
  randn,
  Tensor,
} from "../../src";

const small = (max: number) => fc.integer({ min: 1, max });
const caseArb: fc.Arbitrary<ConvTransposeCase> = fc
  .record({
    batch: small(2),
    groups: small(2),
    cinG: small(2),
    coutG: small(2),
    h: small(4),
    w: small(4),
    kh: small(4),
    kw: small(3),
    sh: small(3),
    sw: small(3),
    dh: small(2),
    dw: small(3),
    crop: fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)),
    opFracH: fc.double({ min: 0, max: 0.999, noNaN: true }),
    opFracW: fc.double({ min: 0, max: 0.999, noNaN: true }),
    bias: fc.boolean(),
    seed: fc.nat(1_000_000),
  })
  .map(({ opFracH, opFracW, ...c }) => ({
    ...c,
    // output padding anywhere in 0 .. max(stride, dilation) - 1
    oph: Math.floor(opFracH * Math.max(c.sh, c.dh)),
    opw: Math.floor(opFracW * Math.max(c.sw, c.dw)),
  }))
  .filter((c) => caseOutputSize(c).every((o) => o >= 1));

function dot(a: Tensor, b: Tensor): number {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i] * b.data[i];
  return s;
}

describe("convTranspose2d properties", () => {
  it("all four algorithms agree (float64) and the shape follows the PyTorch formula", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { x, weight, options } = caseOperands(c, "float64");
        const reference = convTranspose2d(x, weight, { ...options, algorithm: "scatter" });
        expect(reference.shape).toEqual([c.batch, c.groups * c.coutG, ...caseOutputSize(c)]);
        for (const algorithm of CONV_TRANSPOSE_ALGORITHMS) {
          const y = convTranspose2d(x, weight, { ...options, algorithm });
          expect(maxAbsDiff(y, reference, 1e-12, 1e-12), algorithm).toBe(0);
        }
      }),
      { numRuns: 200, seed: 20261125 },
    );
  });

  it("all four algorithms agree in float32 to float tolerance", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { x, weight, options } = caseOperands(c, "float32");
        const reference = convTranspose2d(x.astype("float64"), weight.astype("float64"), {
          ...options,
          bias: options.bias?.astype("float64"),
          algorithm: "scatter",
        });
        for (const algorithm of CONV_TRANSPOSE_ALGORITHMS) {
          const y = convTranspose2d(x, weight, { ...options, algorithm });
          expect(y.dtype).toBe("float32");
          expect(maxAbsDiff(y.astype("float64"), reference, 1e-5, 1e-5), algorithm).toBe(0);
        }
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it("is the adjoint of conv2d: <conv2d(x, w), y> = <x, convTranspose2d(y, w)>", () => {
    fc.assert(
      fc.property(
        caseArb.filter((c) => c.oph < c.sh && c.opw < c.sw),
        (c) => {
          // convTranspose2d maps [N, groups*cinG, h, w] -> [N, groups*coutG, H', W'];
          // conv2d with the same weight maps [N, groups*coutG, H', W'] -> [N, groups*cinG, h, w].
          const { x: y, weight, options } = caseOperands(c, "float64");
          const ty = convTranspose2d(y, weight, { ...options, bias: undefined });
          const x = randn([...ty.shape], { seed: c.seed + 3, dtype: "float64" });
          const cx = conv2d(x, weight, {
            stride: options.stride,
            padding: options.padding,
            dilation: options.dilation,
            groups: c.groups,
          });
          expect(cx.shape).toEqual(y.shape);
          const lhs = dot(cx, y);
          const rhs = dot(x, ty);
          expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(lhs)));
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });

  it("Keras 'same' gives i*s, 'valid' gives (i-1)s + k or i*s when k < s, and both match the PyTorch op", () => {
    fc.assert(
      fc.property(
        fc.record({
          h: small(5),
          w: small(5),
          kh: small(5),
          kw: small(4),
          sh: small(3),
          sw: small(3),
          cin: small(2),
          filters: small(3),
          seed: fc.nat(1000),
        }),
        (c) => {
          const x = randn([1, c.h, c.w, c.cin], { seed: c.seed, dtype: "float64" });
          const kernel = randn([c.kh, c.kw, c.filters, c.cin], { seed: c.seed + 1, dtype: "float64" });
          const same = convTranspose2dKeras(x, kernel, { strides: [c.sh, c.sw], padding: "same" });
          expect(same.shape).toEqual([1, c.h * c.sh, c.w * c.sw, c.filters]);
          const valid = convTranspose2dKeras(x, kernel, { strides: [c.sh, c.sw], padding: "valid" });
          const vh = c.h * c.sh + Math.max(c.kh - c.sh, 0);
          const vw = c.w * c.sw + Math.max(c.kw - c.sw, 0);
          expect(valid.shape).toEqual([1, vh, vw, c.filters]);
          // 'valid' is PyTorch with no crop, plus zero rows/cols at the end when k < s.
          const torch = convTranspose2d(permute(x, [0, 3, 1, 2]), permute(kernel, [3, 2, 0, 1]), { stride: [c.sh, c.sw] });
          const v = permute(valid, [0, 3, 1, 2]);
          for (let f = 0; f < c.filters; f++) {
            for (let i = 0; i < vh; i++) {
              for (let j = 0; j < vw; j++) {
                const inside = i < torch.shape[2] && j < torch.shape[3];
                const expected = inside ? torch.get(0, f, i, j) : 0;
                expect(Math.abs(v.get(0, f, i, j) - expected)).toBeLessThan(1e-12);
              }
            }
          }
          // 'same' is the same full result, cropped floor(total/2) at the start.
          const totalH = (c.h - 1) * c.sh + c.kh - c.h * c.sh;
          const totalW = (c.w - 1) * c.sw + c.kw - c.w * c.sw;
          const s = permute(same, [0, 3, 1, 2]);
          const top = Math.floor(Math.max(totalH, 0) / 2);
          const left = Math.floor(Math.max(totalW, 0) / 2);
          for (let f = 0; f < c.filters; f++) {
            for (let i = 0; i < c.h * c.sh; i++) {
              for (let j = 0; j < c.w * c.sw; j++) {
                const fi = i + top;
                const fj = j + left;
                const inside = fi < torch.shape[2] && fj < torch.shape[3];
                expect(Math.abs(s.get(0, f, i, j) - (inside ? torch.get(0, f, fi, fj) : 0))).toBeLessThan(1e-12);
              }
            }
          }
        },
      ),
      { numRuns: 150, seed: 3 },
    );
  });

  it("Keras conv2d 'same' gives ceil(i/s) and is the adjoint of Keras transposed 'same' when s divides i*s", () => {
    fc.assert(
      fc.property(
        fc.record({
          h: small(5),
          w: small(5),
          kh: small(4),
          kw: small(4),
          s: small(3),
          cin: small(2),
          filters: small(2),
          seed: fc.nat(1000),
        }),
        (c) => {
          const x = randn([1, c.h, c.w, c.cin], { seed: c.seed, dtype: "float64" });
          const kConv = randn([c.kh, c.kw, c.cin, c.filters], { seed: c.seed + 1, dtype: "float64" });
          const y = conv2dKeras(x, kConv, { strides: c.s, padding: "same" });
          expect(y.shape).toEqual([1, Math.ceil(c.h / c.s), Math.ceil(c.w / c.s), c.filters]);
          // TF's conv2d_transpose is the gradient of conv2d: with output size h = i*s the paddings match.
          if (c.h % c.s === 0 && c.w % c.s === 0) {
            const g = randn([...y.shape], { seed: c.seed + 2, dtype: "float64" });
            // Conv2D's (kh, kw, in, filters) is exactly Conv2DTranspose's (kh, kw, out=in, in=filters).
            const t = convTranspose2dKeras(g, kConv, { strides: c.s, padding: "same" });
            expect(t.shape).toEqual(x.shape);
            expect(Math.abs(dot(y, g) - dot(x, t))).toBeLessThan(1e-9 * (1 + Math.abs(dot(y, g))));
          }
        },
      ),
      { numRuns: 150, seed: 5 },
    );
  });
});
