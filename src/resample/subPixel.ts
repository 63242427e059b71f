/**
 * Sub-pixel convolution (Shi et al., 2016, "Is the deconvolution layer the same as a convolutional
 * layer?"): a stride-s transposed convolution equals a convolution with `s*s` times the output
 * channels followed by a pixel shuffle, and back; and ICNR initialisation (Aitken et al., 2017,
 * "Checkerboard artifact free sub-pixel convolution").
 *
 * With a 1-D transposed kernel `w` of length `k` and stride `s`, output `q*s + r` is
 * `sum_m x[q - m] * w[m*s + r]`: phase `r` is a plain convolution of `x` with the taps
 * `w[r], w[s + r], ...` (`M = ceil(k / s)` of them). Flipped for cross-correlation, the `s` phases
 * become `s` output channels of one convolution with kernel `M` and padding `M - 1`; the pixel
 * shuffle interleaves them, and the transposed convolution's padding crops the result.
 */
import { Tensor } from "../tensor";
import {
  checkOptionNames,
  describe,
  outputData,
  parseInteger,
  parsePadding4,
  parsePair,
  requireTensor,
  type PaddingLike,
  type PairLike,
} from "../args";
import { conv2d } from "../conv/conv2d";
import { depthToSpace } from "./depthToSpace";

/** A sub-pixel convolution: the weight and padding of the convolution before the pixel shuffle. */
export interface SubPixelConvolution {
  /** `[C_out * sh * sw, C_in, Mh, Mw]` (PyTorch conv layout; channels in PyTorch's pixel-shuffle order, CRD). */
  weight: Tensor;
  /** Padding of the convolution: `[top, left, bottom, right]`. */
  padding: [number, number, number, number];
  /** The pixel-shuffle factor per axis (the transposed convolution's stride). */
  scale: [number, number];
}

/** A transposed convolution: weight, stride and padding (PyTorch `conv_transpose2d`). */
export interface TransposedConvolution {
  /** `[C_in, C_out, Mh * sh, Mw * sw]`. */
  weight: Tensor;
  stride: [number, number];
  padding: [number, number, number, number];
}

function checkWeight(fn: string, weight: unknown): Tensor {
  const w = requireTensor(fn, "weight", weight);
  if (w.rank !== 4) throw new RangeError(`${fn}: weight must be 4-D, got shape [${w.shape.join(", ")}]`);
  return w;
}

/**
 * The convolution whose pixel shuffle (factor `stride`) is the full (unpadded) stride-`stride`
 * transposed convolution with `weight` (`[C_in, C_out, kh, kw]`, groups 1, dilation 1):
 * weight `[C_out*sh*sw, C_in, Mh, Mw]` with `M = ceil(k / s)`, padding `M - 1` on every side; channel
 * `co*sh*sw + ry*sw + rx`, tap `(u, v)` is `weight[ci, co, (Mh-1-u)*sh + ry, (Mw-1-v)*sw + rx]` (0 past k).
 * The shuffled result has `(i + M - 1) * s` rows and columns, of which the transposed convolution's
 * `(i - 1) * s + k` come first; see {@link convTransposeAsSubPixel} for the padding and cropping.
 */
export function subPixelFromTransposed(weight: Tensor, stride: PairLike): SubPixelConvolution {
  const fn = "subPixelFromTransposed";
  const w = checkWeight(fn, weight);
  const [sh, sw] = parsePair(fn, "stride", stride, 1);
  const [cin, cout, kh, kw] = w.shape;
  const mh = Math.ceil(kh / sh);
  const mw = Math.ceil(kw / sw);
  const shape = [cout * sh * sw, cin, mh, mw];
  const data = outputData(fn, undefined, shape, w.dtype);
  for (let co = 0; co < cout; co++) {
    for (let ry = 0; ry < sh; ry++) {
      for (let rx = 0; rx < sw; rx++) {
        const oc = (co * sh + ry) * sw + rx;
        for (let ci = 0; ci < cin; ci++) {
          for (let u = 0; u < mh; u++) {
            const ty = (mh - 1 - u) * sh + ry;
            if (ty >= kh) continue;
            for (let v = 0; v < mw; v++) {
              const tx = (mw - 1 - v) * sw + rx;
              if (tx >= kw) continue;
              data[((oc * cin + ci) * mh + u) * mw + v] = w.data[((ci * cout + co) * kh + ty) * kw + tx];
            }
          }
        }
      }
    }
  }
  return { weight: new Tensor(data, shape), padding: [mh - 1, mw - 1, mh - 1, mw - 1], scale: [sh, sw] };
}

/**
 * The stride-`scale` transposed convolution equal to `pixelShuffle(conv2d(x, weight, { padding }), scale)`
 * for a sub-pixel convolution `weight` (`[C_out*sh*sw, C_in, Mh, Mw]`, channels in CRD order): kernel
 * `M*s` with `transposed[ci, co, m*s + r] = weight[co*s*s + r, ci, M-1-m]` per axis and padding
 * `(M - 1 - p) * s` per side, which needs every convolution padding `p <= M - 1`.
 */
export function transposedFromSubPixel(weight: Tensor, scale: PairLike, padding: PaddingLike = 0): TransposedConvolution {
  const fn = "transposedFromSubPixel";
  const g = checkWeight(fn, weight);
  const [sh, sw] = parsePair(fn, "scale", scale, 1);
  const [pt, pl, pb, pr] = parsePadding4(fn, "padding", padding);
  const [oc, cin, mh, mw] = g.shape;
  if (oc % (sh * sw) !== 0) {
    throw new RangeError(
      `${fn}: weight's output channels (${oc}) must be divisible by sh * sw = ${sh * sw}, got shape [${g.shape.join(", ")}]`,
    );
  }
  if (Math.max(pt, pb) > mh - 1 || Math.max(pl, pr) > mw - 1) {
    throw new RangeError(
      `${fn}: padding must be at most kernel size - 1 (${mh - 1} rows, ${mw - 1} columns) to be a transposed convolution's crop, got ${describe(padding)}`,
    );
  }
  const cout = oc / (sh * sw);
  const kh = mh * sh;
  const kw = mw * sw;
  const shape = [cin, cout, kh, kw];
  const data = outputData(fn, undefined, shape, g.dtype);
  for (let co = 0; co < cout; co++) {
    for (let ry = 0; ry < sh; ry++) {
      for (let rx = 0; rx < sw; rx++) {
        const c = (co * sh + ry) * sw + rx;
        for (let ci = 0; ci < cin; ci++) {
          for (let m = 0; m < mh; m++) {
            for (let n = 0; n < mw; n++) {
              data[((ci * cout + co) * kh + m * sh + ry) * kw + n * sw + rx] =
                g.data[((c * cin + ci) * mh + (mh - 1 - m)) * mw + (mw - 1 - n)];
            }
          }
        }
      }
    }
  }
  return {
    weight: new Tensor(data, shape),
    stride: [sh, sw],
    padding: [(mh - 1 - pt) * sh, (mw - 1 - pl) * sw, (mh - 1 - pb) * sh, (mw - 1 - pr) * sw],
  };
}

/** Options of {@link convTransposeAsSubPixel}: those of `convTranspose2d` it supports. */
export interface ConvTransposeAsSubPixelOptions {
  stride?: PairLike;
  padding?: PaddingLike;
  outputPadding?: PairLike;
  bias?: Tensor;
}

const AS_SUB_PIXEL_OPTIONS = ["stride", "padding", "outputPadding", "bias"] as const;

/**
 * `convTranspose2d(x, weight, options)` computed as a sub-pixel convolution: `conv2d` with
 * {@link subPixelFromTransposed}'s weight, then `pixelShuffle`, then the crop the transposed
 * convolution's padding asks for (the convolution gets extra zero rows/columns at the bottom/right
 * when `outputPadding` reaches past the full result). `x` is `[N, C_in, H, W]`, groups 1, dilation 1.
 */
export function convTransposeAsSubPixel(x: Tensor, weight: Tensor, options: ConvTransposeAsSubPixelOptions = {}): Tensor {
  const fn = "convTransposeAsSubPixel";
  checkOptionNames(fn, options, AS_SUB_PIXEL_OPTIONS);
  const input = requireTensor(fn, "x", x);
  if (input.rank !== 4) throw new RangeError(`${fn}: x must be 4-D [N, C_in, H, W], got shape [${input.shape.join(", ")}]`);
  const w = checkWeight(fn, weight);
  if (w.shape[0] !== input.shape[1]) {
    throw new RangeError(
      `${fn}: weight must have ${input.shape[1]} input channels (shape [C_in, C_out, kh, kw]), got shape [${w.shape.join(", ")}]`,
    );
  }
  const [sh, sw] = parsePair(fn, "stride", options.stride ?? 1, 1);
  const [pt, pl, pb, pr] = parsePadding4(fn, "padding", options.padding ?? 0);
  const [ah, aw] = parsePair(fn, "outputPadding", options.outputPadding ?? 0, 0);
  if (ah >= sh || aw >= sw) {
    throw new RangeError(
      `${fn}: outputPadding must be smaller than stride (${sh}, ${sw}), got ${describe(options.outputPadding)}`,
    );
  }
  const [, cout, kh, kw] = w.shape;
  const [n, , h, wd] = input.shape;
  const outH = (h - 1) * sh - pt - pb + kh + ah;
  const outW = (wd - 1) * sw - pl - pr + kw + aw;
  if (outH < 1 || outW < 1) {
    throw new RangeError(`${fn}: the output would be ${outH} x ${outW}; padding is too large for this input and kernel`);
  }
  const sub = subPixelFromTransposed(w, [sh, sw]);
  const [mh, mw] = [sub.weight.shape[2], sub.weight.shape[3]];
  const extraH = Math.max(0, Math.ceil((pt + outH - (h + mh - 1) * sh) / sh));
  const extraW = Math.max(0, Math.ceil((pl + outW - (wd + mw - 1) * sw) / sw));
  let bias: Tensor | undefined;
  if (options.bias !== undefined) {
    const b = requireTensor(fn, "bias", options.bias);
    if (b.rank !== 1 || b.shape[0] !== cout)
      throw new RangeError(`${fn}: bias must be 1-D of length ${cout}, got shape [${b.shape.join(", ")}]`);
    bias = new Tensor(outputData(fn, undefined, [cout * sh * sw], b.dtype), [cout * sh * sw]);
    for (let i = 0; i < bias.size; i++) bias.data[i] = b.data[Math.floor(i / (sh * sw))];
  }
  const phases = conv2d(input, sub.weight, {
    padding: [mh - 1, mw - 1, mh - 1 + extraH, mw - 1 + extraW],
    ...(bias ? { bias } : {}),
  });
  const full = shuffle2(phases, sh, sw);
  const [fullH, fullW] = [full.shape[2], full.shape[3]];
  const shape = [n, cout, outH, outW];
  const data = outputData(fn, undefined, shape, input.dtype);
  for (let p = 0; p < n * cout; p++) {
    for (let y = 0; y < outH; y++) {
      const from = (p * fullH + y + pt) * fullW + pl;
      data.set(full.data.subarray(from, from + outW), (p * outH + y) * outW);
    }
  }
  return new Tensor(data, shape);
}

/** Pixel shuffle with factors `[sh, sw]` (CRD order): `[N, C*sh*sw, H, W] -> [N, C, H*sh, W*sw]`. */
function shuffle2(x: Tensor, sh: number, sw: number): Tensor {
  if (sh === sw) return depthToSpace(x, { blockSize: sh, mode: "CRD" });
  const [n, cc, h, w] = x.shape;
  const c = cc / (sh * sw);
  const shape = [n, c, h * sh, w * sw];
  const data = outputData("pixelShuffle", undefined, shape, x.dtype);
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      for (let ry = 0; ry < sh; ry++) {
        for (let rx = 0; rx < sw; rx++) {
          const src = (b * cc + (ch * sh + ry) * sw + rx) * h * w;
          for (let y = 0; y < h; y++) {
            for (let xx = 0; xx < w; xx++) {
              data[((b * c + ch) * h * sh + y * sh + ry) * w * sw + xx * sw + rx] = x.data[src + y * w + xx];
            }
          }
        }
      }
    }
  }
  return new Tensor(data, shape);
}

/** Options of {@link icnr}. */
export interface IcnrOptions {
  /** Channel order of the pixel shuffle that follows: `'CRD'` (default, PyTorch) or `'DCR'` (TF, ONNX default). */
  mode?: "CRD" | "DCR";
}

/**
 * ICNR initialisation (Aitken et al., 2017): from an initial weight `base` (`[C_out, C_in, kh, kw]`,
 * e.g. random) of a convolution producing `C_out` channels, the weight of a sub-pixel convolution
 * producing `C_out * scale * scale` channels where the `scale * scale` channels that fill one output
 * channel's blocks are copies of `base`'s channel. The sub-pixel layer then starts as nearest
 * upsampling of `conv2d(x, base)`: every `scale x scale` block is flat, no checkerboard.
 */
export function icnr(base: Tensor, scale: number, options: IcnrOptions = {}): Tensor {
  const fn = "icnr";
  checkOptionNames(fn, options, ["mode"]);
  const w = checkWeight(fn, base);
  const s = parseInteger(fn, "scale", scale, 1);
  const mode = options.mode ?? "CRD";
  if (mode !== "CRD" && mode !== "DCR") throw new TypeError(`${fn}: mode must be 'CRD' or 'DCR', got ${describe(mode)}`);
  const [cout, cin, kh, kw] = w.shape;
  const per = cin * kh * kw;
  const ss = s * s;
  const shape = [cout * ss, cin, kh, kw];
  const data = outputData(fn, undefined, shape, w.dtype);
  for (let co = 0; co < cout; co++) {
    for (let r = 0; r < ss; r++) {
      const oc = mode === "CRD" ? co * ss + r : r * cout + co;
      data.set(w.data.subarray(co * per, (co + 1) * per), oc * per);
    }
  }
  return new Tensor(data, shape);
}
