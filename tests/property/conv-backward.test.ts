// Gradients of convTranspose2d checked against central finite differences (float64),
// and used to learn a kernel by gradient descent.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conv2d, convTranspose2d, convTranspose2dBackward, randn, type Tensor, tensor, zeros } from "../../src";
import { dot } from "./convNdReference";
import { expectFiniteDifferenceGradient } from "./finiteDifferences";

describe("convTranspose2dBackward", () => {
  it("matches finite differences for input, weight and bias on random geometries", () => {
    fc.assert(
      fc.property(
        fc.record({
          batch: fc.integer({ min: 1, max: 2 }),
          groups: fc.integer({ min: 1, max: 2 }),
          cinG: fc.integer({ min: 1, max: 2 }),
          coutG: fc.integer({ min: 1, max: 2 }),
          h: fc.integer({ min: 1, max: 3 }),
          w: fc.integer({ min: 1, max: 3 }),
          k: fc.integer({ min: 1, max: 3 }),
          s: fc.integer({ min: 1, max: 3 }),
          d: fc.integer({ min: 1, max: 2 }),
          crop: fc.tuple(fc.nat(1), fc.nat(1), fc.nat(1), fc.nat(1)),
          aFrac: fc.double({ min: 0, max: 0.999, noNaN: true }),
          seed: fc.nat(10_000),
        }),
        (c) => {
          const a = Math.floor(c.aFrac * Math.max(c.s, c.d));
          const o = (c.h - 1) * c.s + c.d * (c.k - 1) + 1 + a;
          fc.pre(o - c.crop[0] - c.crop[2] >= 1 && (c.w - 1) * c.s + c.d * (c.k - 1) + 1 + a - c.crop[1] - c.crop[3] >= 1);
          const x = randn([c.batch, c.groups * c.cinG, c.h, c.w], { seed: c.seed, dtype: "float64" });
          const weight = randn([c.groups * c.cinG, c.coutG, c.k, c.k], { seed: c.seed + 1, dtype: "float64" });
          const bias = randn([c.groups * c.coutG], { seed: c.seed + 2, dtype: "float64" });
          const options = { stride: c.s, dilation: c.d, padding: c.crop, outputPadding: a, groups: c.groups, bias };
          const y = convTranspose2d(x, weight, options);
          const cw = randn([...y.shape], { seed: c.seed + 3, dtype: "float64" });
          // L(y) = sum(cw * y), so dL/dy = cw
          const loss = () => dot(convTranspose2d(x, weight, options).data, cw.data);
          const grads = convTranspose2dBackward(x, weight, cw, options);
          expectFiniteDifferenceGradient(grads.gradInput, x, loss, "gradInput");
          expectFiniteDifferenceGradient(grads.gradWeight, weight, loss, "gradWeight");
          expectFiniteDifferenceGradient(grads.gradBias as Tensor, bias, loss, "gradBias");
        },
      ),
      { numRuns: 100, seed: 42 },
    );
  });

  it("gradInput is conv2d(gradOutput, weight) when outputPadding is 0", () => {
    const x = randn([2, 4, 3, 3], { seed: 1, dtype: "float64" });
    const weight = randn([4, 3, 3, 3], { seed: 2, dtype: "float64" });
    const options = { stride: 2, padding: [1, 0, 0, 1] as [number, number, number, number], groups: 2 };
    const gy = randn([...convTranspose2d(x, weight, options).shape], { seed: 3, dtype: "float64" });
    const { gradInput, gradBias } = convTranspose2dBackward(x, weight, gy, options);
    expect(gradBias).toBeUndefined();
    expect(gradInput.allClose(conv2d(gy, weight, options), 1e-12, 1e-12)).toBe(true);
  });

  it("learns a kernel by gradient descent (2-D tensors)", () => {
    const x = tensor(
      [
        [1, 2, 0],
        [0, 1, 3],
        [2, 0, 1],
      ],
      { dtype: "float64" },
    );
    const target = tensor(
      [
        [0.5, -1],
        [2, 1],
      ],
      { dtype: "float64" },
    );
    const y = convTranspose2d(x, target, { stride: 2, padding: 1 });
    let w = zeros([2, 2], { dtype: "float64" });
    for (let step = 0; step < 300; step++) {
      const diff = convTranspose2d(x, w, { stride: 2, padding: 1 });
      for (let i = 0; i < diff.size; i++) diff.data[i] -= y.data[i]; // dL/dy of L = |y - target|^2 / 2
      const { gradWeight } = convTranspose2dBackward(x, w, diff, { stride: 2, padding: 1 });
      expect(gradWeight.shape).toEqual([2, 2]);
      const next = w.clone();
      for (let i = 0; i < next.size; i++) next.data[i] -= 0.05 * gradWeight.data[i];
      w = next;
    }
    expect(w.allClose(target, 1e-6, 1e-6)).toBe(true);
  });

  it("rejects a gradOutput of the wrong shape or dtype, and output-only options", () => {
    const x = randn([1, 1, 2, 2], { seed: 1 });
    const w = randn([1, 1, 3, 3], { seed: 2 });
    expect(() => convTranspose2dBackward(x, w, zeros([1, 1, 3, 3]))).toThrow(
      "convTranspose2dBackward: gradOutput must have the forward output's shape [1, 1, 4, 4], got [1, 1, 3, 3]",
    );
    expect(() => convTranspose2dBackward(x, w, zeros([1, 1, 4, 4], { dtype: "float64" }))).toThrow(
      "convTranspose2dBackward: gradOutput must have dtype 'float32' like the input, got 'float64'",
    );
    expect(() => convTranspose2dBackward(x, w, zeros([1, 1, 4, 4]), { out: zeros([1, 1, 2, 2]) } as never)).toThrow(
      /convTranspose2dBackward: unknown option 'out'/,
    );
    expect(() => convTranspose2dBackward(x, w, "g" as never)).toThrow(
      "convTranspose2dBackward: gradOutput must be a Tensor, got 'g'",
    );
    expect(() => convTranspose2dBackward(x, w, zeros([1, 1, 4, 4]), { stride: 0 })).toThrow(/stride must be an integer >= 1/);
  });
});
