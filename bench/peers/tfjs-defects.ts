/**
 * Defects of the active tfjs backend that make a benchmark column meaningless, found by running
 * the op on a tiny case with a known answer, so a tfjs release that fixes one is measured again
 * without a change here. tfjs-core only (no Node APIs): the browser benchmark page uses it too.
 */
import * as tf from "@tensorflow/tfjs-core";

/** The smallest positive normal float32 (C++'s `std::numeric_limits<float>::min()`). */
const FLT_MIN = 2 ** -126;

/**
 * Why the active backend's `maxPoolWithArgmax` cannot stand in for max-pooling with indices, or
 * undefined when it pools one 2x2 window of negative values right (maximum -1 at flat index 1).
 */
export function maxPoolWithArgmaxDefect(): string | undefined {
  const window = [-3, -1, -4, -2];
  const [value, index] = tf.tidy(() => {
    const { result, indexes } = tf.maxPoolWithArgmax(tf.tensor4d(window, [1, 2, 2, 1]), 2, 2, "valid", false);
    return [result.dataSync()[0], indexes.dataSync()[0]];
  });
  if (value === -1 && index === 1) return undefined;
  const why =
    value === FLT_MIN
      ? ": each window's maximum starts at the smallest positive float32, so windows of values <= 1.2e-38 come out wrong"
      : "";
  return `maxPoolWithArgmax (${tf.getBackend()}) gives ${value.toPrecision(3)} at index ${index} for the window [${window.join(", ")}], expected -1 at 1${why}`;
}
