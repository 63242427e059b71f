// Pixel shuffle family: a worked example of each channel order and the validation messages.
import { describe, expect, it } from "vitest";
import {
  arange,
  convTransposeAsSubPixel,
  depthToSpace,
  icnr,
  pixelShuffle,
  spaceToDepth,
  transposedFromSubPixel,
  zeros,
} from "../../src";

describe("depthToSpace worked examples (ONNX operator documentation's 1x8x2x3 input, blocksize 2)", () => {
  const x = arange(48).reshape([1, 8, 2, 3]);
  it("DCR: the first output row interleaves channels 0 and 2", () => {
    const y = depthToSpace(x, { blockSize: 2 });
    expect(y.shape).toEqual([1, 2, 4, 6]);
    expect(Array.from(y.data.slice(0, 6))).toEqual([0, 12, 1, 13, 2, 14]);
    expect(Array.from(y.data.slice(6, 12))).toEqual([24, 36, 25, 37, 26, 38]);
  });
  it("CRD (= pixelShuffle): the first output row interleaves channels 0 and 1", () => {
    expect(Array.from(depthToSpace(x, { blockSize: 2, mode: "CRD" }).data.slice(0, 6))).toEqual([0, 6, 1, 7, 2, 8]);
    expect(pixelShuffle(x, 2).equals(depthToSpace(x, { blockSize: 2, mode: "CRD" }))).toBe(true);
  });
});

describe("validation", () => {
  it("names the parameter, the value and what is allowed", () => {
    expect(() => depthToSpace(zeros([1, 6, 2, 2]), { blockSize: 2 })).toThrow(
      /depthToSpace: the channels of x \(6\) must be divisible by blockSize \* blockSize = 4/,
    );
    expect(() => spaceToDepth(zeros([1, 1, 3, 4]), { blockSize: 2 })).toThrow(
      /spaceToDepth: the height and width of x \(3 x 4\) must be divisible by blockSize 2/,
    );
    expect(() => depthToSpace(zeros([1, 4, 2, 2]), { blockSize: 2, mode: "DRC" as never })).toThrow(
      /mode must be 'DCR' or 'CRD', got 'DRC'/,
    );
    expect(() => depthToSpace(zeros([1, 4, 2, 2]), {} as never)).toThrow(/blockSize is required/);
    expect(() => pixelShuffle(zeros([1, 4, 2, 2]), 1.5)).toThrow(/pixelShuffle: upscaleFactor must be an integer >= 1, got 1.5/);
    expect(() => pixelShuffle(zeros([4, 2]), 2)).toThrow(/pixelShuffle: x must be a 4-D NCHW tensor/);
    expect(() => icnr(zeros([2, 2, 3, 3]), 0)).toThrow(/icnr: scale must be an integer >= 1, got 0/);
    expect(() => transposedFromSubPixel(zeros([4, 1, 3, 3]), 2, 3)).toThrow(/padding must be at most kernel size - 1/);
    expect(() => convTransposeAsSubPixel(zeros([1, 2, 3, 3]), zeros([3, 1, 4, 4]), { stride: 2 })).toThrow(
      /weight must have 2 input channels/,
    );
    expect(() => depthToSpace(zeros([1, 4, 2, 2]), { blockSize: 1e6 })).toThrow(/divisible/);
    expect(() => icnr(zeros([1, 1, 1, 1]), 1e5)).toThrow(/icnr: the result would have shape \[10000000000, 1, 1, 1\]/);
  });
});
