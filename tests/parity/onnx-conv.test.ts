// Parity with onnxruntime-node (ONNX = PyTorch semantics): ConvTranspose with asymmetric pads,
// output_padding, dilations, group, bias and batch; and Conv. 100+ seeded random cases each,
// one model (session) per case, models written in code by bench/peers/onnx.ts.
import { describe, expect, it } from "vitest";
import { conv2d, convTranspose2d, randn, type Tensor } from "../../src";
import { convModelBytes, convTransposeModel } from "../../bench/peers/onnxModels";
import { caseRandom, CASES, f32, relativeError, onnxOutput } from "./parityHelpers";

describe("parity with onnxruntime: ConvTranspose", () => {
  it(`${CASES} random cases: stride, asymmetric pads, output_padding, dilation, group, bias, batch`, async () => {
    const r = caseRandom(7001);
    let done = 0;
    while (done < CASES) {
      const groups = r.int(1, 3);
      const [n, cinG, coutG] = [r.int(1, 2), r.int(1, 3), r.int(1, 3)];
      const [h, w, kh, kw] = [r.int(1, 6), r.int(1, 6), r.int(1, 4), r.int(1, 4)];
      const stride: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const dilation: [number, number] = [r.int(1, 2), r.int(1, 2)];
      const pads: [number, number, number, number] = [r.int(0, 2), r.int(0, 2), r.int(0, 2), r.int(0, 2)];
      // ONNX (onnxruntime) requires output_padding < stride; PyTorch also allows < dilation,
      // which the property tests cover against the scatter reference.
      const outputPadding: [number, number] = [r.int(0, stride[0] - 1), r.int(0, stride[1] - 1)];
      const outH = (h - 1) * stride[0] + dilation[0] * (kh - 1) + 1 - pads[0] - pads[2] + outputPadding[0];
      const outW = (w - 1) * stride[1] + dilation[1] * (kw - 1) + 1 - pads[1] - pads[3] + outputPadding[1];
      if (outH < 1 || outW < 1) continue;
      const seed = 100 + done;
      const x = randn([n, groups * cinG, h, w], { seed });
      const weight = randn([groups * cinG, coutG, kh, kw], { seed: seed + 1 });
      const bias: Tensor | undefined = r.bool() ? randn([groups * coutG], { seed: seed + 2 }) : undefined;
      const ours = convTranspose2d(x, weight, { stride, padding: pads, outputPadding, dilation, groups, bias });
      expect(ours.shape).toEqual([n, groups * coutG, outH, outW]);
      const theirs = await onnxOutput(
        convTransposeModel(
          {
            x: x.shape,
            weight: { dims: weight.shape, values: f32(weight) },
            bias: bias && f32(bias),
            stride,
            pads,
            dilation,
            groups,
            outputPadding,
          },
          ours.shape,
        ),
        x,
      );
      const err = relativeError(f32(ours), theirs);
      if (!(err < 1e-5)) {
        throw new Error(
          `case ${done}: relative error ${err} for ${JSON.stringify({ n, groups, cinG, coutG, h, w, kh, kw, stride, dilation, pads, outputPadding })}`,
        );
      }
      done++;
    }
    expect(done).toBe(CASES);
  });
});

describe("parity with onnxruntime: Conv", () => {
  it(`${CASES} random cases: stride, asymmetric pads, dilation, group, bias, batch`, async () => {
    const r = caseRandom(7002);
    let done = 0;
    while (done < CASES) {
      const groups = r.int(1, 3);
      const [n, cinG, coutG] = [r.int(1, 2), r.int(1, 3), r.int(1, 3)];
      const [h, w, kh, kw] = [r.int(1, 9), r.int(1, 9), r.int(1, 4), r.int(1, 4)];
      const stride: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const dilation: [number, number] = [r.int(1, 2), r.int(1, 2)];
      const pads: [number, number, number, number] = [r.int(0, 2), r.int(0, 2), r.int(0, 2), r.int(0, 2)];
      const spanH = dilation[0] * (kh - 1) + 1;
      const spanW = dilation[1] * (kw - 1) + 1;
      if (h + pads[0] + pads[2] < spanH || w + pads[1] + pads[3] < spanW) continue;
      const outH = Math.floor((h + pads[0] + pads[2] - spanH) / stride[0]) + 1;
      const outW = Math.floor((w + pads[1] + pads[3] - spanW) / stride[1]) + 1;
      const seed = 300 + done;
      const x = randn([n, groups * cinG, h, w], { seed });
      const weight = randn([groups * coutG, cinG, kh, kw], { seed: seed + 1 });
      const bias: Tensor | undefined = r.bool() ? randn([groups * coutG], { seed: seed + 2 }) : undefined;
      const ours = conv2d(x, weight, { stride, padding: pads, dilation, groups, bias });
      expect(ours.shape).toEqual([n, groups * coutG, outH, outW]);
      const theirs = await onnxOutput(
        convModelBytes(
          {
            x: x.shape,
            weight: { dims: weight.shape, values: f32(weight) },
            bias: bias && f32(bias),
            stride,
            pads,
            dilation,
            groups,
          },
          ours.shape,
        ),
        x,
      );
      const err = relativeError(f32(ours), theirs);
      if (!(err < 1e-5)) {
        throw new Error(
          `case ${done}: relative error ${err} for ${JSON.stringify({ n, groups, cinG, coutG, h, w, kh, kw, stride, dilation, pads })}`,
        );
      }
      done++;
    }
    expect(done).toBe(CASES);
  });
});
