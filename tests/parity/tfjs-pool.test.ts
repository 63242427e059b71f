// Parity with tfjs-core on its CPU backend (TF semantics, NHWC): maxPoolWithArgmax with 'same' and
// 'valid' padding, indices flat over the channels-last image with and without the batch
// (include_batch_in_index), and avgPool 'same' (which excludes the padding from the divisor).
// 100 seeded cases each.
import { beforeAll, describe, expect, it } from "vitest";
import { avgPool2d, maxPool2d, randn } from "../../src";
import { tf, useTfBackend } from "../../bench/peers/tfjs";
import { caseRandom, CASES, f32, relativeError } from "./parityHelpers";

beforeAll(async () => {
  await useTfBackend("cpu");
});

describe("parity with tfjs-core (cpu): pooling, TF semantics", () => {
  it(`maxPoolWithArgmax 'same' and 'valid', with and without the batch in the index: ${CASES} random cases`, () => {
    const r = caseRandom(8101);
    let done = 0;
    while (done < CASES) {
      const [n, h, w, c] = [r.int(1, 2), r.int(1, 8), r.int(1, 8), r.int(1, 3)];
      const kernel: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const strides: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const padding = r.pick(["same", "valid"] as const);
      const includeBatch = r.bool();
      if (padding === "valid" && (kernel[0] > h || kernel[1] > w)) continue;
      const x = randn([n, h, w, c], { seed: 4000 + done });
      const ours = maxPool2d(x, {
        kernelSize: kernel,
        stride: strides,
        padding,
        layout: "NHWC",
        indexConvention: includeBatch ? "tf-with-batch" : "tf",
      });
      const theirs = tf.tidy(() => {
        const { result, indexes } = tf.maxPoolWithArgmax(
          tf.tensor4d(f32(x), [n, h, w, c]),
          kernel,
          strides,
          padding,
          includeBatch,
        );
        return { shape: result.shape, values: result.dataSync() as Float32Array, indices: Array.from(indexes.dataSync()) };
      });
      const label = JSON.stringify({ n, h, w, c, kernel, strides, padding, includeBatch });
      expect(ours.values.shape, label).toEqual(theirs.shape);
      expect(relativeError(f32(ours.values), theirs.values), label).toBe(0);
      expect(Array.from(ours.indices.data), label).toEqual(theirs.indices);
      done++;
    }
  });

  it(`avgPool 'same' (padding not counted) and 'valid': ${CASES} random cases`, () => {
    const r = caseRandom(8102);
    let done = 0;
    while (done < CASES) {
      const [n, h, w, c] = [r.int(1, 2), r.int(1, 8), r.int(1, 8), r.int(1, 3)];
      const kernel: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const strides: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const padding = r.pick(["same", "valid"] as const);
      if (padding === "valid" && (kernel[0] > h || kernel[1] > w)) continue;
      const x = randn([n, h, w, c], { seed: 5000 + done });
      const ours = avgPool2d(x, { kernelSize: kernel, stride: strides, padding, layout: "NHWC", countIncludePad: false });
      const theirs = tf.tidy(
        () => tf.avgPool(tf.tensor4d(f32(x), [n, h, w, c]), kernel, strides, padding).dataSync() as Float32Array,
      );
      expect(relativeError(f32(ours), theirs), JSON.stringify({ n, h, w, c, kernel, strides, padding })).toBeLessThan(1e-6);
      done++;
    }
  });
});
