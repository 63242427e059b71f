// Parity of `resize` and `depthToSpace`/`spaceToDepth` with tfjs-core on its CPU backend (NHWC):
// resizeBilinear and resizeNearestNeighbor with every alignCorners/halfPixelCenters flag, written
// as the library's named conventions (what each flag combination computes), and depthToSpace
// (TF's order is DCR). 100 seeded cases per family.
import { beforeAll, describe, expect, it } from "vitest";
import { depthToSpace, randn, resize, spaceToDepth, type ResizeOptions, type Tensor } from "../../src";
import { tf, useTfBackend } from "../../bench/peers/tfjs";
import { caseRandom, CASES, f32, relativeError } from "./parityHelpers";

beforeAll(async () => {
  await useTfBackend("cpu");
});

const tf4 = (t: Tensor): tf.Tensor4D => tf.tensor4d(f32(t), t.shape as [number, number, number, number]);

/** TF's resize flags as the library's conventions. */
function tfConvention(nearest: boolean, alignCorners: boolean, halfPixelCenters: boolean): ResizeOptions {
  if (nearest) {
    if (alignCorners) return { mode: "nearest", coordinates: "align-corners", rounding: "round-prefer-ceil" };
    return halfPixelCenters
      ? { mode: "nearest", coordinates: "tf-half-pixel-for-nn", rounding: "floor" }
      : { mode: "nearest", coordinates: "asymmetric", rounding: "floor" };
  }
  return { mode: "linear", coordinates: alignCorners ? "align-corners" : halfPixelCenters ? "half-pixel" : "asymmetric" };
}

describe("parity with tfjs-core (cpu): resize flags", () => {
  for (const nearest of [false, true]) {
    const name = nearest ? "resizeNearestNeighbor" : "resizeBilinear";
    it(`${name}: alignCorners / halfPixelCenters / neither, up and down: ${CASES} cases`, () => {
      const r = caseRandom(nearest ? 8401 : 8402);
      for (let i = 0; i < CASES; i++) {
        const [n, h, w, c] = [r.int(1, 2), r.int(1, 7), r.int(1, 7), r.int(1, 3)];
        const size: [number, number] = [r.int(1, 15), r.int(1, 15)];
        const flags = r.pick([
          [true, false],
          [false, true],
          [false, false],
        ] as const);
        const x = randn([n, h, w, c], { seed: 84000 + i });
        const ours = resize(x, { ...tfConvention(nearest, flags[0], flags[1]), size, layout: "channels-last" });
        const theirs = tf.tidy(() =>
          (nearest ? tf.image.resizeNearestNeighbor : tf.image.resizeBilinear)(tf4(x), size, flags[0], flags[1]).dataSync(),
        );
        const err = relativeError(f32(ours), theirs);
        if (!(err < 1e-5)) throw new Error(`case ${i}: error ${err} for ${JSON.stringify({ n, h, w, c, size, flags })}`);
      }
    });
  }

  it(`the 'keras' and 'tf1' presets are TF2's and TF1's resize_bilinear: ${CASES} cases`, () => {
    const r = caseRandom(8403);
    for (let i = 0; i < CASES; i++) {
      const x = randn([1, r.int(1, 6), r.int(1, 6), 2], { seed: 84100 + i });
      const size: [number, number] = [r.int(1, 12), r.int(1, 12)];
      const tf1 = r.bool();
      const ours = resize(x, { mode: "linear", preset: tf1 ? "tf1" : "keras", size, layout: "channels-last" });
      const theirs = tf.tidy(() => tf.image.resizeBilinear(tf4(x), size, false, !tf1).dataSync());
      expect(relativeError(f32(ours), theirs), `case ${i}`).toBeLessThan(1e-5);
    }
  });
});

describe("parity with tfjs-core (cpu): depthToSpace", () => {
  it(`depthToSpace NHWC (DCR) and its inverse spaceToDepth: ${CASES} cases`, () => {
    const r = caseRandom(8404);
    for (let i = 0; i < CASES; i++) {
      const [n, h, w, c, b] = [r.int(1, 2), r.int(1, 4), r.int(1, 4), r.int(1, 3), r.int(2, 3)];
      const x = randn([n, h, w, c * b * b], { seed: 84200 + i });
      const ours = depthToSpace(x, { blockSize: b, layout: "NHWC" });
      const theirs = tf.tidy(() => tf.depthToSpace(tf4(x), b, "NHWC").dataSync());
      expect(relativeError(f32(ours), theirs), `case ${i}`).toBe(0);
      expect(spaceToDepth(ours, { blockSize: b, layout: "NHWC" }).equals(x)).toBe(true);
    }
  });
});
