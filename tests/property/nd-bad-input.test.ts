// Any value for any option of the 1-D/3-D convolutions and the pooling ops either works or fails
// with the library's own TypeError/RangeError naming the op: never a crash, a hang or NaN sizes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  avgPool1d,
  avgPool2d,
  avgPool3d,
  conv1d,
  conv3d,
  convTranspose1d,
  convTranspose3d,
  maxPool1d,
  maxPool2d,
  maxPool3d,
  maxUnpool1d,
  maxUnpool3d,
  randn,
  type Tensor,
} from "../../src";

const x1 = randn([1, 2, 6], { seed: 1 });
const x2 = randn([1, 2, 5, 6], { seed: 2 });
const x3 = randn([1, 2, 3, 4, 5], { seed: 3 });
const w1 = randn([2, 2, 3], { seed: 4 });
const w3 = randn([2, 2, 2, 2, 2], { seed: 5 });
const pooled1 = maxPool1d(x1, { kernelSize: 2 });
const pooled3 = maxPool3d(x3, { kernelSize: 1 });

const OPS: Record<string, { names: string[]; run: (o: Record<string, unknown>) => unknown }> = {
  conv1d: { names: ["stride", "padding", "dilation", "groups", "bias"], run: (o) => conv1d(x1, w1, o as never) },
  convTranspose1d: {
    names: ["stride", "padding", "outputPadding", "dilation", "groups", "algorithm"],
    run: (o) => convTranspose1d(x1, w1, o as never),
  },
  conv3d: { names: ["stride", "padding", "dilation", "groups"], run: (o) => conv3d(x3, w3, o as never) },
  convTranspose3d: {
    names: ["stride", "padding", "outputPadding", "dilation", "groups", "algorithm"],
    run: (o) => convTranspose3d(x3, w3, o as never),
  },
  maxPool1d: {
    names: ["kernelSize", "stride", "padding", "dilation", "ceilMode", "indexConvention"],
    run: (o) => maxPool1d(x1, o as never),
  },
  maxPool2d: {
    names: ["kernelSize", "stride", "padding", "dilation", "ceilMode", "indexConvention", "layout"],
    run: (o) => maxPool2d(x2, o as never),
  },
  maxPool3d: {
    names: ["kernelSize", "stride", "padding", "dilation", "ceilMode", "indexConvention"],
    run: (o) => maxPool3d(x3, o as never),
  },
  avgPool1d: {
    names: ["kernelSize", "stride", "padding", "dilation", "ceilMode", "countIncludePad"],
    run: (o) => avgPool1d(x1, o as never),
  },
  avgPool2d: {
    names: ["kernelSize", "stride", "padding", "ceilMode", "countIncludePad", "layout"],
    run: (o) => avgPool2d(x2, o as never),
  },
  avgPool3d: { names: ["kernelSize", "stride", "padding", "ceilMode", "countIncludePad"], run: (o) => avgPool3d(x3, o as never) },
  maxUnpool1d: {
    names: ["kernelSize", "stride", "padding", "outputSize", "indexConvention"],
    run: (o) => maxUnpool1d(pooled1.values, pooled1.indices, o as never),
  },
  maxUnpool3d: {
    names: ["kernelSize", "stride", "padding", "outputSize", "indexConvention"],
    run: (o) => maxUnpool3d(pooled3.values, pooled3.indices, o as never),
  },
};

/** Plausible and implausible option values: small and huge integers, lists of them, strings, NaN, objects. */
const value = fc.oneof(
  fc.integer({ min: -2, max: 4 }),
  fc.constantFrom(1e6, 2 ** 31, Number.NaN, Number.POSITIVE_INFINITY, 1.5, -0, "same", "valid", "NHWC", "onnx", "tf", true, null),
  fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 7 }),
  fc.anything({ maxDepth: 1 }),
);

describe("bad input to the 1-D/3-D and pooling ops", () => {
  for (const [fn, op] of Object.entries(OPS)) {
    it(`${fn}: works or throws its own error`, () => {
      fc.assert(
        fc.property(fc.dictionary(fc.constantFrom(...op.names), value, { maxKeys: 4 }), (options) => {
          const o: Record<string, unknown> = { ...options };
          if (fn.startsWith("maxPool") || fn.startsWith("avgPool") || fn.startsWith("maxUnpool")) o.kernelSize ??= 2;
          let result: unknown;
          try {
            result = op.run(o);
          } catch (e) {
            expect(e instanceof TypeError || e instanceof RangeError, String(e)).toBe(true);
            expect((e as Error).message.startsWith(`${fn}: `), (e as Error).message).toBe(true);
            return;
          }
          const tensors = (result as { values?: Tensor }).values ? [(result as { values: Tensor }).values] : [result as Tensor];
          for (const t of tensors) expect(t.shape.every((d) => Number.isInteger(d) && d >= 1)).toBe(true);
        }),
        { numRuns: 200, seed: 1700 },
      );
    });
  }
});
