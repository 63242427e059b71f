// One random transposed-convolution setting, shared by the property tests of the algorithms
// and of the WebAssembly kernel: each file draws cases with its own ranges, then builds the
// same seeded operands and checks sizes with the same PyTorch formula.
import { randn, type ConvTranspose2dOptions, type DType, type Tensor } from "../../src";

/** A setting: channels are per group, `crop` is the padding [top, left, bottom, right]. */
export interface ConvTransposeCase {
  batch: number;
  groups: number;
  cinG: number;
  coutG: number;
  h: number;
  w: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  crop: [number, number, number, number];
  oph: number;
  opw: number;
  bias: boolean;
  seed: number;
}

/** [outH, outW] by the PyTorch formula o = (i - 1) s - pTotal + d (k - 1) + outputPadding + 1. */
export function caseOutputSize(c: ConvTransposeCase): [number, number] {
  return [
    (c.h - 1) * c.sh - c.crop[0] - c.crop[2] + c.dh * (c.kh - 1) + c.oph + 1,
    (c.w - 1) * c.sw - c.crop[1] - c.crop[3] + c.dw * (c.kw - 1) + c.opw + 1,
  ];
}

/** The case's input, weight and options (bias only when the case has one), seeded by `c.seed`. */
export function caseOperands(
  c: ConvTransposeCase,
  dtype: DType = "float32",
): { x: Tensor; weight: Tensor; options: ConvTranspose2dOptions } {
  const x = randn([c.batch, c.groups * c.cinG, c.h, c.w], { seed: c.seed, dtype });
  const weight = randn([c.groups * c.cinG, c.coutG, c.kh, c.kw], { seed: c.seed + 1, dtype });
  const options: ConvTranspose2dOptions = {
    stride: [c.sh, c.sw],
    dilation: [c.dh, c.dw],
    padding: c.crop,
    outputPadding: [c.oph, c.opw],
    groups: c.groups,
  };
  if (c.bias) options.bias = randn([c.groups * c.coutG], { seed: c.seed + 2, dtype });
  return { x, weight, options };
}

/**
 * Largest difference between `actual` and the reference `expected`, relative to the reference's
 * scale (at least 1): float32 kernels sum in another order than the reference.
 */
export function relativeError(actual: ArrayLike<number> | Tensor, expected: Tensor): number {
  const values = "data" in actual ? actual.data : actual;
  let scale = 1;
  for (const v of expected.data) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(values[i] - expected.data[i]));
  return worst / scale;
}
