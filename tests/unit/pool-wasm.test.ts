// The WebAssembly 2x2 max-pooling kernel against the TypeScript one (values and indices bit for
// bit, with ties, NaN and signed zeros), and max-unpooling's index check in the fused scatter.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxPool2d, maxUnpool2d, nchwToNhwc, randn, Tensor, tensor } from "../../src";
import { maxPool2x2Rows, POOL_WASM_MIN_OUTPUT } from "../../src/pool/maxPool2d";
import { readImageBatch } from "../../src/resample/layout";
import { maxPool2x2Wasm } from "../../src/wasm/maxPool2dWasm";

/** Random planes drawn from a few values, so ties, NaN, -0 and +0 are common. */
const caseArb = fc.record({
  n: fc.integer({ min: 1, max: 2 }),
  c: fc.integer({ min: 1, max: 3 }),
  h: fc.integer({ min: 2, max: 13 }),
  w: fc.integer({ min: 2, max: 21 }),
  chunk: fc.constantFrom(4, 64, 256, 128 * 1024),
  seed: fc.nat(1_000_000),
});
const SPECIAL = [Number.NaN, -0, 0, 1, -1, 2, Number.NEGATIVE_INFINITY];

function specialInput(n: number, c: number, h: number, w: number, seed: number): Tensor {
  const x = randn([n, c, h, w], { seed });
  for (let i = 0; i < x.size; i++) {
    const pick = Math.floor(Math.abs(x.data[i]) * 7919) % 10;
    if (pick < SPECIAL.length) x.data[i] = SPECIAL[pick];
  }
  return x;
}

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe("maxPool2x2Wasm", () => {
  it("== the TypeScript 2x2 kernel bit for bit (values and indices), any size and chunking", () => {
    fc.assert(
      fc.property(caseArb, ({ n, c, h, w, chunk, seed }) => {
        const x = specialInput(n, c, h, w, seed);
        const [oh, ow] = [Math.floor(h / 2), Math.floor(w / 2)];
        const src = readImageBatch("test", x, "NCHW");
        const make = () => new Tensor(new Float32Array(n * c * oh * ow), [n, c, oh, ow]);
        const tsValues = make();
        const wasmValues = make();
        const tsIndices = new Float64Array(n * c * oh * ow);
        const wasmIndices = new Float64Array(n * c * oh * ow);
        maxPool2x2Rows(src, readImageBatch("test", tsValues, "NCHW"), tsValues.data, tsIndices, oh, ow);
        expect(maxPool2x2Wasm(src, readImageBatch("test", wasmValues, "NCHW"), wasmIndices, chunk)).toBe(true);
        expect(sameBits(wasmValues.data, tsValues.data)).toBe(true);
        expect(sameBits(wasmIndices, tsIndices)).toBe(true);
      }),
      { numRuns: 300, seed: 8001 },
    );
  });

  it("maxPool2d gives the generic loop's values and indices on both sides of the threshold", () => {
    const shapes = [
      [4, 4],
      [8, 9],
      [16, 16],
      [33, 20],
    ];
    const outputs = shapes.map(([h, w]) => 2 * 3 * Math.floor(h / 2) * Math.floor(w / 2));
    expect(Math.min(...outputs)).toBeLessThan(POOL_WASM_MIN_OUTPUT);
    expect(Math.max(...outputs)).toBeGreaterThanOrEqual(POOL_WASM_MIN_OUTPUT);
    for (const [h, w] of shapes) {
      const x = specialInput(2, 3, h, w, h * w);
      const fast = maxPool2d(x, { kernelSize: 2 });
      const generic = maxPool2d(nchwToNhwc(x), { kernelSize: 2, layout: "NHWC" });
      expect(sameBits(nchwToNhwc(fast.values).data, generic.values.data)).toBe(true);
      expect(sameBits(nchwToNhwc(fast.indices).data, generic.indices.data)).toBe(true);
    }
  });

  it("declines float64 data and NHWC batches", () => {
    const x = randn([1, 2, 4, 4], { seed: 1, dtype: "float64" });
    const v = new Tensor(new Float64Array(8), [1, 2, 2, 2]);
    expect(maxPool2x2Wasm(readImageBatch("t", x, "NCHW"), readImageBatch("t", v, "NCHW"), new Float64Array(8))).toBe(false);
    const y = randn([1, 4, 4, 2], { seed: 1 });
    const yv = new Tensor(new Float32Array(8), [1, 2, 2, 2]);
    expect(maxPool2x2Wasm(readImageBatch("t", y, "NHWC"), readImageBatch("t", yv, "NHWC"), new Float64Array(8))).toBe(false);
  });
});

describe("maxUnpool2d index check", () => {
  const values = tensor([
    [5, 9],
    [7, 4],
  ]);
  for (const bad of [-1, 16, 2.5, Number.NaN, 2 ** 32 + 3]) {
    it(`rejects index ${bad} with a fresh output and with a preallocated one (left untouched)`, () => {
      const indices = tensor(
        [
          [0, 6],
          [bad, 15],
        ],
        { dtype: "float64" },
      );
      const message = /indices must be integers in 0\.\.15 .* at \[1, 0\]/;
      expect(() => maxUnpool2d(values, indices, { kernelSize: 2 })).toThrow(message);
      const out = new Tensor(new Float32Array(16).fill(3), [4, 4]);
      expect(() => maxUnpool2d(values, indices, { kernelSize: 2, out })).toThrow(message);
      expect(out.data.every((v) => v === 3)).toBe(true);
    });
  }

  it("accepts -0 as index 0 and keeps the last value for a repeated index", () => {
    const indices = tensor(
      [
        [-0, 0],
        [10, 10],
      ],
      { dtype: "float64" },
    );
    expect(maxUnpool2d(values, indices, { kernelSize: 2 }).toArray()).toEqual([
      [9, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 4, 0],
      [0, 0, 0, 0],
    ]);
  });
});
