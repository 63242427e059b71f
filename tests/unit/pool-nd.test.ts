// Pooling options: worked examples of asymmetric and 'same' padding, index conventions, average
// pooling, 1-D and 3-D; every new option rejected with the parameter, the value and what is allowed.
import { describe, expect, it } from "vitest";
import {
  arange,
  avgPool1d,
  avgPool2d,
  avgPool3d,
  maxPool1d,
  maxPool2d,
  maxPool3d,
  maxUnpool1d,
  maxUnpool2d,
  maxUnpool3d,
  tensor,
  zeros,
} from "../../src";

const example = () =>
  tensor([
    [5, 1, 2, 8],
    [3, 4, 9, 0],
    [1, 7, 2, 2],
    [6, 2, 3, 4],
  ]);

describe("maxPool2d options", () => {
  it("asymmetric padding [top, left, bottom, right] and 'same'", () => {
    const r = maxPool2d(example(), { kernelSize: 2, padding: [1, 1, 0, 0] });
    expect(r.values.toArray()).toEqual([
      [5, 2],
      [3, 9],
    ]);
    expect(r.indices.toArray()).toEqual([
      [0, 2],
      [4, 6],
    ]);
    // 'same' (TF): 3 outputs of stride 2 over 5 columns need 1 padding column, at the end
    const x = arange(25).reshape([5, 5]);
    expect(maxPool2d(x, { kernelSize: 2, padding: "same" }).values.toArray()).toEqual([
      [6, 8, 9],
      [16, 18, 19],
      [21, 23, 24],
    ]);
    expect(maxPool2d(x, { kernelSize: 2, padding: "same-lower" }).values.toArray()).toEqual([
      [0, 2, 4],
      [10, 12, 14],
      [20, 22, 24],
    ]);
  });

  it("indices in each convention", () => {
    const x = arange(32).reshape([2, 1, 4, 4]);
    const at = (convention: "pytorch" | "onnx" | "onnx-column-major" | "tf" | "tf-with-batch") =>
      Array.from(maxPool2d(x, { kernelSize: 2, indexConvention: convention }).indices.data);
    expect(at("pytorch")).toEqual([5, 7, 13, 15, 5, 7, 13, 15]);
    expect(at("onnx")).toEqual([5, 7, 13, 15, 21, 23, 29, 31]);
    expect(at("onnx-column-major")).toEqual([5, 13, 7, 15, 21, 29, 23, 31]);
    expect(at("tf")).toEqual([5, 7, 13, 15, 5, 7, 13, 15]);
    expect(at("tf-with-batch")).toEqual([5, 7, 13, 15, 21, 23, 29, 31]);
    const nhwc = maxPool2d(arange(8).reshape([1, 2, 2, 2]), { kernelSize: 2, layout: "NHWC", indexConvention: "tf" });
    expect(Array.from(nhwc.indices.data)).toEqual([6, 7]); // (y W + x) C + c with y = x = 1
  });

  it("maxUnpool2d takes every convention back", () => {
    const x = arange(32).reshape([2, 1, 4, 4]);
    const plain = maxPool2d(x, { kernelSize: 2 });
    const expected = maxUnpool2d(plain.values, plain.indices, { kernelSize: 2 });
    for (const convention of ["onnx", "onnx-column-major", "tf", "tf-with-batch"] as const) {
      const r = maxPool2d(x, { kernelSize: 2, indexConvention: convention });
      expect(maxUnpool2d(r.values, r.indices, { kernelSize: 2, indexConvention: convention }).toArray()).toEqual(
        expected.toArray(),
      );
    }
    expect(() =>
      maxUnpool2d(
        plain.values,
        tensor([
          [
            [
              [0, 1],
              [2, 40],
            ],
          ],
          [
            [
              [0, 1],
              [2, 3],
            ],
          ],
        ]),
        { kernelSize: 2, indexConvention: "onnx" },
      ),
    ).toThrow("maxUnpool2d: indices must be integers in 0..31 ('onnx' indices in the 4x4 output planes), got 40 at [0, 0, 1, 1]");
  });

  it("rejects bad new options", () => {
    const x = example();
    expect(() => maxPool2d(x, { kernelSize: 2, padding: "full" as never })).toThrow(
      "maxPool2d: padding must be numbers or one of 'same', 'same-lower', 'valid', got 'full'",
    );
    expect(() => maxPool2d(x, { kernelSize: 2, padding: [0, 0, 2, 0] })).toThrow(
      "maxPool2d: padding must be smaller than the kernel size on each side (< 2 in h for kernelSize 2), got [0, 0, 2, 0]",
    );
    expect(() => maxPool2d(x, { kernelSize: 2, padding: [1, 1, 1] as never })).toThrow(
      "padding must be an integer >= 0, [h, w] or [top, left, bottom, right] of them",
    );
    expect(() => maxPool2d(x, { kernelSize: 2, indexConvention: "keras" as never })).toThrow(
      "maxPool2d: indexConvention must be one of 'pytorch', 'onnx', 'onnx-column-major', 'tf', 'tf-with-batch', got 'keras'",
    );
    expect(() => maxUnpool2d(x, x, { kernelSize: 2, padding: "same" as never })).toThrow("maxUnpool2d: padding must be numbers");
    expect(() => maxUnpool2d(tensor([[1]]), tensor([[0]]), { kernelSize: 1, stride: 1e6, outputSize: [1e6, 1e6] })).toThrow(
      /maxUnpool2d: the result would have shape \[1000000, 1000000\]/,
    );
  });
});

describe("average pooling", () => {
  it("counts the padding in the divisor unless told not to", () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(avgPool2d(x, { kernelSize: 2 }).toArray()).toEqual([[2.5]]);
    expect((avgPool2d(x, { kernelSize: 2, stride: 1, padding: 1 }).toArray() as number[][])[0]).toEqual([0.25, 0.75, 0.5]);
    expect((avgPool2d(x, { kernelSize: 2, stride: 1, padding: 1, countIncludePad: false }).toArray() as number[][])[0]).toEqual([
      1, 1.5, 2,
    ]);
    expect(() => avgPool2d(x, { kernelSize: 2, countIncludePad: 1 as never })).toThrow(
      "avgPool2d: countIncludePad must be true or false, got 1",
    );
  });

  it("1-D and 3-D", () => {
    expect(Array.from(avgPool1d(tensor([1, 3, 5, 7]), { kernelSize: 2 }).data)).toEqual([2, 6]);
    expect(Array.from(avgPool3d(arange(8).reshape([2, 2, 2]), { kernelSize: 2 }).data)).toEqual([3.5]);
    expect(avgPool1d(zeros([2, 3, 8]), { kernelSize: 3, stride: 2, ceilMode: true }).shape).toEqual([2, 3, 4]);
  });
});

describe("maxPool1d / maxPool3d", () => {
  it("values and per-channel indices", () => {
    const r = maxPool1d(tensor([1, 5, 2, 4]), { kernelSize: 2 });
    expect(Array.from(r.values.data)).toEqual([5, 4]);
    expect(Array.from(r.indices.data)).toEqual([1, 3]);
    const v = maxPool3d(arange(8).reshape([2, 2, 2]), { kernelSize: 2 });
    expect(Array.from(v.values.data)).toEqual([7]);
    expect(Array.from(v.indices.data)).toEqual([7]);
    const batched = maxPool3d(arange(54).reshape([1, 2, 3, 3, 3]), { kernelSize: 2, stride: 1, indexConvention: "onnx" });
    expect(batched.values.shape).toEqual([1, 2, 2, 2, 2]);
    expect(batched.indices.get(0, 1, 0, 0, 0)).toBe(27 + 13);
  });

  it("maxUnpool1d / maxUnpool3d put the maxima back", () => {
    expect(Array.from(maxUnpool1d(tensor([5, 4]), tensor([1, 3]), { kernelSize: 2 }).data)).toEqual([0, 5, 0, 4]);
    expect(maxUnpool3d(tensor([[[7]]]), tensor([[[7]]]), { kernelSize: 2 }).get(1, 1, 1)).toBe(7);
    expect(() => maxUnpool1d(tensor([5, 4]), tensor([1, 4]), { kernelSize: 2 })).toThrow(
      "maxUnpool1d: indices must be integers in 0..3 ('pytorch' indices into the output of size 4), got 4 at flat position 1",
    );
    expect(() => maxUnpool1d(tensor([5, 4]), tensor([1, 3]), { kernelSize: 2, outputSize: [6] })).toThrow(
      "maxUnpool1d: outputSize must be [l] with 3 <= l <= 5, got [6]",
    );
    expect(() => maxUnpool3d(tensor([5, 4]), tensor([1, 3]), { kernelSize: 2 })).toThrow(
      "maxUnpool3d: values must be a 3-D [D, H, W] or 5-D",
    );
  });

  it("rejects bad input", () => {
    expect(() => maxPool1d(tensor([1, 2]), { kernelSize: 3 })).toThrow(
      "maxPool1d: kernelSize must fit in the padded input (2) with dilation 1, got kernelSize 3",
    );
    expect(() => maxPool3d(zeros([2, 2]), { kernelSize: 1 })).toThrow(
      "maxPool3d: x must be a 3-D [D, H, W] or 5-D [N, C, D, H, W] tensor, got shape [2, 2]",
    );
    expect(() => maxPool3d(zeros([2, 2, 2]), { kernelSize: [1, 1] as never })).toThrow(
      "maxPool3d: kernelSize must be an integer >= 1 or [d, h, w] of them, got [1, 1]",
    );
    expect(() => maxPool1d(zeros([4]), {} as never)).toThrow(
      "maxPool1d: kernelSize is required (an integer >= 1), got undefined",
    );
    expect(() =>
      maxPool1d(zeros([4]), { kernelSize: 2, stride: 2, dilation: 1, padding: [1, 1], ceilMode: true, extra: 1 } as never),
    ).toThrow("maxPool1d: unknown option 'extra'");
  });
});
