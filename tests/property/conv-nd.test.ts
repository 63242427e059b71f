// 1-D and 3-D convolutions and transposed convolutions: every algorithm equals the brute-force
// references written from the definitions; the adjoint identity <convT(x), y> = <x, conv(y)>;
// and the gradients against central finite differences. Float64 throughout.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  conv1d,
  conv3d,
  convTranspose1d,
  convTranspose1dBackward,
  convTranspose3d,
  convTranspose3dBackward,
  randn,
  type Tensor,
} from "../../src";
import { convNdReference, convTransposeNdReference, dot, relativeDifference, type NdSpec } from "./convNdReference";
import { expectFiniteDifferenceGradient } from "./finiteDifferences";

/** One random N-D setting: sizes per axis, geometry, channels per group. */
interface NdCase {
  batch: number;
  groups: number;
  cinG: number;
  coutG: number;
  size: number[];
  kernel: number[];
  stride: number[];
  dilation: number[];
  before: number[];
  after: number[];
  aFrac: number[];
  bias: boolean;
  seed: number;
}

function ndCase(rank: number, maxSize: number): fc.Arbitrary<NdCase> {
  const axes = (min: number, max: number) => fc.array(fc.integer({ min, max }), { minLength: rank, maxLength: rank });
  return fc.record({
    batch: fc.integer({ min: 1, max: 2 }),
    groups: fc.integer({ min: 1, max: 2 }),
    cinG: fc.integer({ min: 1, max: 2 }),
    coutG: fc.integer({ min: 1, max: 2 }),
    size: axes(1, maxSize),
    kernel: axes(1, 3),
    stride: axes(1, 3),
    dilation: axes(1, 2),
    before: axes(0, 2),
    after: axes(0, 2),
    aFrac: fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: rank, maxLength: rank }),
    bias: fc.boolean(),
    seed: fc.nat(10_000),
  });
}

/** Output padding from the case's fractions: below max(stride, dilation), or below stride when `belowStride`. */
function outputPadding(c: NdCase, belowStride = false): number[] {
  return c.aFrac.map((f, a) => Math.floor(f * (belowStride ? c.stride[a] : Math.max(c.stride[a], c.dilation[a]))));
}

function transposedOutSize(c: NdCase, op: number[]): number[] {
  return c.size.map((i, a) => (i - 1) * c.stride[a] + c.dilation[a] * (c.kernel[a] - 1) + 1 - c.before[a] - c.after[a] + op[a]);
}

/** Options in the library's form: padding as begins then ends. */
function options(c: NdCase, op: number[] | undefined, bias: Tensor | undefined) {
  const base = { stride: c.stride, dilation: c.dilation, padding: [...c.before, ...c.after], groups: c.groups, bias };
  return op === undefined ? base : { ...base, outputPadding: op };
}

function transposedOperands(c: NdCase) {
  const x = randn([c.batch, c.groups * c.cinG, ...c.size], { seed: c.seed, dtype: "float64" });
  const w = randn([c.groups * c.cinG, c.coutG, ...c.kernel], { seed: c.seed + 1, dtype: "float64" });
  const bias = c.bias ? randn([c.groups * c.coutG], { seed: c.seed + 2, dtype: "float64" }) : undefined;
  return { x, w, bias };
}

function spec(c: NdCase, op: number[] | undefined, bias: Tensor | undefined): NdSpec {
  return { stride: c.stride, dilation: c.dilation, before: c.before, after: c.after, outputPadding: op, groups: c.groups, bias };
}

type AnyOptions = Record<string, unknown>;
const transposed = {
  1: (x: Tensor, w: Tensor, o: AnyOptions) => convTranspose1d(x, w, o as never),
  3: (x: Tensor, w: Tensor, o: AnyOptions) => convTranspose3d(x, w, o as never),
} as const;
const direct = {
  1: (x: Tensor, w: Tensor, o: AnyOptions) => conv1d(x, w, o as never),
  3: (x: Tensor, w: Tensor, o: AnyOptions) => conv3d(x, w, o as never),
} as const;
const ALGORITHMS = { 1: ["scatter", "zero-insertion", "matrix", "fast"], 3: ["scatter", "fast"] } as const;

for (const rank of [1, 3] as const) {
  const maxSize = rank === 1 ? 7 : 4;
  describe(`convTranspose${rank}d`, () => {
    it("every algorithm equals the brute-force scatter reference (asymmetric padding, output padding, groups, bias)", () => {
      fc.assert(
        fc.property(ndCase(rank, maxSize), (c) => {
          const op = outputPadding(c);
          fc.pre(transposedOutSize(c, op).every((o) => o >= 1));
          const { x, w, bias } = transposedOperands(c);
          const expected = convTransposeNdReference(x, w, spec(c, op, bias));
          for (const algorithm of ALGORITHMS[rank]) {
            const y = transposed[rank](x, w, { ...options(c, op, bias), algorithm });
            expect(y.shape).toEqual(expected.shape);
            expect(relativeDifference(y.data, expected.data), algorithm).toBeLessThan(1e-12);
          }
        }),
        { numRuns: rank === 1 ? 150 : 80, seed: 1400 + rank },
      );
    });

    it("float32 fast path agrees with the float64 reference", () => {
      fc.assert(
        fc.property(ndCase(rank, maxSize), (c) => {
          const op = outputPadding(c);
          fc.pre(transposedOutSize(c, op).every((o) => o >= 1));
          const { x, w, bias } = transposedOperands(c);
          const y = transposed[rank](x.astype("float32"), w.astype("float32"), options(c, op, bias?.astype("float32")));
          const expected = convTransposeNdReference(x, w, spec(c, op, bias));
          expect(relativeDifference(y.data, expected.data)).toBeLessThan(1e-5);
        }),
        { numRuns: 60, seed: 1410 + rank },
      );
    });

    it("is the adjoint of conv (same stride, padding, dilation, groups): <convT(x, w), y> = <x, conv(y, w')>", () => {
      fc.assert(
        fc.property(ndCase(rank, maxSize), (c) => {
          const op = outputPadding(c, true);
          const outSize = transposedOutSize(c, op);
          fc.pre(outSize.every((o) => o >= 1));
          const { x, w } = transposedOperands(c);
          const y = randn([c.batch, c.groups * c.coutG, ...outSize], { seed: c.seed + 5, dtype: "float64" });
          const forward = transposed[rank](x, w, options(c, op, undefined));
          // the same weight read as conv's (out, in/groups, ...k): its outputs are C_in, its inputs C_out
          const back = direct[rank](y, w, options(c, undefined, undefined));
          expect(back.shape).toEqual(x.shape);
          const lhs = dot(forward.data, y.data);
          const rhs = dot(x.data, back.data);
          expect(Math.abs(lhs - rhs)).toBeLessThan(1e-9 * (1 + Math.abs(lhs)));
        }),
        { numRuns: 100, seed: 1420 + rank },
      );
    });

    it("gradients match central finite differences", () => {
      const backward = rank === 1 ? convTranspose1dBackward : convTranspose3dBackward;
      fc.assert(
        fc.property(ndCase(rank, rank === 1 ? 5 : 3), (c) => {
          const op = outputPadding(c);
          const outSize = transposedOutSize(c, op);
          fc.pre(outSize.every((o) => o >= 1));
          const { x, w } = transposedOperands(c);
          const bias = randn([c.groups * c.coutG], { seed: c.seed + 2, dtype: "float64" });
          const o = options(c, op, bias);
          const cw = randn([c.batch, c.groups * c.coutG, ...outSize], { seed: c.seed + 3, dtype: "float64" });
          const loss = () => dot(transposed[rank](x, w, o).data, cw.data);
          const grads = backward(x, w, cw, o as never);
          expectFiniteDifferenceGradient(grads.gradInput, x, loss, "gradInput");
          expectFiniteDifferenceGradient(grads.gradWeight, w, loss, "gradWeight");
          expectFiniteDifferenceGradient(grads.gradBias as Tensor, bias, loss, "gradBias");
        }),
        { numRuns: rank === 1 ? 60 : 25, seed: 1430 + rank },
      );
    });
  });

  describe(`conv${rank}d`, () => {
    it("equals the brute-force gather reference (asymmetric padding, stride, dilation, groups, bias)", () => {
      fc.assert(
        fc.property(ndCase(rank, rank === 1 ? 9 : 5), (c) => {
          fc.pre(c.size.every((i, a) => i + c.before[a] + c.after[a] >= c.dilation[a] * (c.kernel[a] - 1) + 1));
          const x = randn([c.batch, c.groups * c.cinG, ...c.size], { seed: c.seed, dtype: "float64" });
          const w = randn([c.groups * c.coutG, c.cinG, ...c.kernel], { seed: c.seed + 1, dtype: "float64" });
          const bias = c.bias ? randn([c.groups * c.coutG], { seed: c.seed + 2, dtype: "float64" }) : undefined;
          const expected = convNdReference(x, w, spec(c, undefined, bias));
          const y = direct[rank](x, w, options(c, undefined, bias));
          expect(y.shape).toEqual(expected.shape);
          expect(relativeDifference(y.data, expected.data)).toBeLessThan(1e-12);
          const y32 = direct[rank](x.astype("float32"), w.astype("float32"), options(c, undefined, bias?.astype("float32")));
          expect(relativeDifference(y32.data, expected.data)).toBeLessThan(1e-5);
        }),
        { numRuns: 120, seed: 1440 + rank },
      );
    });
  });
}

describe("3-D on the WebAssembly slices", () => {
  it("float32 convTranspose3d and conv3d with many channels (the SIMD path) equal the references", () => {
    fc.assert(
      fc.property(ndCase(3, 5), fc.integer({ min: 4, max: 9 }), (drawn, channels) => {
        const c = { ...drawn, cinG: channels, coutG: channels - 2 };
        const op = outputPadding(c);
        fc.pre(transposedOutSize(c, op).every((o) => o >= 1));
        const { x, w, bias } = transposedOperands(c);
        const y = convTranspose3d(x.astype("float32"), w.astype("float32"), options(c, op, bias?.astype("float32")) as never);
        expect(relativeDifference(y.data, convTransposeNdReference(x, w, spec(c, op, bias)).data)).toBeLessThan(1e-5);
        const unit = { ...c, stride: [c.stride[0], 1, 1] };
        fc.pre(c.size.every((i, a) => i + c.before[a] + c.after[a] >= c.dilation[a] * (c.kernel[a] - 1) + 1));
        const wc = randn([c.groups * c.coutG, c.cinG, ...c.kernel], { seed: c.seed + 4, dtype: "float64" });
        const z = conv3d(x.astype("float32"), wc.astype("float32"), options(unit, undefined, bias?.astype("float32")) as never);
        expect(relativeDifference(z.data, convNdReference(x, wc, spec(unit, undefined, bias)).data)).toBeLessThan(1e-5);
      }),
      { numRuns: 40, seed: 1450 },
    );
  });
});
