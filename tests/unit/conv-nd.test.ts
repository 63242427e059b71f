// 1-D and 3-D convolutions: small worked examples, the unbatched forms, `out`, and bad input
// (each message names the parameter, the value given and what is allowed; too-large results
// fail before allocating with the op's name and the computed shape).
import { describe, expect, it } from "vitest";
import {
  conv1d,
  conv3d,
  convTranspose1d,
  convTranspose1dBackward,
  convTranspose3d,
  ones,
  overlapCounts,
  tensor,
  zeros,
} from "../../src";

describe("convTranspose1d / conv1d", () => {
  it("places each input value's product with the kernel stride apart and sums overlaps", () => {
    expect(Array.from(convTranspose1d(tensor([1, 2]), tensor([1, 1, 1]), { stride: 2 }).data)).toEqual([1, 1, 3, 2, 2]);
    expect(Array.from(convTranspose1d(tensor([1, 2]), tensor([1, 1, 1]), { stride: 2, padding: [1, 0] }).data)).toEqual([
      1, 3, 2, 2,
    ]);
    expect(Array.from(convTranspose1d(tensor([1, 2]), tensor([1, 1, 1]), { stride: 2, outputPadding: 1 }).data)).toEqual([
      1, 1, 3, 2, 2, 0,
    ]);
  });

  it("conv1d slides the window (cross-correlation) with padding [left, right]", () => {
    expect(Array.from(conv1d(tensor([1, 2, 3, 4]), tensor([1, -1])).data)).toEqual([-1, -1, -1]);
    expect(Array.from(conv1d(tensor([1, 2, 3, 4]), tensor([1, 1]), { padding: [1, 0], stride: 2 }).data)).toEqual([1, 5]);
  });

  it("keeps the batched form and fills a preallocated out", () => {
    const x = ones([2, 3, 4]);
    const w = ones([3, 2, 2]);
    const out = zeros([2, 2, 5]);
    expect(convTranspose1d(x, w, { out })).toBe(out);
    expect(out.get(1, 1, 2)).toBe(6);
    expect(() => convTranspose1d(x, w, { out: zeros([2, 2, 4]) })).toThrow(
      "convTranspose1d: out must have shape [2, 2, 5], got [2, 2, 4]",
    );
  });

  it("rejects bad options naming the parameter, the value and what is allowed", () => {
    const x = tensor([1, 2, 3]);
    const k = tensor([1, 1]);
    expect(() => convTranspose1d(x, k, { stride: 0 })).toThrow("convTranspose1d: stride must be an integer >= 1, got 0");
    expect(() => convTranspose1d(x, k, { padding: [1, 2, 3] as never })).toThrow(
      "padding must be an integer >= 0, [p] or [left, right] of them, got [1, 2, 3]",
    );
    expect(() => convTranspose1d(x, k, { outputPadding: 1 })).toThrow(
      "outputPadding must be smaller than stride or dilation in each axis (here < 1 in l), got 1",
    );
    expect(() => convTranspose1d(x, k, { algorithm: "fft" as never })).toThrow("algorithm must be one of");
    expect(() => convTranspose1d(ones([2, 2]), k)).toThrow("x must be a 1-D [L] or 3-D [N, C, L] tensor, got shape [2, 2]");
    expect(() => conv1d(x, tensor([1, 1, 1, 1, 1]))).toThrow(
      "conv1d: weight's kernel (dilated 5) must fit in the padded input (3)",
    );
    expect(() => conv1d(ones([1, 3, 5]), ones([2, 2, 2]))).toThrow(
      "conv1d: weight must have shape (out, in/groups=3, k) to match x's 3 channels, got [2, 2, 2]",
    );
    expect(() => convTranspose1d(ones([1, 2, 5]), ones([2, 2, 2], { dtype: "float64" }))).toThrow(
      "weight must have dtype 'float32' like the input, got 'float64'",
    );
    expect(() => convTranspose1dBackward(x, k, tensor([1, 2]))).toThrow(
      "gradOutput must have the forward output's shape [4], got [2]",
    );
  });

  it("refuses results too large to allocate, before allocating", () => {
    // the scatter's full result is 2^31 + 1 long, cropped to 1 by the padding
    expect(() => overlapCounts({ inputSize: [2], kernelSize: 1, stride: 2 ** 31, padding: [2 ** 31, 0] })).toThrow(
      /overlapCounts: the result would have shape \[1, 2147483649\]/,
    );
    expect(() => convTranspose1d(ones([1, 1, 3000]), ones([1, 1, 2]), { stride: 1e6 })).toThrow(
      /convTranspose1d: the result would have shape \[1, 1, 2999000002\]/,
    );
  });
});

describe("convTranspose3d / conv3d", () => {
  it("an input of ones with a kernel of ones counts the overlapping products", () => {
    const y = convTranspose3d(ones([2, 2, 2]), ones([2, 2, 2]));
    expect(y.shape).toEqual([3, 3, 3]);
    expect(y.get(1, 1, 1)).toBe(8);
    expect(y.get(0, 0, 0)).toBe(1);
    expect(y.get(0, 1, 1)).toBe(4);
    expect(Array.from(conv3d(ones([2, 2, 2]), ones([2, 2, 2])).data)).toEqual([8]);
  });

  it("padding [front, top, left, back, bottom, right] crops each side", () => {
    const y = convTranspose3d(ones([2, 2, 2]), ones([2, 2, 2]), { padding: [1, 0, 0, 0, 1, 1] });
    expect(y.shape).toEqual([2, 2, 2]);
    expect(y.get(0, 1, 1)).toBe(8);
  });

  it("rejects bad options and too-large results", () => {
    const x = ones([2, 2, 2]);
    expect(() => convTranspose3d(x, x, { stride: [1, 2] as never })).toThrow(
      "convTranspose3d: stride must be an integer >= 1 or [d, h, w] of them, got [1, 2]",
    );
    expect(() => conv3d(x, x, { padding: [1, 1, 1, 1] as never })).toThrow(
      "padding must be an integer >= 0, [d, h, w] or [front, top, left, back, bottom, right] of them, got [1, 1, 1, 1]",
    );
    expect(() => conv3d(ones([1, 2, 2, 2, 2]), ones([1, 1, 2, 2, 2]), { groups: 3 })).toThrow(
      "groups must divide the input channels (2), got 3",
    );
    expect(() => convTranspose3d(x, x, { stride: [1e4, 1e4, 1e4] })).toThrow(
      /convTranspose3d: the result would have shape \[10002, 10002, 10002\]/,
    );
  });
});
