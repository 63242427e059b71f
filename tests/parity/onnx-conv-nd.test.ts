// Parity with onnxruntime-node for 1-D and 3-D Conv and ConvTranspose (ONNX = PyTorch semantics):
// stride, asymmetric pads (begins then ends), output_padding, dilations, group, bias and batch;
// 100 seeded random cases per family, one model (session) per case.
import { describe, expect, it } from "vitest";
import { conv1d, conv3d, convTranspose1d, convTranspose3d, randn, type Tensor } from "../../src";
import { OrtModel } from "../../bench/peers/onnxModels";
import { convNdModel } from "./onnxNdModels";
import { caseRandom, CASES, f32, relativeError, onnxOutput } from "./parityHelpers";

type Op = (x: Tensor, w: Tensor, options: Record<string, unknown>) => Tensor;
const OURS: Record<string, Op> = {
  "ConvTranspose 1": (x, w, o) => convTranspose1d(x, w, o as never),
  "ConvTranspose 3": (x, w, o) => convTranspose3d(x, w, o as never),
  "Conv 1": (x, w, o) => conv1d(x, w, o as never),
  "Conv 3": (x, w, o) => conv3d(x, w, o as never),
};

for (const op of ["ConvTranspose", "Conv"] as const) {
  for (const rank of [1, 3]) {
    describe(`parity with onnxruntime: ${op} ${rank}-D`, () => {
      it(`${CASES} random cases: stride, asymmetric pads, ${op === "ConvTranspose" ? "output_padding, " : ""}dilations, group, bias, batch`, async () => {
        const r = caseRandom(7100 + rank * 10 + (op === "Conv" ? 1 : 0));
        const maxSize = rank === 1 ? 9 : 4;
        const axes = (min: number, max: number) => Array.from({ length: rank }, () => r.int(min, max));
        let done = 0;
        while (done < CASES) {
          const group = r.int(1, 3);
          const [n, cinG, coutG] = [r.int(1, 2), r.int(1, 3), r.int(1, 3)];
          const size = axes(1, maxSize);
          const kernel = axes(1, rank === 1 ? 4 : 3);
          const strides = axes(1, 3);
          const dilations = axes(1, 2);
          const pads = axes(0, 2).concat(axes(0, 2));
          // onnxruntime requires output_padding < stride (PyTorch also allows < dilation: the property tests cover it)
          const outputPadding = strides.map((s) => r.int(0, s - 1));
          const span = kernel.map((k, a) => dilations[a] * (k - 1) + 1);
          const outSize =
            op === "ConvTranspose"
              ? size.map((i, a) => (i - 1) * strides[a] + span[a] - pads[a] - pads[rank + a] + outputPadding[a])
              : size.map((i, a) => Math.floor((i + pads[a] + pads[rank + a] - span[a]) / strides[a]) + 1);
          if (outSize.some((o) => !(o >= 1))) continue;
          if (op === "Conv" && size.some((i, a) => i + pads[a] + pads[rank + a] < span[a])) continue;
          const seed = 100 + done;
          const x = randn([n, group * cinG, ...size], { seed });
          const wShape = op === "ConvTranspose" ? [group * cinG, coutG, ...kernel] : [group * coutG, cinG, ...kernel];
          const weight = randn(wShape, { seed: seed + 1 });
          const bias = r.bool() ? randn([group * coutG], { seed: seed + 2 }) : undefined;
          const options: Record<string, unknown> = { stride: strides, padding: pads, dilation: dilations, groups: group, bias };
          if (op === "ConvTranspose") options.outputPadding = outputPadding;
          const ours = OURS[`${op} ${rank}`](x, weight, options);
          expect(ours.shape).toEqual([n, group * coutG, ...outSize]);
          const theirs = await onnxOutput(
            convNdModel(op, {
              x: x.shape,
              weight: { dims: weight.shape, values: f32(weight) },
              bias: bias && f32(bias),
              strides,
              pads,
              dilations,
              group,
              outputPadding: op === "ConvTranspose" ? outputPadding : undefined,
            }),
            x,
          );
          const err = relativeError(f32(ours), theirs);
          if (!(err < 1e-5)) {
            throw new Error(
              `case ${done}: relative error ${err} for ${JSON.stringify({ n, group, cinG, coutG, size, kernel, strides, dilations, pads, outputPadding })}`,
            );
          }
          done++;
        }
        expect(done).toBe(CASES);
      });
    });
  }
}

// The ONNX spec lets each output_padding be smaller than "the corresponding stride/dilation" and
// sizes the output (i - 1) s + output_padding + (k - 1) d + 1 - pads, as PyTorch does (smaller than
// the stride or the dilation). onnxruntime accepts only output_padding < stride: the library follows
// the spec and PyTorch, and this pins onnxruntime's refusal.
describe("onnxruntime deviation: ConvTranspose output_padding >= stride (but < dilation)", () => {
  it("the library extends the output by zeros; onnxruntime refuses the model at run time", async () => {
    const x = randn([1, 1, 3], { seed: 1 });
    const weight = randn([1, 1, 2], { seed: 2 });
    const plain = convTranspose1d(x, weight, { dilation: 2 });
    const padded = convTranspose1d(x, weight, { dilation: 2, outputPadding: 1 });
    expect(padded.shape).toEqual([1, 1, 6]);
    expect(Array.from(padded.data)).toEqual([...Array.from(plain.data), 0]);
    const model = await OrtModel.load(
      convNdModel("ConvTranspose", {
        x: x.shape,
        weight: { dims: weight.shape, values: f32(weight) },
        strides: [1],
        pads: [0, 0],
        dilations: [2],
        group: 1,
        outputPadding: [1],
      }),
    );
    await expect(model.run({ X: { data: f32(x), dims: x.shape } })).rejects.toThrow(
      /output_padding \(1\) may be too large for stride \(1\)/,
    );
    await model.release();
  });
});
