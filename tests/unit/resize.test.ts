// resize: worked values of each convention (the numbers the frameworks' documentation gives) and
// its validation; results too large fail before allocating for every resample op.
import { describe, expect, it } from "vitest";
import { bedOfNails, full, resize, tensor, upsampleBilinear, upsampleNearest, zeros } from "../../src";

const row = (values: number[]) => tensor([[values]]); // [1, 1, L]
const list = (t: { data: ArrayLike<number> }) => Array.from(t.data);

describe("resize conventions, worked by hand", () => {
  it("nearest shrinking 4 -> 3: PyTorch 'nearest' floor(dst * 4/3) vs 'nearest-exact' floor((dst + 0.5) * 4/3)", () => {
    const x = row([10, 20, 30, 40]);
    expect(list(resize(x, { size: 3, preset: "pytorch" }))).toEqual([10, 20, 30]);
    expect(list(resize(x, { size: 3, mode: "nearest-exact" }))).toEqual([10, 30, 40]);
    // ONNX default: half-pixel + round_prefer_floor: sources -1/6+..., 0.1667, 1.5 (tie -> 1), 2.8333
    expect(list(resize(x, { size: 3 }))).toEqual([10, 20, 40]);
    // TF1 align_corners=True: dst * 3/2, ties rounded up (0, 1.5 -> 2, 3)
    expect(list(resize(x, { size: 3, coordinates: "align-corners", rounding: "round-prefer-ceil" }))).toEqual([10, 30, 40]);
  });

  it("linear x2 in each coordinate transform", () => {
    const x = row([0, 4]);
    expect(list(resize(x, { scale: 2, mode: "linear" }))).toEqual([0, 1, 3, 4]);
    expect(list(resize(x, { scale: 2, mode: "linear", coordinates: "asymmetric" }))).toEqual([0, 2, 4, 4]);
    expect(list(resize(x, { scale: 2, mode: "linear", coordinates: "align-corners" })).map((v) => +v.toFixed(5))).toEqual([
      0, 1.33333, 2.66667, 4,
    ]);
  });

  it("a fractional scale is used as given in the transform (ONNX), not out/in", () => {
    // 3 * 1.5 = 4.5 -> 4 outputs; asymmetric sources dst / 1.5 = 0, 0.667, 1.333, 2
    const y = resize(row([0, 3, 6]), { scale: 1.5, mode: "linear", coordinates: "asymmetric" });
    expect(list(y).map((v) => +v.toFixed(4))).toEqual([0, 2, 4, 6]);
    // with size 4 the scale is 4/3: sources 0, 0.75, 1.5, 2.25 -> clamped at 2
    expect(list(resize(row([0, 3, 6]), { size: 4, mode: "linear", coordinates: "asymmetric" }))).toEqual([0, 2.25, 4.5, 6]);
  });

  it("cubic x2 of a step: -0.75 (PyTorch) overshoots more than -0.5 (Keras, outside excluded)", () => {
    const x = row([0, 0, 1, 1]);
    const torch = list(resize(x, { scale: 2, mode: "cubic", preset: "pytorch" }));
    const keras = list(resize(x, { scale: 2, mode: "cubic", preset: "keras" }));
    // output 1 reads source 0.25: taps -1..2 at distances 1.25, 0.25, 0.75, 1.75; only tap 2 is 1
    expect(torch[1]).toBeCloseTo(-0.03515625, 7); // K(1.75) with A = -0.75
    expect(keras[1]).toBeCloseTo(-0.0234375 / 1.0703125, 7); // K(1.75) with A = -0.5, tap -1 (K(1.25)) excluded
  });

  it("area shrinking 4 -> 2 averages pairs; antialiased linear shrinking x0.5 is the [1,3,3,1]/8 filter with edges", () => {
    expect(list(resize(row([1, 3, 5, 7]), { scale: 0.5, mode: "area" }))).toEqual([2, 6]);
    // 5 -> 3: TF weighs the overlaps of [0, 5/3), [5/3, 10/3), [10/3, 5); PyTorch averages bins [0, 2), [1, 4), [3, 5)
    const tfArea = list(resize(row([0, 3, 6, 9, 12]), { size: 3, mode: "area" }));
    expect(tfArea.map((v) => +v.toFixed(4))).toEqual([1.2, 6, 10.8]);
    expect(list(resize(row([0, 3, 6, 9, 12]), { size: 3, mode: "area", preset: "pytorch" }))).toEqual([1.5, 6, 10.5]);
    // sources 0.5 and 2.5, triangle of half-width 2: taps -1..2 with 1/8, 3/8, 3/8, 1/8, index -1 reads the edge
    expect(list(resize(row([1, 3, 5, 7]), { scale: 0.5, mode: "linear", antialias: true }))).toEqual([2.25, 5.75]);
    const excluded = list(resize(row([1, 3, 5, 7]), { scale: 0.5, mode: "linear", antialias: true, excludeOutside: true }));
    expect(excluded[0]).toBeCloseTo((3 * 1 + 3 * 3 + 5) / 7, 6);
    expect(excluded[1]).toBeCloseTo((3 + 3 * 5 + 3 * 7) / 7, 6);
  });

  it("channels-last equals channels-first transposed; 3-D trilinear of a constant stays constant", () => {
    const x = tensor([
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ]); // [1, 1, 2, 2]
    const first = resize(x, { scale: 2, mode: "cubic" });
    const last = resize(x.reshape([1, 2, 2, 1]), { scale: 2, mode: "cubic", layout: "channels-last" });
    expect(list(last)).toEqual(list(first));
    const cube = resize(full([1, 2, 2, 3, 2], 5), { scale: [2, 1.5, 3], mode: "linear" });
    expect(cube.shape).toEqual([1, 2, 4, 4, 6]);
    expect(list(cube).every((v) => Math.abs(v - 5) < 1e-6)).toBe(true);
  });
});

describe("resize validation", () => {
  const x = zeros([1, 1, 4, 4]);
  it("names the option, the value and what is allowed", () => {
    expect(() => resize(x, { scale: 2, mode: "bicubic" as never })).toThrow(/resize: mode must be 'nearest', .*got 'bicubic'/);
    expect(() => resize(x, { scale: 2, coordinates: "half_pixel" as never })).toThrow(
      /coordinates must be 'half-pixel'.*got 'half_pixel'/,
    );
    expect(() => resize(x, { scale: 2, rounding: "round" as never })).toThrow(/rounding must be 'floor'/);
    expect(() => resize(x, { scale: 2, preset: "torch" as never })).toThrow(
      /preset must be 'onnx', 'pytorch', 'keras', 'tf1', got 'torch'/,
    );
    expect(() => resize(x, { scale: 2, cubicCoefficient: Number.NaN })).toThrow(/cubicCoefficient must be a finite number/);
    expect(() => resize(x, { scale: 2, antialias: 1 as never })).toThrow(/antialias must be true or false, got 1/);
    expect(() => resize(x, { scale: 0 })).toThrow(/scale must be a finite number > 0.*got 0/);
    expect(() => resize(x, { scale: [2, 2, 2] })).toThrow(/scale must be .*an array of 2 of them.*got \[2, 2, 2\]/);
    expect(() => resize(x, { scale: 0.1 })).toThrow(/floor\(4 \* 0.1\) = 0/);
    expect(() => resize(x, { size: [2.5, 2] })).toThrow(/size must be an integer >= 1/);
    expect(() => resize(x, { scale: 2, size: 3 })).toThrow(/exactly one of scale or size, got both/);
    expect(() => resize(x, {} as never)).toThrow(/got neither/);
    expect(() => resize(x, { scale: 2, bogus: 1 } as never)).toThrow(/unknown option 'bogus'/);
    expect(() => resize(zeros([4]), { scale: 2 })).toThrow(/x must be \[H, W\], \[N, C, L\].*got shape \[4\]/);
    expect(() => resize(zeros([2, 2]), { scale: 2, layout: "channels-last" })).toThrow(/no channel axis/);
    expect(() => resize(zeros([1, 1, 4]), { scale: 2, layout: "NHWC" })).toThrow(/4-D layout but x has rank 3/);
    expect(() => resize(zeros([1, 1, 0, 3]), { size: [2, 2] })).toThrow(/cannot resize an empty axis/);
    expect(() => resize(x, { scale: 1, out: x })).toThrow(/resize: out must not share memory with x/);
    expect(() => resize(x, { scale: 2, out: zeros([1, 1, 8, 7]) })).toThrow(/resize: out must have shape \[1, 1, 8, 8\]/);
  });

  it("a result too large to allocate fails before allocating, naming the op and the shape (every resample op)", () => {
    expect(() => resize(x, { scale: 1e6 })).toThrow(/resize: the result would have shape \[1, 1, 4000000, 4000000\]/);
    expect(() => upsampleNearest(zeros([2, 2]), { scale: 1e6 })).toThrow(
      /upsampleNearest: the result would have shape \[2000000, 2000000\]/,
    );
    expect(() => upsampleBilinear(zeros([2, 2]), { size: [1e6, 1e6] })).toThrow(/upsampleBilinear: the result would have shape/);
    expect(() => bedOfNails(zeros([2, 2]), { scale: 1e6 })).toThrow(/bedOfNails: the result would have shape/);
  });
});
