import { describe, expect, it } from "vitest";
import { arange, conv2d, conv2dKeras, convTranspose2d, convTranspose2dKeras, ones, rand, randn, tensor, zeros } from "../../src";
import { convTranspose2dGemm, convTranspose2dWithKernel } from "../../src/internals";

describe("conv2d", () => {
  it("computes a cross-correlation of a 2-D image and returns 2-D", () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(
      conv2d(
        x,
        tensor([
          [1, 0],
          [0, 1],
        ]),
      ).toArray(),
    ).toEqual([
      [6, 8],
      [12, 14],
    ]);
    expect(
      conv2d(
        x,
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ).toArray(),
    ).toEqual([
      [37, 47],
      [67, 77],
    ]);
  });

  it("handles stride, asymmetric padding and dilation", () => {
    const x = arange(16).reshape([4, 4]);
    expect(conv2d(x, ones([1, 1]), { stride: 2 }).toArray()).toEqual([
      [0, 2],
      [8, 10],
    ]);
    expect(conv2d(x, ones([2, 2]), { dilation: 2 }).toArray()).toEqual([
      [20, 24],
      [36, 40],
    ]);
    // padding [top, left, bottom, right] = [1, 0, 0, 0]: a zero row above.
    expect(conv2d(x, ones([2, 1]), { padding: [1, 0, 0, 0] }).toArray()).toEqual([
      [0, 1, 2, 3],
      [4, 6, 8, 10],
      [12, 14, 16, 18],
      [20, 22, 24, 26],
    ]);
    expect(conv2d(x, ones([3, 3]), { padding: 1, stride: [2, 3] }).toArray()).toEqual([
      [10, 18],
      [51, 63],
    ]);
  });

  it("handles channels, groups, bias and batch", () => {
    const x = arange(2 * 2 * 2 * 2).reshape([2, 2, 2, 2]); // N=2, C=2
    const w = tensor([[[[1]]], [[[10]]]]); // groups 2: out channel g sees only input channel g
    const y = conv2d(x, w, { groups: 2, bias: tensor([100, 200]) });
    expect(y.shape).toEqual([2, 2, 2, 2]);
    expect(y.get(1, 0, 1, 1)).toBe(11 + 100);
    expect(y.get(1, 1, 1, 1)).toBe(150 + 200);
    const full = conv2d(x, ones([3, 2, 1, 1]));
    expect(full.shape).toEqual([2, 3, 2, 2]);
    expect(full.get(0, 2, 0, 1)).toBe(1 + 5);
  });

  it("follows the input dtype and fills a preallocated out", () => {
    const x = rand([1, 1, 3, 3], { dtype: "float64" });
    const w = rand([2, 1, 2, 2], { dtype: "float64", seed: 1 });
    expect(conv2d(x, w).dtype).toBe("float64");
    const out = zeros([1, 2, 2, 2], { dtype: "float64" });
    out.data.fill(123);
    const y = conv2d(x, w, { out });
    expect(y).toBe(out);
    expect(out.allClose(conv2d(x, w))).toBe(true);
  });
});

describe("convTranspose2d", () => {
  it("handles batches, groups, bias, asymmetric padding and a preallocated out", () => {
    const x = randn([2, 4, 3, 2], { seed: 1 });
    const w = randn([4, 3, 2, 3], { seed: 2 });
    const options = {
      stride: [2, 1] as [number, number],
      padding: [0, 1, 1, 0] as [number, number, number, number],
      groups: 2,
      bias: tensor([1, 2, 3, 4, 5, 6]),
    };
    const y = convTranspose2d(x, w, options);
    // (3-1)*2 + 2 - 1 = 5 rows, (2-1)*1 + 3 - 1 = 3 columns, 2 groups x 3 = 6 channels
    expect(y.shape).toEqual([2, 6, 5, 3]);
    const out = zeros([2, 6, 5, 3]);
    out.data.fill(-7);
    expect(convTranspose2d(x, w, { ...options, out })).toBe(out);
    expect(out.allClose(y)).toBe(true);
    for (const algorithm of ["scatter", "zero-insertion", "matrix"] as const) {
      expect(convTranspose2d(x, w, { ...options, algorithm }).allClose(y, 1e-5, 1e-5)).toBe(true);
    }
  });

  it("dilation spaces the kernel taps in the placed products", () => {
    expect(convTranspose2d(tensor([[1]]), tensor([[1, 2]]), { dilation: 2 }).toArray()).toEqual([[1, 0, 2]]);
    // outputPadding may reach up to dilation - 1 when it exceeds the stride.
    expect(convTranspose2d(tensor([[1]]), tensor([[1, 2]]), { dilation: [1, 3], outputPadding: [0, 2] }).toArray()).toEqual([
      [1, 0, 0, 2, 0, 0],
    ]);
  });
});

describe("convTranspose2dWithKernel", () => {
  it("runs a supplied kernel on validated, zero-filled buffers", () => {
    const x = randn([1, 2, 3, 3], { seed: 4 });
    const w = randn([2, 2, 3, 3], { seed: 5 });
    const seen: number[] = [];
    const y = convTranspose2dWithKernel(
      (xd, wd, bd, g, out) => {
        seen.push(
          g.outH,
          g.outW,
          out.length,
          Array.from(out).reduce((a, b) => a + Math.abs(b), 0),
        );
        convTranspose2dGemm(xd, wd, bd, g, out);
      },
      x,
      w,
      { stride: 2, padding: 1, outputPadding: 1 },
    );
    expect(seen).toEqual([6, 6, 72, 0]);
    expect(y.allClose(convTranspose2d(x, w, { stride: 2, padding: 1, outputPadding: 1, algorithm: "scatter" }), 1e-5, 1e-5)).toBe(
      true,
    );
    expect(() => convTranspose2dWithKernel("fast" as never, x, w)).toThrow(
      "convTranspose2d: kernel must be a function, got 'fast'",
    );
    expect(() => convTranspose2dWithKernel(convTranspose2dGemm, x, w, { algorithm: "fast" } as never)).toThrow(
      /unknown option 'algorithm'/,
    );
  });
});

describe("Keras entry points", () => {
  it("conv2dKeras 'same' pads the odd pixel at the bottom/right and returns NHWC", () => {
    const x = arange(16).reshape([1, 4, 4, 1]);
    const y = conv2dKeras(x, ones([2, 2, 1, 1]), { padding: "same", strides: 2 });
    expect(y.shape).toEqual([1, 2, 2, 1]);
    expect(y.reshape([2, 2]).toArray()).toEqual([
      [10, 18],
      [42, 50],
    ]);
    const z = conv2dKeras(arange(9).reshape([3, 3]), ones([2, 2]), { padding: "same" });
    expect(z.toArray()).toEqual([
      [8, 12, 7],
      [20, 24, 13],
      [13, 15, 8],
    ]);
    // a non-square 2-D image: 'same' keeps 2x4 with stride 1
    const r = conv2dKeras(arange(8).reshape([2, 4]), ones([1, 2]), { padding: "same" });
    expect(r.toArray()).toEqual([
      [1, 3, 5, 3],
      [9, 11, 13, 7],
    ]);
    expect(conv2dKeras(x, ones([3, 3, 1, 2]), { bias: tensor([0, 1]) }).shape).toEqual([1, 2, 2, 2]);
  });

  it("convTranspose2dKeras with outputPadding uses Keras' size formula", () => {
    // 'same', k=3, s=2, a=1: o = (2-1)*2 + 3 - 2*1 + 1 = 4; TF crops floor((5-4)/2) = 0 at the top.
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    const y = convTranspose2dKeras(x, ones([3, 3]), { strides: 2, padding: "same", outputPadding: 1 });
    expect(y.toArray()).toEqual([
      [1, 1, 3, 2],
      [1, 1, 3, 2],
      [4, 4, 10, 6],
      [3, 3, 7, 4],
    ]);
    // 'valid', a=1: o = (2-1)*2 + 3 + 1 = 6, a zero row/column at the end.
    const v = convTranspose2dKeras(x, ones([3, 3]), { strides: 2, outputPadding: 1 });
    expect(v.shape).toEqual([6, 6]);
    expect(v.get(5, 5)).toBe(0);
    expect(v.get(4, 4)).toBe(4);
    // a bias per filter, and a preallocated NHWC out
    const out = zeros([1, 4, 4, 2]);
    const b = convTranspose2dKeras(x.reshape([1, 2, 2, 1]), ones([3, 3, 2, 1]), {
      strides: 2,
      padding: "same",
      bias: tensor([0, 10]),
      out,
    });
    expect(b).toBe(out);
    expect(out.get(0, 2, 2, 1)).toBe(20);
  });
});

describe("bad input is refused with the parameter, the value and what is allowed", () => {
  const x = rand([1, 2, 3, 3]);
  const wc = rand([4, 2, 2, 2], { seed: 1 }); // conv2d weight (out=4, in=2)
  const wt = rand([2, 4, 2, 2], { seed: 1 }); // convTranspose2d weight (in=2, out=4)

  it("conv2d", () => {
    const cases: [() => unknown, ErrorConstructor, string | RegExp][] = [
      [() => conv2d(x, wc, { stride: 0 }), RangeError, "conv2d: stride must be an integer >= 1 or a pair [h, w] of them, got 0"],
      [
        () => conv2d(x, wc, { stride: [1, -2] }),
        RangeError,
        "conv2d: stride must be an integer >= 1 or a pair [h, w] of them, got [1, -2]",
      ],
      [
        () => conv2d(x, wc, { stride: 1.5 }),
        RangeError,
        "conv2d: stride must be an integer >= 1 or a pair [h, w] of them, got 1.5",
      ],
      [
        () => conv2d(x, wc, { stride: "2" as never }),
        TypeError,
        "conv2d: stride must be an integer >= 1 or a pair [h, w] of them, got '2'",
      ],
      [
        () => conv2d(x, wc, { dilation: 0 }),
        RangeError,
        "conv2d: dilation must be an integer >= 1 or a pair [h, w] of them, got 0",
      ],
      [
        () => conv2d(x, wc, { padding: -1 }),
        RangeError,
        "conv2d: padding must be an integer >= 0, [ph, pw] or [top, left, bottom, right] of them, got -1",
      ],
      [
        () => conv2d(x, wc, { padding: [1, 2, 3] as never }),
        TypeError,
        "conv2d: padding must be an integer >= 0, [ph, pw] or [top, left, bottom, right] of them, got [1, 2, 3]",
      ],
      [
        () => conv2d(x, rand([4, 2, 4, 4]), { padding: 0 }),
        RangeError,
        "conv2d: weight's kernel (dilated 4x4) must fit in the padded input (3x3), got kernel 4x4",
      ],
      [
        () => conv2d(x, wc, { dilation: 3 }),
        RangeError,
        "conv2d: weight's kernel (dilated 4x4) must fit in the padded input (3x3), got kernel 2x2",
      ],
      [
        () => conv2d(x, rand([4, 1, 2, 2]), { groups: 3 }),
        RangeError,
        "conv2d: groups must divide the input channels (2), got 3",
      ],
      [
        () => conv2d(x, rand([3, 1, 2, 2]), { groups: 2 }),
        RangeError,
        "conv2d: groups must divide the output channels (3), got 2",
      ],
      [() => conv2d(x, wc, { groups: 0 }), RangeError, "conv2d: groups must be an integer >= 1, got 0"],
      [
        () => conv2d(x, rand([4, 3, 2, 2])),
        RangeError,
        "conv2d: weight must have shape (out, in/groups=2, kh, kw) to match x's 2 channels, got [4, 3, 2, 2]",
      ],
      [
        () => conv2d(rand([2, 3, 3]), wc),
        RangeError,
        "conv2d: x must be a 2-D [H, W] or 4-D [N, C, H, W] tensor, got shape [2, 3, 3]",
      ],
      [
        () => conv2d(x, rand([4, 2, 2])),
        RangeError,
        "conv2d: weight must be a 2-D [kh, kw] or 4-D (out, in/groups, kh, kw) tensor, got shape [4, 2, 2]",
      ],
      [
        () => conv2d(x, rand([4, 2, 2, 2], { dtype: "float64" })),
        TypeError,
        "conv2d: weight must have dtype 'float32' like the input, got 'float64'",
      ],
      [
        () => conv2d(x, wc, { bias: ones([3]) }),
        RangeError,
        "conv2d: bias must be a 1-D tensor of length 4 (the output channels), got shape [3]",
      ],
      [
        () => conv2d(x, wc, { bias: ones([4], { dtype: "float64" }) }),
        TypeError,
        "conv2d: bias must have dtype 'float32' like the input, got 'float64'",
      ],
      [() => conv2d(x, wc, { bias: [1, 2, 3, 4] as never }), TypeError, "conv2d: bias must be a Tensor, got [1, 2, 3, 4]"],
      [
        () => conv2d(x, wc, { out: zeros([1, 4, 3, 3]) }),
        RangeError,
        "conv2d: out must have shape [1, 4, 2, 2], got [1, 4, 3, 3]",
      ],
      [
        () => conv2d(x, wc, { out: zeros([1, 4, 2, 2], { dtype: "float64" }) }),
        TypeError,
        "conv2d: out must have dtype 'float32' like the input, got 'float64'",
      ],
      [() => conv2d(x, wc, { out: {} as never }), TypeError, "conv2d: out must be a Tensor, got {}"],
      [
        () => conv2d(x, rand([2, 2, 1, 1]), { out: x }),
        RangeError,
        "conv2d: out must not share memory with x, got a tensor viewing the same data",
      ],
      [
        () => conv2d(rand([3, 3]), rand([2, 1, 2, 2])),
        RangeError,
        "conv2d: weight must make 1 output channel when x is a 2-D [H, W] image (pass x as 4-D for more), got shape [2, 1, 2, 2] making 2",
      ],
      [
        () => conv2d(x, wc, { strides: 2 } as never),
        TypeError,
        "conv2d: unknown option 'strides'; allowed options are 'stride', 'padding', 'dilation', 'groups', 'bias', 'out'",
      ],
      [() => conv2d([[1]] as never, wc), TypeError, "conv2d: x must be a Tensor, got [[1]]"],
      [() => conv2d(x, null as never), TypeError, "conv2d: weight must be a Tensor, got null"],
      [
        () => conv2d(zeros([1, 2, 0, 3]), wc),
        RangeError,
        "conv2d: x must have at least one channel, row and column, got shape [1, 2, 0, 3]",
      ],
    ];
    for (const [call, type, message] of cases) {
      expect(call).toThrow(type);
      expect(call).toThrow(message);
    }
  });

  it("convTranspose2d", () => {
    const cases: [() => unknown, ErrorConstructor, string | RegExp][] = [
      [
        () => convTranspose2d(x, wt, { stride: 0 }),
        RangeError,
        "convTranspose2d: stride must be an integer >= 1 or a pair [h, w] of them, got 0",
      ],
      [
        () => convTranspose2d(x, wt, { dilation: [1, 0] }),
        RangeError,
        "convTranspose2d: dilation must be an integer >= 1 or a pair [h, w] of them, got [1, 0]",
      ],
      [
        () => convTranspose2d(x, wt, { padding: [0, -1] }),
        RangeError,
        "convTranspose2d: padding must be an integer >= 0, [ph, pw] or [top, left, bottom, right] of them, got [0, -1]",
      ],
      [
        () => convTranspose2d(x, wt, { outputPadding: -1 }),
        RangeError,
        "convTranspose2d: outputPadding must be an integer >= 0 or a pair [h, w] of them, got -1",
      ],
      [
        () => convTranspose2d(x, wt, { stride: 2, outputPadding: 2 }),
        RangeError,
        "convTranspose2d: outputPadding must be smaller than stride or dilation in each axis (here < 2 in h and < 2 in w), got 2",
      ],
      [
        () => convTranspose2d(x, wt, { stride: [2, 1], outputPadding: [1, 1] }),
        RangeError,
        "convTranspose2d: outputPadding must be smaller than stride or dilation in each axis (here < 2 in h and < 1 in w), got [1, 1]",
      ],
      [
        () => convTranspose2d(x, wt, { stride: 1, dilation: 3, outputPadding: 3 }),
        RangeError,
        /here < 3 in h and < 3 in w\), got 3/,
      ],
      [
        () => convTranspose2d(x, wt, { padding: [2, 0, 2, 0] }),
        RangeError,
        "convTranspose2d: padding must leave a non-empty output (the full result is 4x4), got [2, 0, 2, 0] giving 0x4",
      ],
      [
        () => convTranspose2d(x, rand([2, 1, 2, 2]), { groups: 3 }),
        RangeError,
        "convTranspose2d: groups must divide the input channels (2), got 3",
      ],
      [() => convTranspose2d(x, wt, { groups: 1.5 }), RangeError, "convTranspose2d: groups must be an integer >= 1, got 1.5"],
      [
        () => convTranspose2d(x, rand([3, 4, 2, 2])),
        RangeError,
        "convTranspose2d: weight must have shape (in=2, out/groups, kh, kw) to match x's 2 channels, got [3, 4, 2, 2]",
      ],
      [
        () => convTranspose2d(rand([3]), wt),
        RangeError,
        "convTranspose2d: x must be a 2-D [H, W] or 4-D [N, C, H, W] tensor, got shape [3]",
      ],
      [
        () => convTranspose2d(x, rand([2, 4, 0, 2])),
        RangeError,
        "convTranspose2d: weight must not be empty, got shape [2, 4, 0, 2]",
      ],
      [
        () => convTranspose2d(x, rand([2, 4, 2, 2], { dtype: "float64" })),
        TypeError,
        "convTranspose2d: weight must have dtype 'float32' like the input, got 'float64'",
      ],
      [
        () => convTranspose2d(x, wt, { bias: ones([2]) }),
        RangeError,
        "convTranspose2d: bias must be a 1-D tensor of length 4 (the output channels), got shape [2]",
      ],
      [
        () => convTranspose2d(x, wt, { out: zeros([1, 4, 3, 3]) }),
        RangeError,
        "convTranspose2d: out must have shape [1, 4, 4, 4], got [1, 4, 3, 3]",
      ],
      [
        () => convTranspose2d(x.reshape([2, 3, 3]).reshape([1, 2, 3, 3]), rand([2, 2, 1, 1]), { out: x }),
        RangeError,
        "convTranspose2d: out must not share memory with x, got a tensor viewing the same data",
      ],
      [
        () => convTranspose2d(rand([3, 3]), rand([1, 3, 2, 2])),
        RangeError,
        "convTranspose2d: weight must make 1 output channel when x is a 2-D [H, W] image (pass x as 4-D for more), got shape [1, 3, 2, 2] making 3",
      ],
      [
        () => convTranspose2d(x, wt, { algorithm: "gemm" as never }),
        RangeError,
        "convTranspose2d: algorithm must be one of 'scatter', 'zero-insertion', 'matrix', 'fast', got 'gemm'",
      ],
      [
        () => convTranspose2d(x, wt, { output_padding: 1 } as never),
        TypeError,
        /convTranspose2d: unknown option 'output_padding'; allowed options are 'stride', 'padding', 'outputPadding'/,
      ],
      [() => convTranspose2d(x, wt, 5 as never), TypeError, "convTranspose2d: options must be an object, got 5"],
      [() => convTranspose2d(undefined as never, wt), TypeError, "convTranspose2d: x must be a Tensor, got undefined"],
      [
        () => convTranspose2d(zeros([1, 1, 64, 64]), zeros([1, 1, 3, 3]), { stride: 2, algorithm: "matrix" }),
        RangeError,
        "convTranspose2d: the convolution matrix would be 4096 x 16641 = 68161536 entries, more than the limit of 67108864; use algorithm 'fast' or 'scatter' for this size",
      ],
    ];
    for (const [call, type, message] of cases) {
      expect(call).toThrow(type);
      expect(call).toThrow(message);
    }
  });

  it("Keras entry points", () => {
    const xk = rand([1, 3, 3, 2]);
    const cases: [() => unknown, ErrorConstructor, string | RegExp][] = [
      [
        () => convTranspose2dKeras(xk, rand([3, 3, 4, 2]), { padding: "full" as never }),
        RangeError,
        "convTranspose2dKeras: padding must be 'valid' or 'same', got 'full'",
      ],
      [
        () => convTranspose2dKeras(xk, rand([3, 3, 4, 2]), { strides: 2, outputPadding: 2 }),
        RangeError,
        "convTranspose2dKeras: outputPadding must be smaller than strides in each axis (< 2 in h, < 2 in w), got 2",
      ],
      [
        () => convTranspose2dKeras(xk, rand([3, 3, 4, 3])),
        RangeError,
        "convTranspose2dKeras: kernel must have shape (kh, kw, filters, in=2) to match x's 2 channels, got [3, 3, 4, 3]",
      ],
      [
        () => convTranspose2dKeras(xk, rand([3, 3, 4])),
        RangeError,
        "convTranspose2dKeras: kernel must be a 2-D [kh, kw] or 4-D (kh, kw, filters, in) tensor, got shape [3, 3, 4]",
      ],
      [
        () => convTranspose2dKeras(xk, rand([2, 2, 4, 2]), { strides: 2, padding: "same", outputPadding: 0 }),
        RangeError,
        /outputPadding must give an output of ceil\(o \/ s\) = i with padding 'same' \(as TensorFlow requires\), got 0 in h, giving o = 4 for i = 3/,
      ],
      [
        () => convTranspose2dKeras(xk, rand([3, 3, 4, 2]), { stride: 2 } as never),
        TypeError,
        /convTranspose2dKeras: unknown option 'stride'; allowed options are 'strides'/,
      ],
      [
        () => convTranspose2dKeras(xk, rand([3, 3, 4, 2]), { dilationRate: 0 }),
        RangeError,
        "convTranspose2dKeras: dilationRate must be an integer >= 1 or a pair [h, w] of them, got 0",
      ],
      [
        () => convTranspose2dKeras(xk, rand([3, 3, 4, 2]), { bias: ones([2]) }),
        RangeError,
        "convTranspose2dKeras: bias must be a 1-D tensor of length 4 (the output channels), got shape [2]",
      ],
      [
        () => convTranspose2dKeras(xk, rand([3, 3, 4, 2]), { out: zeros([1, 5, 5, 3]) }),
        RangeError,
        "convTranspose2dKeras: out must have shape [1, 5, 5, 4], got [1, 5, 5, 3]",
      ],
      [
        () => conv2dKeras(xk, rand([3, 3, 3, 4])),
        RangeError,
        "conv2dKeras: kernel must have shape (kh, kw, in=2, filters) to match x's 2 channels, got [3, 3, 3, 4]",
      ],
      [
        () => conv2dKeras(xk, rand([4, 4, 2, 4])),
        RangeError,
        "conv2dKeras: weight's kernel (dilated 4x4) must fit in the padded input (3x3), got kernel 4x4",
      ],
      [
        () => conv2dKeras(xk, rand([3, 3, 2, 4]), { padding: "SAME" as never }),
        RangeError,
        "conv2dKeras: padding must be 'valid' or 'same', got 'SAME'",
      ],
      [() => conv2dKeras(xk, rand([3, 3, 2, 4]), { groups: 2 } as never), TypeError, /conv2dKeras: unknown option 'groups'/],
      [() => conv2dKeras("x" as never, rand([3, 3, 2, 4])), TypeError, "conv2dKeras: x must be a Tensor, got 'x'"],
      [
        () => convTranspose2dKeras(rand([2, 2, 2]), rand([3, 3])),
        RangeError,
        "convTranspose2dKeras: x must be a 2-D [H, W] or 4-D [N, H, W, C] tensor, got shape [2, 2, 2]",
      ],
      [
        () => convTranspose2dKeras(rand([1, 0, 2, 2]), rand([3, 3, 1, 2])),
        RangeError,
        "convTranspose2dKeras: x and kernel must not be empty, got shapes [1, 0, 2, 2] and [3, 3, 1, 2]",
      ],
      [
        () => convTranspose2dKeras(rand([3, 3]), rand([2, 2, 4, 1])),
        RangeError,
        "convTranspose2dKeras: kernel must make 1 output channel when x is a 2-D [H, W] image (pass x as 4-D for more), got shape [2, 2, 4, 1] making 4",
      ],
      [
        () => conv2dKeras(rand([3, 3]), rand([2, 2, 1, 5])),
        RangeError,
        "conv2dKeras: kernel must make 1 output channel when x is a 2-D [H, W] image (pass x as 4-D for more), got shape [2, 2, 1, 5] making 5",
      ],
      [
        () => conv2dKeras(rand([2, 2, 2]), rand([3, 3])),
        RangeError,
        "conv2dKeras: x must be a 2-D [H, W] or 4-D [N, H, W, C] tensor, got shape [2, 2, 2]",
      ],
    ];
    for (const [call, type, message] of cases) {
      expect(call).toThrow(type);
      expect(call).toThrow(message);
    }
  });
});
