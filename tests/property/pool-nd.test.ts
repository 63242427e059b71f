// Pooling in 1-D, 2-D and 3-D against the brute-force references: asymmetric padding, ceil mode,
// dilation, 'same' padding, count-include-pad; and every index convention round-trips through
// maxUnpool2d to the same result as PyTorch's per-plane indices, in both layouts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  avgPool1d,
  avgPool2d,
  avgPool3d,
  maxPool1d,
  maxPool2d,
  maxPool3d,
  maxUnpool1d,
  maxUnpool2d,
  maxUnpool3d,
  nchwToNhwc,
  nhwcToNchw,
  POOL_INDEX_CONVENTIONS,
  randn,
  type Tensor,
} from "../../src";
import { decodePoolIndex, encodePoolIndex } from "../../src/internals";
import { avgPoolReference, maxPoolReference, type PoolSpec } from "./poolNdReference";
import { relativeDifference } from "./convNdReference";

interface PoolCase extends PoolSpec {
  batch: number;
  channels: number;
  size: number[];
  asymmetric: boolean;
  seed: number;
}

function poolCase(rank: number, maxSize: number): fc.Arbitrary<PoolCase> {
  const axes = (min: number, max: number) => fc.array(fc.integer({ min, max }), { minLength: rank, maxLength: rank });
  return fc
    .record({
      batch: fc.integer({ min: 1, max: 2 }),
      channels: fc.integer({ min: 1, max: 3 }),
      size: axes(1, maxSize),
      kernel: axes(1, 3),
      stride: axes(1, 3),
      dilation: axes(1, 2),
      padFrac: fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 2 * rank, maxLength: 2 * rank }),
      asymmetric: fc.boolean(),
      ceilMode: fc.boolean(),
      seed: fc.nat(10_000),
    })
    .map((c) => {
      // PyTorch's symmetric padding: at most half the kernel; ONNX's asymmetric pads: smaller than the kernel
      const limit = (a: number) => (c.asymmetric ? c.kernel[a] : Math.floor(c.kernel[a] / 2) + 1);
      const before = c.size.map((_, a) => Math.floor(c.padFrac[a] * limit(a)));
      const after = c.asymmetric ? c.size.map((_, a) => Math.floor(c.padFrac[rank + a] * limit(a))) : before;
      return { ...c, before, after };
    });
}

function padding(c: PoolCase): number | number[] {
  return c.asymmetric ? [...c.before, ...c.after] : c.before;
}

/** Only cases whose every window sees at least one input element (the library throws otherwise, tested in the units). */
function windowsSeeInput(c: PoolCase, outSize: number[]): boolean {
  // and whose kernel fits in the padded input (else the library refuses the call, as ONNX's shape inference does)
  if (c.size.some((i, a) => i + c.before[a] + c.after[a] < c.dilation[a] * (c.kernel[a] - 1) + 1)) return false;
  return outSize.every((o, a) => {
    if (o < 1) return false;
    for (let j = 0; j < o; j++) {
      let any = false;
      for (let t = 0; t < c.kernel[a]; t++) {
        const p = j * c.stride[a] + t * c.dilation[a] - c.before[a];
        if (p >= 0 && p < c.size[a]) any = true;
      }
      if (!any) return false;
    }
    return true;
  });
}

const MAX = { 1: maxPool1d, 2: maxPool2d, 3: maxPool3d } as const;
const AVG = { 1: avgPool1d, 2: avgPool2d, 3: avgPool3d } as const;

for (const rank of [1, 2, 3] as const) {
  describe(`pooling ${rank}-D`, () => {
    it("max-pooling values and indices equal the reference (padding, ceil mode, dilation)", () => {
      fc.assert(
        fc.property(poolCase(rank, rank === 3 ? 5 : 8), (c) => {
          const x = randn([c.batch, c.channels, ...c.size], { seed: c.seed, dtype: "float64" });
          const expected = maxPoolReference(x, c);
          fc.pre(windowsSeeInput(c, expected.outSize));
          const options = {
            kernelSize: c.kernel,
            stride: c.stride,
            dilation: c.dilation,
            padding: padding(c),
            ceilMode: c.ceilMode,
          };
          const ours = (MAX[rank] as (x: Tensor, o: object) => { values: Tensor; indices: Tensor })(x, options);
          expect(ours.values.shape).toEqual(expected.values.shape);
          expect(Array.from(ours.values.data)).toEqual(Array.from(expected.values.data));
          expect(Array.from(ours.indices.data)).toEqual(Array.from(expected.indices.data));
        }),
        { numRuns: 150, seed: 1500 + rank },
      );
    });

    it("average pooling equals the reference, with and without the padding in the divisor", () => {
      fc.assert(
        fc.property(poolCase(rank, rank === 3 ? 5 : 8), fc.boolean(), (c, countIncludePad) => {
          const x = randn([c.batch, c.channels, ...c.size], { seed: c.seed, dtype: "float64" });
          const expected = avgPoolReference(x, c, countIncludePad);
          fc.pre(windowsSeeInput(c, expected.shape.slice(2)));
          const options = {
            kernelSize: c.kernel,
            stride: c.stride,
            dilation: c.dilation,
            padding: padding(c),
            ceilMode: c.ceilMode,
            countIncludePad,
          };
          const ours = (AVG[rank] as (x: Tensor, o: object) => Tensor)(x, options);
          expect(ours.shape).toEqual(expected.shape);
          expect(relativeDifference(ours.data, expected.data)).toBeLessThan(1e-12);
        }),
        { numRuns: 150, seed: 1510 + rank },
      );
    });

    it("'same' pads to ceil(i / s) outputs with the odd padding at the end ('same-lower': at the start)", () => {
      fc.assert(
        fc.property(poolCase(rank, 8), fc.boolean(), (c, lower) => {
          const x = randn([c.batch, c.channels, ...c.size], { seed: c.seed, dtype: "float64" });
          const total = c.size.map((i, a) =>
            Math.max(0, (Math.ceil(i / c.stride[a]) - 1) * c.stride[a] + c.dilation[a] * (c.kernel[a] - 1) + 1 - i),
          );
          const small = total.map((t) => Math.floor(t / 2));
          const before = lower ? total.map((t, a) => t - small[a]) : small;
          const spec = { ...c, before, after: total.map((t, a) => t - before[a]), ceilMode: false };
          const expected = maxPoolReference(x, spec);
          fc.pre(windowsSeeInput(spec, expected.outSize));
          expect(expected.outSize).toEqual(c.size.map((i, a) => Math.ceil(i / c.stride[a])));
          const options = {
            kernelSize: c.kernel,
            stride: c.stride,
            dilation: c.dilation,
            padding: lower ? "same-lower" : "same",
          };
          const ours = (MAX[rank] as (x: Tensor, o: object) => { values: Tensor; indices: Tensor })(x, options);
          expect(Array.from(ours.values.data)).toEqual(Array.from(expected.values.data));
          expect(Array.from(ours.indices.data)).toEqual(Array.from(expected.indices.data));
        }),
        { numRuns: 100, seed: 1520 + rank },
      );
    });
  });
}

describe("index conventions", () => {
  it("encode and decode are inverse, and every convention unpools (maxUnpool2d) to PyTorch's result, NCHW and NHWC", () => {
    fc.assert(
      fc.property(poolCase(2, 7), fc.constantFrom("NCHW", "NHWC"), (drawn, layout) => {
        const c = { ...drawn, dilation: [1, 1] }; // maxUnpool2d takes no dilation
        const outputSize = fitOutputSize(c);
        fc.pre(outputSize !== undefined);
        const x = randn([c.batch, c.channels, ...c.size], { seed: c.seed, dtype: "float64" });
        const expected = maxPoolReference(x, c);
        fc.pre(windowsSeeInput(c, expected.outSize));
        const input = layout === "NHWC" ? nchwToNhwc(x) : x;
        const window = {
          kernelSize: c.kernel as [number, number],
          stride: c.stride as [number, number],
          padding: c.asymmetric ? [...c.before, ...c.after] : c.before,
        };
        const base = maxPool2d(input, { ...window, ceilMode: c.ceilMode, layout });
        const reference = maxUnpool2d(base.values, base.indices, { ...window, layout, outputSize });
        for (const convention of POOL_INDEX_CONVENTIONS) {
          const pooled = maxPool2d(input, { ...window, ceilMode: c.ceilMode, layout, indexConvention: convention });
          expect(Array.from(pooled.values.data)).toEqual(Array.from(base.values.data));
          const space = { batch: c.batch, channels: c.channels, size: [1, ...c.size] };
          const planeIndices = layout === "NHWC" ? nhwcToNchw(base.indices) : base.indices;
          const ours = layout === "NHWC" ? nhwcToNchw(pooled.indices) : pooled.indices;
          const plane = expected.outSize[0] * expected.outSize[1];
          for (let i = 0; i < ours.size; i++) {
            const n = Math.floor(i / (c.channels * plane));
            const ch = Math.floor(i / plane) % c.channels;
            expect(ours.data[i]).toBe(encodePoolIndex(convention, space, n, ch, planeIndices.data[i]));
            expect(decodePoolIndex(convention, space, n, ch, ours.data[i])).toEqual([n, ch, planeIndices.data[i]]);
          }
          const unpooled = maxUnpool2d(pooled.values, pooled.indices, {
            ...window,
            layout,
            indexConvention: convention,
            outputSize,
          });
          expect(Array.from(unpooled.data)).toEqual(Array.from(reference.data));
        }
      }),
      { numRuns: 100, seed: 1530 },
    );
  });
});

/** The unpooled size that is the input's own size when maxUnpool2d allows it (within a stride of its default). */
function fitOutputSize(c: PoolCase): [number, number] | undefined {
  const pooled = maxPoolReference(randn([1, 1, ...c.size]), c).outSize;
  const defaults = pooled.map((o, a) => (o - 1) * c.stride[a] - c.before[a] - c.after[a] + c.kernel[a]);
  const ok = c.size.every((s, a) => s >= Math.max(1, defaults[a] - c.stride[a] + 1) && s <= defaults[a] + c.stride[a] - 1);
  return ok ? [c.size[0], c.size[1]] : undefined;
}

describe("maxUnpool1d / maxUnpool3d", () => {
  it("put each maximum back where its index says, in every convention (the pooled input, elsewhere 0)", () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 3), fc.nat(10_000), fc.constantFrom(...POOL_INDEX_CONVENTIONS), (rank, seed, convention) => {
        const size = rank === 1 ? [8] : [4, 4, 4];
        const x = randn([2, 3, ...size], { seed, dtype: "float64" });
        const pool = rank === 1 ? maxPool1d : maxPool3d;
        const unpool = rank === 1 ? maxUnpool1d : maxUnpool3d;
        const { values, indices } = pool(x, { kernelSize: 2, indexConvention: convention });
        const back = unpool(values, indices, { kernelSize: 2, indexConvention: convention });
        expect(back.shape).toEqual(x.shape);
        // every non-zero of the result is the input's value there, and there is one per window
        let kept = 0;
        for (let i = 0; i < x.size; i++) {
          if (back.data[i] !== 0) {
            expect(back.data[i]).toBe(x.data[i]);
            kept++;
          }
        }
        expect(kept).toBe(values.size);
      }),
      { numRuns: 40, seed: 1540 },
    );
  });
});
