// Parity with tfjs-core on its CPU backend (TF semantics, NHWC): conv2dTranspose and conv2d with
// 'same' / 'valid' against the Keras entry points; resizeBilinear in its three coordinate
// conventions and resizeNearestNeighbor against the library's upsampling. Python Keras'
// UpSampling2D(interpolation='bilinear') is tf.image.resize with half-pixel centres, so that is
// what the library's default is checked against (tfjs-layers' upSampling2d is not). 100+ cases each.
import { beforeAll, describe, expect, it } from "vitest";
import {
  conv2dKeras,
  convTranspose2dKeras,
  randn,
  Tensor,
  upsampleBilinear,
  upsampleNearest,
  type CoordinateMode,
} from "../../src";
import { tf, useTfBackend } from "../../bench/peers/tfjs";
import { caseRandom, CASES, f32, relativeError } from "./parityHelpers";

beforeAll(async () => {
  await useTfBackend("cpu");
});

function tfData(t: Tensor): tf.Tensor4D {
  const [n, h, w, c] = t.shape;
  return tf.tensor4d(f32(t), [n, h, w, c]);
}

function kerasTransposedSize(i: number, k: number, s: number, padding: "same" | "valid"): number {
  return padding === "same" ? i * s : i * s + Math.max(k - s, 0);
}

describe("parity with tfjs-core (cpu): convolutions, Keras semantics", () => {
  it(`conv2dTranspose 'same' and 'valid': ${CASES} random cases`, () => {
    const r = caseRandom(8001);
    for (let i = 0; i < CASES; i++) {
      const [n, h, w, cin, filters] = [r.int(1, 2), r.int(1, 6), r.int(1, 6), r.int(1, 3), r.int(1, 3)];
      const [kh, kw, sh, sw] = [r.int(1, 4), r.int(1, 4), r.int(1, 3), r.int(1, 3)];
      const padding = r.pick(["same", "valid"] as const);
      const x = randn([n, h, w, cin], { seed: 2000 + i });
      const kernel = randn([kh, kw, filters, cin], { seed: 3000 + i });
      const ours = convTranspose2dKeras(x, kernel, { strides: [sh, sw], padding });
      const outShape: [number, number, number, number] = [
        n,
        kerasTransposedSize(h, kh, sh, padding),
        kerasTransposedSize(w, kw, sw, padding),
        filters,
      ];
      expect(ours.shape, `case ${i}`).toEqual(outShape);
      const theirs = tf.tidy(() => tf.conv2dTranspose(tfData(x), tfData(kernel), outShape, [sh, sw], padding).dataSync());
      const err = relativeError(f32(ours), theirs);
      if (!(err < 1e-5))
        throw new Error(`case ${i}: error ${err} for ${JSON.stringify({ n, h, w, cin, filters, kh, kw, sh, sw, padding })}`);
    }
  });

  it(`conv2d 'same' and 'valid' with strides and dilation: ${CASES} random cases`, () => {
    const r = caseRandom(8002);
    let done = 0;
    while (done < CASES) {
      const [n, h, w, cin, filters] = [r.int(1, 2), r.int(1, 8), r.int(1, 8), r.int(1, 3), r.int(1, 3)];
      const [kh, kw] = [r.int(1, 4), r.int(1, 4)];
      const dilated = r.bool();
      const strides: [number, number] = dilated ? [1, 1] : [r.int(1, 3), r.int(1, 3)]; // tf: strides > 1 with dilation unsupported
      const dilation: [number, number] = dilated ? [r.int(1, 2), r.int(1, 2)] : [1, 1];
      const padding = r.pick(["same", "valid"] as const);
      if (padding === "valid" && (h < dilation[0] * (kh - 1) + 1 || w < dilation[1] * (kw - 1) + 1)) continue;
      const x = randn([n, h, w, cin], { seed: 4000 + done });
      const kernel = randn([kh, kw, cin, filters], { seed: 5000 + done });
      const ours = conv2dKeras(x, kernel, { strides, padding, dilationRate: dilation });
      const theirs = tf.tidy(() => {
        const y = tf.conv2d(tfData(x), tfData(kernel), strides, padding, "NHWC", dilation);
        expect(ours.shape).toEqual(y.shape);
        return y.dataSync();
      });
      const err = relativeError(f32(ours), theirs);
      if (!(err < 1e-5)) throw new Error(`case ${done}: error ${err}`);
      done++;
    }
  });
});

describe("parity with tfjs-core (cpu): resizing", () => {
  const conventions: [CoordinateMode, boolean, boolean][] = [
    ["half-pixel", false, true], // Python Keras UpSampling2D bilinear, TF2 tf.image.resize
    ["align-corners", true, false],
    ["asymmetric", false, false], // TF1, tfjs-layers upSampling2d
  ];
  for (const [mode, alignCorners, halfPixelCenters] of conventions) {
    it(`resizeBilinear alignCorners=${alignCorners} halfPixelCenters=${halfPixelCenters} = '${mode}': ${CASES} random sizes`, () => {
      const r = caseRandom(8100 + conventions.findIndex((c) => c[0] === mode));
      for (let i = 0; i < CASES; i++) {
        const [n, h, w, c] = [r.int(1, 2), r.int(1, 7), r.int(1, 7), r.int(1, 3)];
        const size: [number, number] = [r.int(1, 15), r.int(1, 15)];
        const x = randn([n, h, w, c], { seed: 6000 + i });
        const ours = upsampleBilinear(x, { size, coordinates: mode, layout: "NHWC" });
        const theirs = tf.tidy(() => tf.image.resizeBilinear(tfData(x), size, alignCorners, halfPixelCenters).dataSync());
        const err = relativeError(f32(ours), theirs);
        if (!(err < 1e-5)) throw new Error(`case ${i}: error ${err} for ${JSON.stringify({ n, h, w, c, size })}`);
      }
    });
  }

  it("Keras UpSampling2D bilinear (half-pixel) on the article's 3x4 example, not tfjs-layers' asymmetric rows", () => {
    const x = new Tensor(
      Float32Array.from({ length: 12 }, (_, i) => i),
      [1, 3, 4, 1],
    );
    const ours = upsampleBilinear(x, { scale: 2, layout: "NHWC" });
    const keras = tf.tidy(() => tf.image.resizeBilinear(tfData(x), [6, 8], false, true).dataSync());
    expect(Array.from(f32(ours))).toEqual(Array.from(keras));
    expect(Array.from(f32(ours)).slice(0, 8)).toEqual([0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3]);
    const tf1 = tf.tidy(() => tf.image.resizeBilinear(tfData(x), [6, 8], false, false).dataSync());
    expect(Array.from(tf1).slice(0, 8)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3]);
  });

  it(`resizeNearestNeighbor: any size (no half-pixel) and integer scales (half-pixel): ${CASES} cases`, () => {
    const r = caseRandom(8200);
    for (let i = 0; i < CASES; i++) {
      const [n, h, w, c] = [r.int(1, 2), r.int(1, 7), r.int(1, 7), r.int(1, 3)];
      const x = randn([n, h, w, c], { seed: 7000 + i });
      const byScale = r.bool();
      const scale: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const size: [number, number] = byScale ? [h * scale[0], w * scale[1]] : [r.int(1, 15), r.int(1, 15)];
      // with integer factors floor((dst + 0.5) / s) = floor(dst / s): Keras UpSampling2D nearest
      const ours = byScale ? upsampleNearest(x, { scale, layout: "NHWC" }) : upsampleNearest(x, { size, layout: "NHWC" });
      const theirs = tf.tidy(() => tf.image.resizeNearestNeighbor(tfData(x), size, false, byScale).dataSync());
      expect(relativeError(f32(ours), theirs), JSON.stringify({ n, h, w, c, size, byScale })).toBe(0);
    }
  });
});
