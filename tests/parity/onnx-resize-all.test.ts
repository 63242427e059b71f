// Parity of `resize` with onnxruntime-node's Resize at opset 19: every mode, coordinate transform,
// nearest rounding, cubic coefficient, exclude_outside and antialias, in 1-D, 2-D and 3-D, by
// scales (fractional, used as given) and by sizes; tf_half_pixel_for_nn at opset 11 (the operator
// dropped it at opset 13); DepthToSpace (DCR, CRD) and SpaceToDepth. 100 seeded cases per family.
//
// Where onnxruntime deviates from the ONNX specification the library follows the specification
// (checked against the brute-force reference of tests/property/resizeReference.ts), and the
// deviation itself is tested so a change in onnxruntime shows up here:
// - when the output shape equals the input shape the input comes back as is, even when a scale
//   is not 1 (`floor(3 * 1.3) = 3`, which the spec resamples by 1/1.3);
// - with antialias=1 (its antialiasing kernels for linear and cubic) an axis whose length does not
//   change is copied as if its scale were 1; its plain bilinear, trilinear, cubic and nearest
//   kernels follow the spec there.
// onnxruntime also rejects combinations the specification allows: antialias with 'nearest', and
// exclude_outside except with 'cubic' or antialiased 'linear'; cubic runs on 2-D inputs only.
// Those cases are covered by the reference alone.
import { describe, expect, it } from "vitest";
import {
  COORDINATE_TRANSFORMS,
  depthToSpace,
  NEAREST_ROUNDINGS,
  randn,
  resize,
  spaceToDepth,
  type CoordinateTransform,
  type ResizeMode,
  type Tensor,
} from "../../src";
import { depthToSpaceModel, resizeModel19, type OnnxResizeSpec } from "../../bench/peers/onnxModels";
import { referenceResize } from "../property/resizeReference";
import { caseRandom, CASES, f32, relativeError, onnxOutput } from "./parityHelpers";

const onnxName = (s: string): string => s.replace(/-/g, "_");
const SPEC_TRANSFORMS = COORDINATE_TRANSFORMS.filter((t) => t !== "tf-half-pixel-for-nn");
const FRACTIONS = [0.5, 0.6, 0.75, 1.3, 1.5, 2, 2.5, 3];

interface ResizeCase {
  x: Tensor;
  mode: ResizeMode;
  coordinates: CoordinateTransform;
  rounding: (typeof NEAREST_ROUNDINGS)[number];
  cubicCoefficient: number;
  excludeOutside: boolean;
  antialias: boolean;
  scale?: number[];
  size?: number[];
}

async function runOrt(k: ResizeCase, outShape: readonly number[], opset: number): Promise<Float32Array> {
  const spec: OnnxResizeSpec = {
    mode: k.mode as OnnxResizeSpec["mode"],
    coordinateMode: onnxName(k.coordinates),
    nearestMode: onnxName(k.rounding),
    cubicCoeffA: k.cubicCoefficient,
    excludeOutside: k.excludeOutside,
    antialias: k.antialias,
    ...(k.scale ? { scales: [1, 1, ...k.scale] } : { sizes: outShape }),
  };
  return onnxOutput(resizeModel19(k.x.shape, outShape, spec, opset), k.x);
}

function ours(k: ResizeCase): Tensor {
  const { x, scale, size, ...options } = k;
  return resize(x, { ...options, ...(scale ? { scale } : { size: size as number[] }) });
}

/** A random case of `mode` whose every spatial axis changes length (see the deviation above). */
function randomCase(
  r: ReturnType<typeof caseRandom>,
  mode: ResizeMode,
  axes: number,
  seed: number,
  transforms: readonly CoordinateTransform[],
): ResizeCase {
  for (;;) {
    const spatial = Array.from({ length: axes }, () => r.int(1, axes === 3 ? 4 : 7));
    const byScale = r.bool();
    const scale = spatial.map(() => r.pick(FRACTIONS));
    const size = spatial.map(() => r.int(1, axes === 3 ? 8 : 14));
    const out = byScale ? spatial.map((l, a) => Math.floor(l * scale[a])) : size;
    if (out.some((v, a) => v < 1 || v === spatial[a])) continue;
    const antialias = mode !== "nearest" && r.bool();
    return {
      x: randn([r.int(1, 2), r.int(1, 2), ...spatial], { seed }),
      mode,
      coordinates: r.pick(transforms),
      rounding: r.pick(NEAREST_ROUNDINGS),
      cubicCoefficient: r.pick([-0.75, -0.5, -0.6]),
      antialias,
      excludeOutside: (mode === "cubic" || antialias) && r.bool(),
      ...(byScale ? { scale } : { size }),
    };
  }
}

async function checkFamily(
  mode: ResizeMode,
  seed: number,
  axesChoices: number[],
  transforms: readonly CoordinateTransform[],
  opset: number,
): Promise<void> {
  const r = caseRandom(seed);
  for (let i = 0; i < CASES; i++) {
    const k = randomCase(r, mode, r.pick(axesChoices), seed * 10 + i, transforms);
    const y = ours(k);
    const theirs = await runOrt(k, y.shape, opset);
    const err = relativeError(f32(y), theirs);
    if (!(err < 1e-5)) {
      const { x, ...rest } = k;
      throw new Error(`case ${i}: error ${err} for ${JSON.stringify({ shape: x.shape, ...rest })}`);
    }
  }
}

describe("parity with onnxruntime: Resize opset 19", () => {
  it(`nearest: 5 coordinate transforms x 4 roundings, 1-D/2-D/3-D, scales and sizes: ${CASES} cases`, async () => {
    await checkFamily("nearest", 7401, [1, 2, 3], SPEC_TRANSFORMS, 19);
  });
  it(`linear (bi-, trilinear): antialias, exclude_outside, 1-D/2-D/3-D: ${CASES} cases`, async () => {
    await checkFamily("linear", 7402, [1, 2, 3], SPEC_TRANSFORMS, 19);
  });
  it(`cubic: coefficients -0.75/-0.5/-0.6, exclude_outside, antialias, 2-D: ${CASES} cases`, async () => {
    await checkFamily("cubic", 7403, [2], SPEC_TRANSFORMS, 19);
  });
  it(`tf_half_pixel_for_nn (opset 11): nearest, linear and cubic: ${CASES} cases`, async () => {
    const r = caseRandom(7404);
    for (let i = 0; i < CASES; i++) {
      const mode = r.pick(["nearest", "linear", "cubic"] as const);
      const k = {
        ...randomCase(r, mode, mode === "cubic" ? 2 : r.pick([1, 2, 3]), 7404 * 10 + i, ["tf-half-pixel-for-nn"]),
        antialias: false,
      };
      k.excludeOutside = mode === "cubic" && k.excludeOutside;
      const y = ours(k);
      expect(relativeError(f32(y), await runOrt(k, y.shape, 11)), `case ${i}`).toBeLessThan(1e-5);
    }
  });
});

describe("onnxruntime's deviation from the ONNX specification: unchanged axes are copied", () => {
  it(`when no axis changes length, onnxruntime returns the input; the library (and the spec) resample: ${CASES} cases`, async () => {
    const r = caseRandom(7405);
    let differs = 0;
    for (let i = 0; i < CASES; i++) {
      const mode = r.pick(["nearest", "linear"] as const);
      const axes = r.pick([1, 2]);
      const spatial = Array.from({ length: axes }, () => r.int(2, 6));
      // a scale whose floor(l * s) is l again: 1 < s < (l + 1) / l
      const scale = spatial.map((l) => 1 + r.int(1, 9) / 10 / l);
      const k: ResizeCase = {
        x: randn([1, r.int(1, 2), ...spatial], { seed: 74050 + i }),
        mode,
        coordinates: r.pick(SPEC_TRANSFORMS),
        rounding: r.pick(NEAREST_ROUNDINGS),
        cubicCoefficient: -0.75,
        excludeOutside: false,
        antialias: false,
        scale,
      };
      const y = ours(k);
      expect(y.shape).toEqual(k.x.shape);
      const theirs = await runOrt(k, y.shape, 19);
      expect(relativeError(theirs, f32(k.x)), "onnxruntime copies the input").toBe(0);
      const spec = referenceResize(k.x, { ...k, scales: scale, outSizes: spatial, channelsLast: false });
      expect(relativeError(f32(y), spec), "the library follows the specification").toBeLessThan(1e-6);
      if (relativeError(f32(y), f32(k.x)) > 0) differs++;
    }
    expect(differs).toBeGreaterThan(CASES / 2);
  });

  it(`antialias=1: onnxruntime copies an unchanged axis as if its scale were 1: ${CASES} cases`, async () => {
    const r = caseRandom(7406);
    let differs = 0;
    for (let i = 0; i < CASES; i++) {
      const mode = r.pick(["linear", "cubic"] as const);
      const spatial = Array.from({ length: mode === "cubic" ? 2 : r.pick([2, 3]) }, () => r.int(2, 5));
      const keep = r.int(0, spatial.length - 1);
      // floor(l * s) = l for the kept axis; the others shrink or grow
      const scale = spatial.map((l, a) => (a === keep ? 1 + r.int(1, 9) / 10 / l : r.pick([0.5, 0.6, 1.5, 2, 2.5])));
      const k: ResizeCase = {
        x: randn([1, 1, ...spatial], { seed: 74060 + i }),
        mode,
        coordinates: r.pick(["half-pixel", "asymmetric", "align-corners"] as const),
        rounding: "round-prefer-floor",
        cubicCoefficient: -0.75,
        excludeOutside: false,
        antialias: true,
        scale,
      };
      const y = ours(k);
      const theirs = await runOrt(k, y.shape, 19);
      const asIfOne = ours({ ...k, scale: scale.map((v, a) => (a === keep ? 1 : v)) });
      expect(relativeError(f32(asIfOne), theirs), `case ${i}: onnxruntime`).toBeLessThan(1e-5);
      const spec = referenceResize(k.x, { ...k, scales: scale, outSizes: y.shape.slice(2), channelsLast: false });
      expect(relativeError(f32(y), spec), `case ${i}: the library follows the specification`).toBeLessThan(1e-5);
      if (relativeError(f32(y), f32(asIfOne)) > 1e-4) differs++;
    }
    expect(differs).toBeGreaterThan(CASES / 2);
  });
});

describe("parity with onnxruntime: DepthToSpace and SpaceToDepth", () => {
  it(`DepthToSpace DCR and CRD, SpaceToDepth: ${CASES} cases`, async () => {
    const r = caseRandom(7407);
    for (let i = 0; i < CASES; i++) {
      const [n, c, h, w, b] = [r.int(1, 2), r.int(1, 3), r.int(1, 4), r.int(1, 4), r.int(1, 3)];
      const toSpace = r.bool();
      const mode = r.pick(["DCR", "CRD"] as const);
      const x = toSpace ? randn([n, c * b * b, h, w], { seed: 74070 + i }) : randn([n, c, h * b, w * b], { seed: 74070 + i });
      const y = toSpace ? depthToSpace(x, { blockSize: b, mode }) : spaceToDepth(x, { blockSize: b });
      const theirs = await onnxOutput(depthToSpaceModel(toSpace ? "DepthToSpace" : "SpaceToDepth", x.shape, y.shape, b, mode), x);
      expect(relativeError(f32(y), theirs), `case ${i}`).toBe(0);
    }
  });
});
