// Parity with onnxruntime-node for the pooling options in 1-D, 2-D and 3-D: MaxPool values and
// indices (whole-tensor, storage_order 0 and 1) with asymmetric pads, auto_pad, ceil_mode and
// dilations; MaxUnpool taking ONNX's indices back; AveragePool (opset 19) with count_include_pad and dilations.
// 100+ seeded cases per family, one model (session) per case.
import { describe, expect, it } from "vitest";
import {
  avgPool1d,
  avgPool2d,
  avgPool3d,
  maxPool1d,
  maxPool2d,
  maxPool3d,
  maxUnpool1d,
  maxUnpool2d,
  maxUnpool3d,
  randn,
  Tensor,
} from "../../src";
import { maxUnpoolModel, OrtModel } from "../../bench/peers/onnxModels";
import { maxUnpoolNdModel, poolNdModel } from "./onnxNdModels";
import { caseRandom, CASES, f32, relativeError } from "./parityHelpers";

type Max = (x: Tensor, o: object) => { values: Tensor; indices: Tensor };
type Avg = (x: Tensor, o: object) => Tensor;
const MAX: Record<number, Max> = { 1: maxPool1d as Max, 2: maxPool2d as Max, 3: maxPool3d as Max };
const AVG: Record<number, Avg> = { 1: avgPool1d as Avg, 2: avgPool2d as Avg, 3: avgPool3d as Avg };
const AUTO = { SAME_UPPER: "same", SAME_LOWER: "same-lower", VALID: "valid" } as const;

/** One random pooling setting; `null` when some window would cover only padding (see below). */
function drawCase(r: ReturnType<typeof caseRandom>, rank: number, withDilation: boolean) {
  const axes = (min: number, max: number) => Array.from({ length: rank }, () => r.int(min, max));
  const size = axes(1, rank === 3 ? 5 : 9);
  const kernel = axes(1, 3);
  const strides = axes(1, 3);
  const dilations = withDilation ? axes(1, 2) : axes(1, 1);
  const autoPad = r.int(0, 3) === 0 ? r.pick(["SAME_UPPER", "SAME_LOWER", "VALID"] as const) : undefined;
  const pads = kernel.map((k) => r.int(0, k - 1)).concat(kernel.map((k) => r.int(0, k - 1)));
  const ceilMode = autoPad === undefined && r.bool();
  const x = [r.int(1, 2), r.int(1, 3), ...size];
  // resolved pads, to skip cases the library refuses: a kernel larger than the padded input, or a
  // window of padding only (onnxruntime returns -FLT_MAX / index -1 or 0 / NaN there; ONNX leaves it undefined)
  let before = pads.slice(0, rank);
  let after = pads.slice(rank);
  if (autoPad === "SAME_UPPER" || autoPad === "SAME_LOWER") {
    // onnxruntime deviates from the ONNX spec here (see "deviations" below): drawn again
    const unclamped = size.map((i, a) => (Math.ceil(i / strides[a]) - 1) * strides[a] + dilations[a] * (kernel[a] - 1) + 1 - i);
    if (dilations.some((d) => d > 1) || unclamped.some((t) => t < 0)) return null;
  }
  if (autoPad !== undefined) {
    const total = size.map((i, a) =>
      autoPad === "VALID"
        ? 0
        : Math.max(0, (Math.ceil(i / strides[a]) - 1) * strides[a] + dilations[a] * (kernel[a] - 1) + 1 - i),
    );
    before = total.map((t) => (autoPad === "SAME_LOWER" ? t - Math.floor(t / 2) : Math.floor(t / 2)));
    after = total.map((t, a) => t - before[a]);
  }
  const span = kernel.map((k, a) => dilations[a] * (k - 1) + 1);
  if (size.some((i, a) => i + before[a] + after[a] < span[a])) return null;
  const out = size.map((i, a) => {
    const p = i + before[a] + after[a] - span[a];
    let o = (ceilMode ? Math.ceil(p / strides[a]) : Math.floor(p / strides[a])) + 1;
    if (ceilMode && (o - 1) * strides[a] >= i + before[a]) o--;
    return o;
  });
  for (let a = 0; a < rank; a++) {
    for (let o = 0; o < out[a]; o++) {
      const seen = Array.from({ length: kernel[a] }, (_, t) => o * strides[a] + t * dilations[a] - before[a]).some(
        (p) => p >= 0 && p < size[a],
      );
      if (!seen) return null;
    }
  }
  return { rank, x, kernel, strides, dilations, pads, autoPad, ceilMode, padding: autoPad ? AUTO[autoPad] : pads };
}

describe("parity with onnxruntime: MaxPool 1-D, 2-D, 3-D", () => {
  it.each([1, 2, 3])(
    `%i-D: ${CASES} random cases: values and indices in both storage orders, pads, auto_pad, ceil_mode, dilations`,
    async (rank) => {
      const r = caseRandom(7400 + rank);
      let done = 0;
      while (done < CASES) {
        const c = drawCase(r, rank, true);
        if (c === null) continue;
        const storageOrder = r.int(0, 1);
        const x = randn(c.x, { seed: 2000 + done });
        const ours = MAX[c.rank](x, {
          kernelSize: c.kernel,
          stride: c.strides,
          dilation: c.dilations,
          padding: c.padding,
          ceilMode: c.ceilMode,
          indexConvention: storageOrder === 1 ? "onnx-column-major" : "onnx",
        });
        const model = await OrtModel.load(
          poolNdModel("MaxPool", {
            x: c.x,
            kernel: c.kernel,
            strides: c.strides,
            dilations: c.dilations,
            ceilMode: c.ceilMode,
            storageOrder,
            ...(c.autoPad ? { autoPad: c.autoPad } : { pads: c.pads }),
          }),
        );
        const out = await model.run({ X: { data: f32(x), dims: c.x } });
        await model.release();
        const label = JSON.stringify({ ...c, storageOrder });
        expect((out.Y as Float32Array).length, label).toBe(ours.values.size);
        expect(relativeError(f32(ours.values), out.Y as Float32Array), label).toBe(0);
        expect(Array.from(ours.indices.data), label).toEqual(Array.from(out.I as BigInt64Array, Number));
        done++;
      }
    },
  );

  it(`MaxUnpool takes ONNX's whole-tensor indices back (indexConvention 'onnx'): ${CASES} random 2-D cases`, async () => {
    const r = caseRandom(7410);
    let done = 0;
    while (done < CASES) {
      const [n, ch, h, w] = [r.int(1, 2), r.int(1, 3), r.int(2, 8), r.int(2, 8)];
      const kernel: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const stride: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const pads = [r.int(0, kernel[0] - 1), r.int(0, kernel[1] - 1), r.int(0, kernel[0] - 1), r.int(0, kernel[1] - 1)];
      let pooled: { values: Tensor; indices: Tensor };
      const x = randn([n, ch, h, w], { seed: 2500 + done });
      try {
        pooled = maxPool2d(x, { kernelSize: kernel, stride, padding: pads, indexConvention: "onnx" });
      } catch {
        continue; // a window of padding only, or a kernel that does not fit: drawn again
      }
      const [oh, ow] = pooled.values.shape.slice(2);
      const defaults = [
        (oh - 1) * stride[0] + kernel[0] - pads[0] - pads[2],
        (ow - 1) * stride[1] + kernel[1] - pads[1] - pads[3],
      ];
      // maxUnpool2d accepts output sizes within a stride of the default; onnxruntime rejects a non-positive default
      if (
        [h, w].some((s, a) => s < defaults[a] - stride[a] + 1 || s > defaults[a] + stride[a] - 1) ||
        defaults.some((d) => d < 1)
      )
        continue;
      const ours = maxUnpool2d(pooled.values, pooled.indices, {
        kernelSize: kernel,
        stride,
        padding: pads,
        outputSize: [h, w],
        indexConvention: "onnx",
      });
      const model = await OrtModel.load(
        maxUnpoolModel(
          pooled.values.shape,
          {
            kernel: kernel as [number, number],
            stride: stride as [number, number],
            pads: pads as [number, number, number, number],
          },
          [n, ch, h, w],
        ),
      );
      const I = BigInt64Array.from(Array.from(pooled.indices.data, (v) => BigInt(v)));
      const theirs = (
        await model.run({ X: { data: f32(pooled.values), dims: pooled.values.shape }, I: { data: I, dims: pooled.values.shape } })
      ).Y;
      await model.release();
      expect(relativeError(f32(ours), theirs as Float32Array), JSON.stringify({ n, ch, h, w, kernel, stride, pads })).toBe(0);
      done++;
    }
  });
});

describe("parity with onnxruntime: MaxUnpool 1-D and 3-D", () => {
  it.each([1, 3])(`%i-D: ${CASES} random cases, ONNX indices, explicit output shape`, async (rank) => {
    const r = caseRandom(7430 + rank);
    const unpool = rank === 1 ? maxUnpool1d : maxUnpool3d;
    let done = 0;
    while (done < CASES) {
      const axes = (min: number, max: number) => Array.from({ length: rank }, () => r.int(min, max));
      const size = axes(2, rank === 1 ? 9 : 5);
      const kernel = axes(1, 3);
      const strides = axes(1, 3);
      const pads = kernel.map((k) => r.int(0, k - 1)).concat(kernel.map((k) => r.int(0, k - 1)));
      const x = randn([r.int(1, 2), r.int(1, 3), ...size], { seed: 3500 + done });
      let pooled: { values: Tensor; indices: Tensor };
      try {
        pooled = MAX[rank](x, { kernelSize: kernel, stride: strides, padding: pads, indexConvention: "onnx" });
      } catch {
        continue; // a window of padding only, or a kernel that does not fit: drawn again
      }
      const out = pooled.values.shape.slice(2);
      const defaults = out.map((o, a) => (o - 1) * strides[a] + kernel[a] - pads[a] - pads[rank + a]);
      // the library accepts output sizes within a stride of the default; onnxruntime rejects a non-positive default
      if (
        size.some((s, a) => s < defaults[a] - strides[a] + 1 || s > defaults[a] + strides[a] - 1) ||
        defaults.some((d) => d < 1)
      )
        continue;
      const ours = unpool(pooled.values, pooled.indices, {
        kernelSize: kernel,
        stride: strides,
        padding: pads,
        outputSize: size,
        indexConvention: "onnx",
      });
      const model = await OrtModel.load(maxUnpoolNdModel(pooled.values.shape, kernel, strides, pads, x.shape));
      const I = BigInt64Array.from(Array.from(pooled.indices.data, (v) => BigInt(v)));
      const theirs = (
        await model.run({ X: { data: f32(pooled.values), dims: pooled.values.shape }, I: { data: I, dims: pooled.values.shape } })
      ).Y;
      await model.release();
      expect(relativeError(f32(ours), theirs as Float32Array), JSON.stringify({ size, kernel, strides, pads })).toBe(0);
      done++;
    }
  });
});

describe("parity with onnxruntime: AveragePool 1-D, 2-D, 3-D", () => {
  it.each([1, 2, 3])(
    `%i-D: ${CASES} random cases (opset 19): count_include_pad, pads, auto_pad, ceil_mode, dilations`,
    async (rank) => {
      const r = caseRandom(7420 + rank);
      let done = 0;
      while (done < CASES) {
        const c = drawCase(r, rank, true);
        if (c === null) continue;
        const countIncludePad = r.bool();
        const x = randn(c.x, { seed: 3000 + done });
        const ours = AVG[c.rank](x, {
          kernelSize: c.kernel,
          stride: c.strides,
          dilation: c.dilations,
          padding: c.padding,
          ceilMode: c.ceilMode,
          countIncludePad,
        });
        const model = await OrtModel.load(
          poolNdModel("AveragePool", {
            x: c.x,
            kernel: c.kernel,
            strides: c.strides,
            dilations: c.dilations,
            ceilMode: c.ceilMode,
            countIncludePad,
            opset: 19,
            ...(c.autoPad ? { autoPad: c.autoPad } : { pads: c.pads }),
          }),
        );
        const label = JSON.stringify({ ...c, countIncludePad });
        let theirs: Float32Array;
        try {
          theirs = (await model.run({ X: { data: f32(x), dims: c.x } })).Y as Float32Array;
        } catch (e) {
          throw new Error(`${label}: ${String(e)}`);
        }
        await model.release();
        expect(theirs.length, label).toBe(ours.size);
        expect(relativeError(f32(ours), theirs), label).toBeLessThan(1e-6);
        done++;
      }
    },
  );
});

// Where onnxruntime deviates from the ONNX specification the library follows the specification
// (ONNX Operators, MaxPool / AveragePool, attribute auto_pad: output ceil(i / s), total padding
// (out - 1) s + (k - 1) d + 1 - i), which is also what TF's 'SAME' computes. These tests pin both.
describe("onnxruntime deviations from the ONNX spec (the library follows the spec)", () => {
  it("auto_pad SAME with dilations: onnxruntime sizes the padding without the dilation", async () => {
    const x = new Tensor(Float32Array.from([4, 1, 3, 2]), [1, 1, 4]);
    // spec: out = ceil(4 / 3) = 2, total padding (2 - 1) 3 + (3 - 1) 2 + 1 - 4 = 4, so [2, 2]
    const ours = maxPool1d(x, { kernelSize: 3, stride: 3, dilation: 2, padding: "same" });
    expect(Array.from(ours.values.data)).toEqual([4, 2]); // taps at -2, 0, 2 and 1, 3, 5
    expect(Array.from(ours.indices.data)).toEqual([0, 3]);
    const model = await OrtModel.load(
      poolNdModel("MaxPool", { x: [1, 1, 4], kernel: [3], strides: [3], dilations: [2], ceilMode: false, autoPad: "SAME_UPPER" }),
    );
    const out = await model.run({ X: { data: f32(x), dims: [1, 1, 4] } });
    await model.release();
    // onnxruntime: padding (2 - 1) 3 + 3 - 4 = 2, split [1, 1], one output: explicit pads [1, 1] in the library
    const asOrt = maxPool1d(x, { kernelSize: 3, stride: 3, dilation: 2, padding: [1, 1] });
    expect(Array.from(out.Y as Float32Array)).toEqual(Array.from(asOrt.values.data));
    expect(Array.from(out.Y as Float32Array)).toEqual([2]); // taps at -1, 1, 3
  });

  it("auto_pad SAME with a window shorter than the stride: onnxruntime refuses the negative padding, the library pads 0", async () => {
    const x = new Tensor(Float32Array.from([5, 7, 9]), [1, 1, 3]);
    // spec formula: (ceil(3 / 2) - 1) 2 + 1 - 3 = 0 here, and (1 - 1) 2 + 1 - 2 = -1 for a length of 2
    const short = new Tensor(Float32Array.from([5, 7]), [1, 1, 2]);
    expect(Array.from(avgPool1d(short, { kernelSize: 1, stride: 2, padding: "same" }).data)).toEqual([5]);
    expect(Array.from(avgPool1d(x, { kernelSize: 1, stride: 2, padding: "same" }).data)).toEqual([5, 9]);
    const model = await OrtModel.load(
      poolNdModel("AveragePool", { x: [1, 1, 2], kernel: [1], strides: [2], ceilMode: false, autoPad: "SAME_UPPER" }),
    );
    await expect(model.run({ X: { data: f32(short), dims: [1, 1, 2] } })).rejects.toThrow(/padding values must be non-negative/);
    await model.release();
  });
});
