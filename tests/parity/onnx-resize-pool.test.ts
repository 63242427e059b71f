// Parity with onnxruntime-node: Resize (linear in half_pixel / align_corners / asymmetric, and
// nearest = asymmetric + floor, PyTorch's 'nearest'), MaxPool with indices (ONNX indices are flat
// over NCHW; the library's are flat per plane) and MaxUnpool. 100+ seeded random cases per family.
import { describe, expect, it } from "vitest";
import { maxPool2d, maxUnpool2d, randn, upsampleBilinear, upsampleNearest, type CoordinateMode } from "../../src";
import { maxPoolModel, maxUnpoolModel, ONNX_COORDINATE_MODE, OrtModel, resizeModel } from "../../bench/peers/onnxModels";
import { caseRandom, CASES, f32, relativeError, onnxOutput } from "./parityHelpers";

const MODES: CoordinateMode[] = ["half-pixel", "align-corners", "asymmetric"];

describe("parity with onnxruntime: Resize", () => {
  for (const mode of MODES) {
    it(`linear, ${mode}: ${CASES} random sizes (up and down)`, async () => {
      const r = caseRandom(7100 + MODES.indexOf(mode));
      for (let i = 0; i < CASES; i++) {
        const [n, c, h, w] = [r.int(1, 2), r.int(1, 3), r.int(1, 7), r.int(1, 7)];
        const size: [number, number] = [r.int(1, 15), r.int(1, 15)];
        const x = randn([n, c, h, w], { seed: 500 + i });
        const ours = upsampleBilinear(x, { size, coordinates: mode });
        const theirs = await onnxOutput(resizeModel(x.shape, [n, c, ...size], "linear", ONNX_COORDINATE_MODE[mode]), x);
        const err = relativeError(f32(ours), theirs);
        if (!(err < 1e-5)) throw new Error(`case ${i}: error ${err} for ${JSON.stringify({ n, c, h, w, size, mode })}`);
      }
    });
  }

  it(`nearest (asymmetric, floor): ${CASES} random sizes and integer scales`, async () => {
    const r = caseRandom(7110);
    for (let i = 0; i < CASES; i++) {
      const [n, c, h, w] = [r.int(1, 2), r.int(1, 3), r.int(1, 7), r.int(1, 7)];
      const x = randn([n, c, h, w], { seed: 700 + i });
      const byScale = r.bool();
      const size: [number, number] = byScale ? [h * r.int(1, 3), w * r.int(1, 3)] : [r.int(1, 15), r.int(1, 15)];
      const ours = byScale ? upsampleNearest(x, { scale: [size[0] / h, size[1] / w] }) : upsampleNearest(x, { size });
      const theirs = await onnxOutput(resizeModel(x.shape, [n, c, ...size], "nearest", "asymmetric", "floor"), x);
      expect(ours.shape).toEqual([n, c, ...size]);
      expect(relativeError(f32(ours), theirs)).toBe(0);
    }
  });
});

describe("parity with onnxruntime: Resize nearest in half_pixel coordinates", () => {
  // The library's nearest upsampling has one convention (floor(dst * in / out)); for integer
  // factors ONNX half_pixel with round_prefer_floor picks the same pixels (the block copy of
  // Keras/TF2 UpSampling2D), since (dst + 0.5)/s - 0.5 never lands on a .5 there.
  it(`integer factors 1..4: ${CASES} random cases`, async () => {
    const r = caseRandom(7120);
    for (let i = 0; i < CASES; i++) {
      const [n, c, h, w] = [r.int(1, 2), r.int(1, 3), r.int(1, 6), r.int(1, 6)];
      const scale: [number, number] = [r.int(1, 4), r.int(1, 4)];
      const x = randn([n, c, h, w], { seed: 800 + i });
      const ours = upsampleNearest(x, { scale });
      const theirs = await onnxOutput(
        resizeModel(x.shape, [n, c, h * scale[0], w * scale[1]], "nearest", "half_pixel", "round_prefer_floor"),
        x,
      );
      expect(relativeError(f32(ours), theirs), JSON.stringify({ n, c, h, w, scale })).toBe(0);
    }
  });
});

describe("parity with onnxruntime: MaxPool with indices, MaxUnpool", () => {
  it(`MaxPool: ${CASES} random cases of kernel, stride, padding, dilation, ceil mode`, async () => {
    const r = caseRandom(7200);
    let done = 0;
    while (done < CASES) {
      const [n, c, h, w] = [r.int(1, 2), r.int(1, 3), r.int(2, 9), r.int(2, 9)];
      const kernel: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const stride: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const dilation: [number, number] = [r.int(1, 2), r.int(1, 2)];
      const pad: [number, number] = [r.int(0, kernel[0] >> 1), r.int(0, kernel[1] >> 1)];
      const ceilMode = r.bool();
      if (dilation[0] * (kernel[0] - 1) + 1 > h + 2 * pad[0] || dilation[1] * (kernel[1] - 1) + 1 > w + 2 * pad[1]) continue;
      const x = randn([n, c, h, w], { seed: 900 + done });
      const ours = maxPool2d(x, { kernelSize: kernel, stride, padding: pad, dilation, ceilMode });
      const model = await OrtModel.load(
        maxPoolModel({ x: x.shape, kernel, stride, pads: [pad[0], pad[1], pad[0], pad[1]], dilation, ceilMode }),
      );
      const out = await model.run({ X: { data: f32(x), dims: x.shape } });
      await model.release();
      const label = JSON.stringify({ n, c, h, w, kernel, stride, dilation, pad, ceilMode });
      expect((out.Y as Float32Array).length, label).toBe(ours.values.data.length);
      expect(relativeError(f32(ours.values), out.Y as Float32Array), label).toBe(0);
      // ONNX: flat over NCHW; the library (PyTorch): flat within each plane
      const [, , oh, ow] = ours.values.shape;
      const onnxIdx = out.I as BigInt64Array;
      const perPlane = Array.from(onnxIdx, (v, i) => Number(v) - Math.floor(i / (oh * ow)) * h * w);
      expect(Array.from(ours.indices.data), label).toEqual(perPlane);
      done++;
    }
  });

  it(`MaxUnpool: ${CASES} random cases, indices from MaxPool, explicit output size`, async () => {
    const r = caseRandom(7300);
    let done = 0;
    while (done < CASES) {
      const [n, c, h, w] = [r.int(1, 2), r.int(1, 3), r.int(2, 9), r.int(2, 9)];
      const kernel: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const stride: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const pad: [number, number] = [r.int(0, kernel[0] >> 1), r.int(0, kernel[1] >> 1)];
      if (kernel[0] > h + 2 * pad[0] || kernel[1] > w + 2 * pad[1]) continue;
      const x = randn([n, c, h, w], { seed: 1100 + done });
      const { values, indices } = maxPool2d(x, { kernelSize: kernel, stride, padding: pad });
      const ours = maxUnpool2d(values, indices, { kernelSize: kernel, stride, padding: pad, outputSize: [h, w] });
      expect(ours.shape).toEqual([n, c, h, w]);
      const [, , oh, ow] = values.shape;
      // onnxruntime first computes the default unpooled size (o-1)s + k - 2p and rejects it when
      // it is not positive, even with an explicit output shape: skip those (the library handles them).
      if ((oh - 1) * stride[0] + kernel[0] - 2 * pad[0] < 1 || (ow - 1) * stride[1] + kernel[1] - 2 * pad[1] < 1) continue;
      const flat = BigInt64Array.from(Array.from(indices.data, (v, i) => BigInt(v + Math.floor(i / (oh * ow)) * h * w)));
      const model = await OrtModel.load(
        maxUnpoolModel(values.shape, { kernel, stride, pads: [pad[0], pad[1], pad[0], pad[1]] }, [n, c, h, w]),
      );
      const theirs = (await model.run({ X: { data: f32(values), dims: values.shape }, I: { data: flat, dims: values.shape } }))
        .Y as Float32Array;
      await model.release();
      expect(relativeError(f32(ours), theirs), JSON.stringify({ n, c, h, w, kernel, stride, pad })).toBe(0);
      done++;
    }
  });
});
