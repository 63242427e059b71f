// Property tests of the fixed upsamplers: nearest resize == scale mode, upsample-then-pool
// identities, bed of nails == max-unpooling with fixed indices, bilinear conventions, layouts,
// and where the FCN bilinear kernel agrees with a true bilinear resize.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bedOfNails,
  bilinearKernel,
  bilinearUpsampler,
  convTranspose2d,
  maxPool2d,
  maxUnpool2d,
  nchwToNhwc,
  rand,
  randn,
  Tensor,
  tensor,
  upsampleBilinear,
  upsampleNearest,
  type CoordinateMode,
} from "../../src";

const small = (max: number) => fc.integer({ min: 1, max });
const imageArb = fc.record({
  n: small(2),
  c: small(2),
  h: small(5),
  w: small(5),
  sh: small(3),
  sw: small(3),
  seed: fc.nat(1_000_000),
});
const modeArb = fc.constantFrom<CoordinateMode>("half-pixel", "align-corners", "asymmetric");

function relu(x: Tensor): Tensor {
  const y = x.clone();
  for (let i = 0; i < y.size; i++) y.data[i] = Math.max(0, y.data[i]);
  return y;
}

describe("upsampleNearest properties", () => {
  it("resizing to an integer multiple of the size equals scale mode", () => {
    fc.assert(
      fc.property(imageArb, ({ n, c, h, w, sh, sw, seed }) => {
        const x = randn([n, c, h, w], { seed });
        const a = upsampleNearest(x, { scale: [sh, sw] });
        const b = upsampleNearest(x, { size: [h * sh, w * sw] });
        expect(a.shape).toEqual([n, c, h * sh, w * sw]);
        expect(b.equals(a)).toBe(true);
      }),
      { numRuns: 150, seed: 101 },
    );
  });

  it("max-pooling with the same factor undoes it: maxPool2d(upsampleNearest(x, s), s) == x", () => {
    fc.assert(
      fc.property(imageArb, ({ n, c, h, w, sh, sw, seed }) => {
        const x = randn([n, c, h, w], { seed });
        const { values } = maxPool2d(upsampleNearest(x, { scale: [sh, sw] }), { kernelSize: [sh, sw] });
        expect(values.equals(x)).toBe(true);
      }),
      { numRuns: 150, seed: 102 },
    );
  });

  it("is the same in NHWC as in NCHW, and resizing to the same size is the identity", () => {
    fc.assert(
      fc.property(imageArb, small(9), small(9), ({ n, c, h, w, seed }, oh, ow) => {
        const x = randn([n, c, h, w], { seed });
        const a = upsampleNearest(x, { size: [oh, ow] });
        const b = upsampleNearest(nchwToNhwc(x), { size: [oh, ow], layout: "NHWC" });
        expect(b.equals(nchwToNhwc(a))).toBe(true);
        expect(upsampleNearest(x, { size: [h, w] }).equals(x)).toBe(true);
      }),
      { numRuns: 100, seed: 103 },
    );
  });
});

describe("bedOfNails properties", () => {
  const nailsArb = imageArb.chain((r) =>
    fc
      .record({ pr: fc.integer({ min: 0, max: r.sh - 1 }), pc: fc.integer({ min: 0, max: r.sw - 1 }) })
      .map((p) => ({ ...r, ...p })),
  );

  it("is max-unpooling with every index at the same place in its block", () => {
    fc.assert(
      fc.property(nailsArb, ({ n, c, h, w, sh, sw, pr, pc, seed }) => {
        const x = randn([n, c, h, w], { seed });
        const ow = w * sw;
        const indices = new Float64Array(x.size);
        for (let i = 0; i < x.size; i++) {
          const y = Math.floor(i / w) % h;
          const col = i % w;
          indices[i] = (y * sh + pr) * ow + col * sw + pc;
        }
        const unpooled = maxUnpool2d(x, new Tensor(indices, x.shape).astype("float32"), { kernelSize: [sh, sw] });
        expect(unpooled.equals(bedOfNails(x, { scale: [sh, sw], position: [pr, pc] }))).toBe(true);
      }),
      { numRuns: 150, seed: 201 },
    );
  });

  it("max-pooling it gives relu(x) when blocks hold zeros, and x for 1x1 blocks", () => {
    fc.assert(
      fc.property(nailsArb, ({ n, c, h, w, sh, sw, pr, pc, seed }) => {
        const x = randn([n, c, h, w], { seed });
        const { values, indices } = maxPool2d(bedOfNails(x, { scale: [sh, sw], position: [pr, pc] }), { kernelSize: [sh, sw] });
        expect(values.equals(sh * sw === 1 ? x : relu(x))).toBe(true);
        // Unpooling the result puts relu(x) back on the nails (a negative value's max is a zero).
        const back = maxUnpool2d(values, indices, { kernelSize: [sh, sw] });
        expect(back.equals(bedOfNails(sh * sw === 1 ? x : relu(x), { scale: [sh, sw], position: [pr, pc] }))).toBe(true);
      }),
      { numRuns: 150, seed: 202 },
    );
  });
});

describe("upsampleBilinear properties", () => {
  it("align-corners keeps the four corners exactly", () => {
    fc.assert(
      fc.property(imageArb, small(9), small(9), ({ h, w, seed }, oh, ow) => {
        const x = randn([h, w], { seed, dtype: "float64" });
        const y = upsampleBilinear(x, { size: [Math.max(oh, 2), Math.max(ow, 2)], coordinates: "align-corners" });
        const [H, W] = y.shape;
        expect(y.get(0, 0)).toBe(x.get(0, 0));
        expect(y.get(0, W - 1)).toBe(x.get(0, w - 1));
        expect(y.get(H - 1, 0)).toBe(x.get(h - 1, 0));
        expect(y.get(H - 1, W - 1)).toBe(x.get(h - 1, w - 1));
      }),
      { numRuns: 150, seed: 301 },
    );
  });

  it("stays within the input's range, keeps constants, and is the identity at the same size", () => {
    fc.assert(
      fc.property(imageArb, small(9), small(9), modeArb, ({ n, c, h, w, seed }, oh, ow, coordinates) => {
        const x = randn([n, c, h, w], { seed, dtype: "float64" });
        const y = upsampleBilinear(x, { size: [oh, ow], coordinates });
        const lo = Math.min(...x.data);
        const hi = Math.max(...x.data);
        for (const v of y.data) {
          expect(v).toBeGreaterThanOrEqual(lo - 1e-12);
          expect(v).toBeLessThanOrEqual(hi + 1e-12);
        }
        const constant = upsampleBilinear(
          tensor([
            [2.5, 2.5],
            [2.5, 2.5],
          ]),
          { size: [oh, ow], coordinates },
        );
        expect(constant.data.every((v) => v === 2.5)).toBe(true);
        expect(upsampleBilinear(x, { size: [h, w], coordinates }).allClose(x, 0, 1e-12)).toBe(true);
      }),
      { numRuns: 150, seed: 302 },
    );
  });

  it("reproduces a linear ramp exactly under align-corners", () => {
    fc.assert(
      fc.property(
        small(5),
        small(5),
        small(9),
        small(9),
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: -5, max: 5 }),
        (h, w, oh, ow, a, b) => {
          const values = Array.from({ length: h }, (_, y) => Array.from({ length: w }, (_, x) => a * y + b * x));
          const H = Math.max(oh, 2);
          const W = Math.max(ow, 2);
          const out = upsampleBilinear(tensor(values, { dtype: "float64" }), { size: [H, W], coordinates: "align-corners" });
          for (let y = 0; y < H; y++) {
            for (let x = 0; x < W; x++) {
              const sy = h > 1 ? (y * (h - 1)) / (H - 1) : 0;
              const sx = w > 1 ? (x * (w - 1)) / (W - 1) : 0;
              expect(out.get(y, x)).toBeCloseTo(a * sy + b * sx, 10);
            }
          }
        },
      ),
      { numRuns: 100, seed: 303 },
    );
  });

  it("is the same in NHWC as in NCHW, and scale mode equals size mode", () => {
    fc.assert(
      fc.property(imageArb, modeArb, ({ n, c, h, w, sh, sw, seed }, coordinates) => {
        const x = randn([n, c, h, w], { seed });
        const a = upsampleBilinear(x, { scale: [sh, sw], coordinates });
        expect(upsampleBilinear(x, { size: [h * sh, w * sw], coordinates }).equals(a)).toBe(true);
        const b = upsampleBilinear(nchwToNhwc(x), { scale: [sh, sw], coordinates, layout: "NHWC" });
        expect(b.equals(nchwToNhwc(a))).toBe(true);
      }),
      { numRuns: 100, seed: 304 },
    );
  });
});

describe("bilinearKernel as a transposed convolution vs a true bilinear resize", () => {
  it("agrees inside the image and differs on a border of floor(factor / 2) pixels", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), small(5), small(5), fc.nat(1_000_000), (factor, h, w, seed) => {
        // Positive inputs, so the darker border really differs.
        const x = rand([h, w], { seed, dtype: "float64" });
        for (let i = 0; i < x.size; i++) x.data[i] += 0.5;
        const { kernelSize, stride, padding } = bilinearUpsampler(factor);
        const kernel = bilinearKernel(kernelSize, { dtype: "float64" }).reshape([kernelSize, kernelSize]);
        const learned = convTranspose2d(x, kernel, { stride, padding });
        const resized = upsampleBilinear(x, { scale: factor });
        expect(learned.shape).toEqual(resized.shape);
        const border = Math.floor(factor / 2);
        const [H, W] = resized.shape;
        for (let y = 0; y < H; y++) {
          for (let c = 0; c < W; c++) {
            const inside = y >= border && y < H - border && c >= border && c < W - border;
            if (inside) expect(learned.get(y, c)).toBeCloseTo(resized.get(y, c), 12);
            else expect(learned.get(y, c)).toBeLessThan(resized.get(y, c) - 1e-9);
          }
        }
      }),
      { numRuns: 100, seed: 401 },
    );
  });
});
