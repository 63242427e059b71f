// The article's worked examples (../shared/article/worked-examples.md, sections 3-6 and 8),
// computed by every transposed-convolution algorithm and checked against the literal numbers.
import { describe, expect, it } from "vitest";
import {
  CONV_TRANSPOSE_ALGORITHMS,
  conv2d,
  convTranspose2d,
  convTranspose2dKeras,
  insertZeros,
  ones,
  pad2d,
  rand,
  rotate180,
  tensor,
} from "../../src";
import { zeroInsertionPadding, resolveConvTranspose2d } from "../../src/internals";

const X = tensor([
  [0, 1],
  [2, 3],
]);
const K = tensor([
  [0, 1],
  [2, 3],
]);
const X2 = tensor([
  [1, 2],
  [3, 4],
]);
const ONES3 = ones([3, 3]);
const FULL_5X5 = [
  [1, 1, 3, 2, 2],
  [1, 1, 3, 2, 2],
  [4, 4, 10, 6, 6],
  [3, 3, 7, 4, 4],
  [3, 3, 7, 4, 4],
];

describe.each(CONV_TRANSPOSE_ALGORITHMS)("worked examples, algorithm '%s'", (algorithm) => {
  it("section 3: stride 1, padding 0 gives the 3x3 sum of placed products", () => {
    const y = convTranspose2d(X, K, { algorithm });
    expect(y.shape).toEqual([3, 3]);
    expect(y.toArray()).toEqual([
      [0, 0, 1],
      [0, 4, 6],
      [4, 12, 9],
    ]);
  });

  it("section 4: stride 2 moves each product two pixels", () => {
    expect(convTranspose2d(X, K, { algorithm, stride: 2 }).toArray()).toEqual([
      [0, 0, 0, 1],
      [0, 0, 2, 3],
      [0, 2, 0, 3],
      [4, 6, 6, 9],
    ]);
  });

  it("section 5: padding crops the full result", () => {
    expect(convTranspose2d(X, K, { algorithm, padding: 1 }).toArray()).toEqual([[4]]);
  });

  it("section 5 erratum: 2x2 input, 3x3 ones, s=2 gives full 5x5, p=1 gives 3x3, outputPadding=1 gives 4x4", () => {
    expect(convTranspose2d(X2, ONES3, { algorithm, stride: 2 }).toArray()).toEqual(FULL_5X5);
    expect(convTranspose2d(X2, ONES3, { algorithm, stride: 2, padding: 1 }).toArray()).toEqual([
      [1, 3, 2],
      [4, 10, 6],
      [3, 7, 4],
    ]);
    expect(convTranspose2d(X2, ONES3, { algorithm, stride: 2, padding: 1, outputPadding: 1 }).toArray()).toEqual([
      [1, 3, 2, 2],
      [4, 10, 6, 6],
      [3, 7, 4, 4],
      [3, 7, 4, 4],
    ]);
  });

  it("section 5 erratum: Keras 'same' gives 4x4 with the odd crop at the bottom/right", () => {
    const x = X2.reshape([1, 2, 2, 1]);
    const k = ONES3.reshape([3, 3, 1, 1]);
    const y = convTranspose2dKeras(x, k, { strides: 2, padding: "same", algorithm });
    expect(y.shape).toEqual([1, 4, 4, 1]);
    expect(y.reshape([4, 4]).toArray()).toEqual([
      [1, 1, 3, 2],
      [1, 1, 3, 2],
      [4, 4, 10, 6],
      [3, 3, 7, 4],
    ]);
  });
});

describe("section 6: the four-step method", () => {
  it("3x3 input, k=3, s=2, p=1: z=1, p'=1, s'=1; 3x3 -> 5x5 -> 7x7 -> 5x5, equal to scatter", () => {
    const x = rand([3, 3], { seed: 6, dtype: "float64" });
    const w = rand([3, 3], { seed: 7, dtype: "float64" });
    const { geometry } = resolveConvTranspose2d("test", x, w, undefined, 1, [2, 2], [1, 1], [1, 1, 1, 1], [0, 0]);
    const z = geometry.strideH - 1;
    const pPrime = zeroInsertionPadding(geometry);
    expect(z).toBe(1);
    expect(pPrime).toEqual([1, 1, 1, 1]); // p' = k - p - 1
    const stretched = insertZeros(x, 2); // step 2
    expect(stretched.shape).toEqual([5, 5]);
    const padded = pad2d(stretched, pPrime); // step 3
    expect(padded.shape).toEqual([7, 7]);
    const direct = conv2d(padded, rotate180(w), { stride: 1 }); // step 4, with the 180-degree flip
    expect(direct.shape).toEqual([5, 5]);
    const scatter = convTranspose2d(x, w, { stride: 2, padding: 1, algorithm: "scatter" });
    expect(direct.allClose(scatter, 1e-12, 1e-12)).toBe(true);
    // Without the flip the result differs (the kernel is not symmetric).
    expect(conv2d(padded, w).allClose(scatter, 1e-6, 1e-6)).toBe(false);
    // A 5x5 input convolved with k=3, s=2, p=1 gives 3x3 back.
    expect(conv2d(direct, w, { stride: 2, padding: 1 }).shape).toEqual([3, 3]);
  });
});

describe("section 8: Keras Conv2DTranspose", () => {
  it("(1,3,3,3) with 6 filters, k=3, s=2, 'valid' gives (1,7,7,6)", () => {
    const x = rand([1, 3, 3, 3], { seed: 8 });
    const kernel = rand([3, 3, 6, 3], { seed: 9 }); // (kh, kw, filters, in)
    const y = convTranspose2dKeras(x, kernel, { strides: [2, 2], padding: "valid" });
    expect(y.shape).toEqual([1, 7, 7, 6]);
  });

  it("'valid' with k < s gives i*s (zeros at the end)", () => {
    const y = convTranspose2dKeras(X2.reshape([1, 2, 2, 1]), ones([2, 2, 1, 1]), { strides: 3, padding: "valid" });
    expect(y.shape).toEqual([1, 6, 6, 1]);
    expect(y.reshape([6, 6]).toArray()).toEqual([
      [1, 1, 0, 2, 2, 0],
      [1, 1, 0, 2, 2, 0],
      [0, 0, 0, 0, 0, 0],
      [3, 3, 0, 4, 4, 0],
      [3, 3, 0, 4, 4, 0],
      [0, 0, 0, 0, 0, 0],
    ]);
  });
});
