// Property tests of resize against the brute-force reference written from the ONNX Resize
// specification (tests/property/resizeReference.ts): every mode, coordinate transform, rounding,
// cubic coefficient, exclude-outside and antialias, 1-D/2-D/3-D, both layouts, scales and sizes,
// float32 (including the WebAssembly nearest and bilinear paths) and float64.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COORDINATE_TRANSFORMS,
  NEAREST_ROUNDINGS,
  randn,
  resize,
  upsampleBilinear,
  upsampleNearest,
  type CoordinateTransform,
  type NearestRounding,
  type ResizeMode,
} from "../../src";
import { referenceResize } from "./resizeReference";

const MODES: ResizeMode[] = ["nearest", "linear", "cubic", "area", "lanczos3", "lanczos5"];

interface Case {
  spatial: number[];
  n: number;
  c: number;
  mode: ResizeMode;
  coordinates: CoordinateTransform;
  rounding: NearestRounding;
  cubicCoefficient: number;
  excludeOutside: boolean;
  antialias: boolean;
  channelsLast: boolean;
  bySize: boolean;
  factors: number[];
  sizes: number[];
  dtype: "float32" | "float64";
  pytorchArea: boolean;
  seed: number;
}

const caseArb = (axes: number, maxLength: number): fc.Arbitrary<Case> =>
  fc.record({
    spatial: fc.array(fc.integer({ min: 1, max: maxLength }), { minLength: axes, maxLength: axes }),
    n: fc.integer({ min: 1, max: 2 }),
    c: fc.integer({ min: 1, max: 2 }),
    mode: fc.constantFrom(...MODES),
    coordinates: fc.constantFrom(...COORDINATE_TRANSFORMS),
    rounding: fc.constantFrom(...NEAREST_ROUNDINGS),
    cubicCoefficient: fc.constantFrom(-0.75, -0.5),
    excludeOutside: fc.boolean(),
    antialias: fc.boolean(),
    channelsLast: fc.boolean(),
    bySize: fc.boolean(),
    factors: fc.array(fc.constantFrom(0.5, 0.6, 0.75, 1, 1.3, 1.5, 2, 2.5, 3), { minLength: axes, maxLength: axes }),
    sizes: fc.array(fc.integer({ min: 1, max: 2 * maxLength }), { minLength: axes, maxLength: axes }),
    dtype: fc.constantFrom<"float32" | "float64">("float32", "float64"),
    pytorchArea: fc.boolean(),
    seed: fc.nat(1_000_000),
  });

function check(k: Case): void {
  const axes = k.spatial.length;
  const shape = k.channelsLast ? [k.n, ...k.spatial, k.c] : [k.n, k.c, ...k.spatial];
  const x = randn(shape, { seed: k.seed, dtype: k.dtype });
  const outSizes = k.bySize ? k.sizes : k.spatial.map((l, a) => Math.floor(l * k.factors[a]));
  if (outSizes.some((v) => v < 1)) return;
  const scales = k.bySize ? k.sizes.map((v, a) => v / k.spatial[a]) : k.factors;
  // the 'pytorch' preset changes only area's bins when every other option is given
  const ours = resize(x, {
    ...(k.pytorchArea ? { preset: "pytorch" as const } : {}),
    mode: k.mode,
    coordinates: k.coordinates,
    rounding: k.rounding,
    cubicCoefficient: k.cubicCoefficient,
    excludeOutside: k.excludeOutside,
    antialias: k.antialias,
    layout: k.channelsLast ? "channels-last" : "channels-first",
    ...(k.bySize ? { size: k.sizes } : { scale: k.factors }),
  });
  const expected = referenceResize(x, { ...k, scales, outSizes, areaBins: k.pytorchArea ? "adaptive" : "overlap" });
  const outShape = [...shape];
  outSizes.forEach((v, a) => {
    outShape[(k.channelsLast ? 1 : 2) + a] = v;
  });
  expect(ours.shape).toEqual(outShape);
  const tol = k.dtype === "float32" ? 2e-6 : 1e-12;
  for (let i = 0; i < expected.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]));
    if (!(Math.abs(ours.data[i] - expected[i]) <= tol * scale * 4)) {
      throw new Error(`element ${i}: ${ours.data[i]} != ${expected[i]} (${JSON.stringify({ ...k, axes })})`);
    }
  }
}

describe("resize equals the ONNX-specification reference", () => {
  it("1-D (N, C, L): every mode and convention", () => {
    fc.assert(fc.property(caseArb(1, 9), check), { numRuns: 300, seed: 1401 });
  });
  it("2-D (N, C, H, W) and (N, H, W, C): every mode and convention", () => {
    fc.assert(fc.property(caseArb(2, 6), check), { numRuns: 300, seed: 1402 });
  });
  it("3-D (N, C, D, H, W) and (N, D, H, W, C): every mode and convention", () => {
    fc.assert(fc.property(caseArb(3, 4), check), { numRuns: 80, seed: 1403 });
  });
  it("2-D float32 upscaling, every mode (the WebAssembly paths) on planes of 256+ outputs", () => {
    const arb = caseArb(2, 14).map((k) => ({
      ...k,
      channelsLast: false,
      dtype: "float32" as const,
      factors: k.factors.map((f) => Math.max(f, 1)),
    }));
    fc.assert(fc.property(arb, check), { numRuns: 60, seed: 1404 });
  });
});

describe("resize and the simple entries", () => {
  it("upsampleNearest is resize with the PyTorch preset; upsampleBilinear is linear half-pixel / align-corners / asymmetric", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 1, max: 13 }),
        fc.nat(10_000),
        (h, w, oh, ow, seed) => {
          const x = randn([1, 2, h, w], { seed });
          expect(resize(x, { size: [oh, ow], preset: "pytorch" }).equals(upsampleNearest(x, { size: [oh, ow] }))).toBe(true);
          for (const coordinates of ["half-pixel", "align-corners", "asymmetric"] as const) {
            const a = resize(x, { size: [oh, ow], mode: "linear", coordinates });
            const b = upsampleBilinear(x, { size: [oh, ow], coordinates });
            expect(a.allClose(b, 1e-5, 1e-6)).toBe(true);
          }
        },
      ),
      { numRuns: 100, seed: 1405 },
    );
  });
});
