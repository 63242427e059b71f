/**
 * Float32 transposed convolution on the WebAssembly SIMD kernel (`assembly/convTranspose2d.ts`:
 * stride-phase decomposition, 4 output channels x 8 pixels per micro-kernel; the choice is
 * explained there). Same contract as the TypeScript kernels (`ConvTranspose2dKernel`), plus a
 * boolean result: false means "not handled here" (no SIMD in this engine, float64 data, a stride
 * wider than the kernel's phase table, or an arena over the size limit) and the caller must run its
 * TypeScript path instead. Every other parameter combination (stride, asymmetric padding, output
 * padding, dilation, groups, bias, batch) is covered.
 *
 * Memory: the operands are copied into the kernel's arena (the input rearranged to NHCW with a few
 * zero columns on each side of every row, so the inner loop needs no bounds checks), the result is
 * computed band by band (`BAND_FLOATS`) and each band copied into `out`. The arena is reused
 * between calls; nothing else is allocated per call. Operands in another layout (the Keras entry
 * points' NHWC images and kernels) are read and written in place through their strides, so they
 * need no permuted copies either.
 */
import type { ConvTranspose2dGeometry } from "../conv/geometry";
import { convTransposeNchwLayout, type ConvLayout } from "../conv/layout";
import { isNchw, type ImageStrides } from "../imageStrides";
import type { TensorData } from "../tensor";
import { releaseLargeArena, reserveArena, WASM_MAX_STRIDE_W, wasmKernels } from "./kernels";

/** Floats of packed weights the kernel may use beyond its minimum (keeps them in L2). */
const PACK_BUDGET_FLOATS = 65536;

/**
 * Floats of output computed per kernel call (1 MiB): larger outputs are computed in bands of
 * rows into a band-sized buffer, each copied out right after it is computed, while it is still
 * in cache, so the arena holds one band instead of the whole output and the kernel writes into
 * cached lines; each band re-packs the weights, so bands are not smaller (sizes measured: ./DESIGN.md).
 */
const BAND_FLOATS = 262144;

/** Zero columns needed left and right of each input row so every tap of every output column is in range. */
export function wasmInputPadding(g: PhaseKernelGeometry): [number, number] {
  // ix = (ox + cropLeft - kx * dilation) / stride over ox in [0, outW), kx in [0, kw)
  const minIx = Math.floor((g.cropLeft - (g.kernelW - 1) * g.dilationW) / g.strideW);
  const maxIx = Math.floor((g.outW - 1 + g.cropLeft) / g.strideW);
  return [Math.max(0, -minIx), Math.max(0, maxIx - (g.inW - 1))];
}

/** The sizes the phase kernel needs: a transposed convolution's geometry (crops at top/left). */
export type PhaseKernelGeometry = Pick<
  ConvTranspose2dGeometry,
  | "batch"
  | "inChannels"
  | "outChannels"
  | "groups"
  | "inH"
  | "inW"
  | "kernelH"
  | "kernelW"
  | "strideH"
  | "strideW"
  | "dilationH"
  | "dilationW"
  | "cropTop"
  | "cropLeft"
  | "outH"
  | "outW"
>;

/** Tuning and layout of one WebAssembly kernel call (tests shrink the budgets). */
export interface PhaseKernelOptions {
  /** Where the operands' elements are (default: NCHW images, PyTorch's weight layout). */
  layout?: ConvLayout;
  /** Bound on the packed-weight buffer, in floats. */
  packBudgetFloats?: number;
  /** Floats of output computed per kernel call. */
  bandFloats?: number;
}

/**
 * Runs `out = convTranspose2d(x, weight) + bias` on the WebAssembly SIMD kernel when it can
 * (float32 only) and returns true; returns false, leaving `out` untouched, when it cannot.
 * `options.packBudgetFloats` bounds the packed-weight buffer and `options.bandFloats` the output
 * computed per kernel call (tests shrink them to force several packing passes and bands);
 * `options.layout` says where the operands' elements are when they are not NCHW / PyTorch's.
 */
export function convTranspose2dWasm(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: ConvTranspose2dGeometry,
  out: TensorData,
  options: PhaseKernelOptions = {},
): boolean {
  if (!(weight instanceof Float32Array)) return false;
  const layout = options.layout ?? convTransposeNchwLayout(g);
  const ws = layout.weight;
  const coutG = g.outChannels / g.groups;
  const taps = g.kernelH * g.kernelW;
  const pytorchWeight = ws.column === 1 && ws.row === g.kernelW && ws.outChannel === taps && ws.inChannel === coutG * taps;
  // The kernel reads the weight as (Cin, Cout/groups, kh, kw): other layouts are gathered into it.
  const writeWeight = pytorchWeight
    ? (mem: Float32Array, at: number): void => mem.set(weight, at)
    : (mem: Float32Array, at: number): void => {
        let d = at;
        for (let ci = 0; ci < g.inChannels; ci++) {
          for (let co = 0; co < coutG; co++) {
            for (let ky = 0; ky < g.kernelH; ky++) {
              const row = ci * ws.inChannel + co * ws.outChannel + ky * ws.row;
              for (let kx = 0; kx < g.kernelW; kx++) mem[d++] = weight[row + kx * ws.column];
            }
          }
        }
      };
  return runPhaseKernel(x, bias, g, out, weight.length, writeWeight, { ...options, layout });
}

/**
 * Copies the operands into the kernel's arena (`writeWeight` stores the (Cin, Cout/groups, kh, kw)
 * weight at a float offset, so callers can transform it on the way), runs the phase kernel and
 * copies the result to `out`. False (nothing written) when the kernel cannot take these operands.
 * `options.layout` gives the strides of `x` and `out` (its weight part is `writeWeight`'s concern).
 */
export function runPhaseKernel(
  x: TensorData,
  bias: TensorData | undefined,
  g: PhaseKernelGeometry,
  out: TensorData,
  weightLength: number,
  writeWeight: (mem: Float32Array, at: number) => void,
  options: PhaseKernelOptions = {},
): boolean {
  const { packBudgetFloats = PACK_BUDGET_FLOATS, bandFloats = BAND_FLOATS } = options;
  if (!(x instanceof Float32Array) || !(out instanceof Float32Array)) return false;
  if (bias !== undefined && !(bias instanceof Float32Array)) return false;
  if (g.strideW > WASM_MAX_STRIDE_W) return false;
  if (out.length === 0) return true;
  const k = wasmKernels();
  if (k === null) return false;

  let [padL, padR] = wasmInputPadding(g);
  if (g.inW + padL + padR >= 64) {
    // Rows of 64 floats or more are padded to whole cache lines (and start 16-byte aligned): each
    // channel's row then starts at the same offset in its line, so a tile's loads never straddle
    // two lines. Narrow rows are left alone: padding them measured slower (./DESIGN.md).
    padL = Math.ceil(padL / 4) * 4;
    padR += (16 - ((g.inW + padL + padR) % 16)) % 16;
  }
  const rowW = g.inW + padL + padR;
  const plane = g.inH * rowW;
  const nx = g.batch * g.inChannels * plane;
  const nb = bias === undefined ? 0 : bias.length;
  const cinG = g.inChannels / g.groups;
  const packCap = Math.max(k.packFloatsNeeded(cinG, g.kernelH, g.kernelW), Math.min(out.length, packBudgetFloats));
  // The output is computed in bands of rows into a band-sized buffer, each copied out while hot.
  const planes = g.batch * g.outChannels;
  const bandRows = Math.max(1, Math.min(g.outH, Math.floor(bandFloats / (planes * g.outW))));
  const bandLength = planes * bandRows * g.outW;
  const xs = options.layout?.x;
  const os = options.layout?.out;
  const xNchw = xs === undefined || isNchw(xs, g.inChannels, g.inH, g.inW);
  const outNchw = os === undefined || isNchw(os, g.outChannels, g.outH, g.outW);
  // NCHW input arrives in a staging area, in one copy, and the kernel rearranges it; the band
  // buffer is free until the kernel runs, so it doubles as the staging area when big enough.
  // Input in another layout is gathered straight into place instead (no staging).
  const stageInOutput = !xNchw || bandLength >= x.length;
  const floats = nx + weightLength + nb + bandLength + packCap + (stageInOutput ? 0 : x.length);
  if (!reserveArena(k, floats * 4)) return false;

  const base = k.heapBase();
  const xPtr = base;
  const wPtr = xPtr + nx * 4;
  const bPtr = wPtr + weightLength * 4;
  const oPtr = bPtr + nb * 4;
  const pPtr = oPtr + bandLength * 4;
  const stage = stageInOutput ? oPtr : pPtr + packCap * 4;
  const mem = new Float32Array(k.memory.buffer);

  // Kernel input layout: NHCW (each input row holds all channels' rows side by side), so the
  // micro-kernel's loads across input channels stay within a few pages instead of one page per
  // channel (NCHW with large planes); each row gets padL/padR zero columns.
  if (xNchw) {
    mem.set(x, stage / 4);
    k.layoutInput(stage, xPtr, g.batch, g.inChannels, g.inH, g.inW, padL, padR);
  } else {
    gatherInput(x, xs as ImageStrides, g, mem, xPtr / 4, padL, padR);
  }
  const chanStride = rowW;
  const rowStride = g.inChannels * rowW;
  const imageStride = g.inH * rowStride;
  writeWeight(mem, wPtr / 4);
  if (bias !== undefined) mem.set(bias, bPtr / 4);

  const o = oPtr / 4;
  for (let oy0 = 0; oy0 < g.outH; oy0 += bandRows) {
    const oy1 = Math.min(g.outH, oy0 + bandRows);
    k.convTranspose2d(
      xPtr,
      wPtr,
      bPtr,
      bias === undefined ? 0 : 1,
      oPtr,
      pPtr,
      packCap,
      g.batch,
      g.inChannels,
      g.inH,
      rowW,
      g.outChannels,
      g.outH,
      g.outW,
      g.kernelH,
      g.kernelW,
      g.strideH,
      g.strideW,
      g.cropTop,
      g.cropLeft + padL * g.strideW,
      g.dilationH,
      g.dilationW,
      g.groups,
      chanStride,
      rowStride,
      imageStride,
      oy0,
      oy1,
    );
    const rows = oy1 - oy0;
    if (!outNchw) {
      scatterBand(mem, o, rows, g, os as ImageStrides, oy0, out);
    } else if (rows === g.outH) {
      out.set(mem.subarray(o, o + out.length));
    } else {
      const n = rows * g.outW;
      for (let p = 0; p < planes; p++) out.set(mem.subarray(o + p * n, o + (p + 1) * n), (p * g.outH + oy0) * g.outW);
    }
  }
  releaseLargeArena(k);
  return true;
}

/**
 * Writes input `x` (strides `xs`) into the kernel's NHCW layout at float offset `at` of `mem`:
 * row (n, y) holds each channel's row in turn, each with `padL` / `padR` zero columns.
 */
function gatherInput(
  x: TensorData,
  xs: ImageStrides,
  g: PhaseKernelGeometry,
  mem: Float32Array,
  at: number,
  padL: number,
  padR: number,
): void {
  let d = at;
  for (let n = 0; n < g.batch; n++) {
    for (let y = 0; y < g.inH; y++) {
      for (let c = 0; c < g.inChannels; c++) {
        mem.fill(0, d, d + padL);
        d += padL;
        for (let i = n * xs.image + c * xs.channel + y * xs.row, e = d + g.inW; d < e; d++, i += xs.column) mem[d] = x[i];
        mem.fill(0, d, d + padR);
        d += padR;
      }
    }
  }
}

/** Copies a band of `rows` output rows from `o` (planes of rows x outW) to `out` at strides `os`. */
function scatterBand(
  mem: Float32Array,
  o: number,
  rows: number,
  g: PhaseKernelGeometry,
  os: ImageStrides,
  oy0: number,
  out: TensorData,
): void {
  let s = o;
  for (let n = 0; n < g.batch; n++) {
    for (let c = 0; c < g.outChannels; c++) {
      for (let y = oy0; y < oy0 + rows; y++) {
        for (let i = n * os.image + c * os.channel + y * os.row, e = s + g.outW; s < e; s++, i += os.column) out[i] = mem[s];
      }
    }
  }
}
