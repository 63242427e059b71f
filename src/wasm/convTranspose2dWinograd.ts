/**
 * Float32 transposed convolution by Winograd's F(2x2, 2x2) on the WebAssembly SIMD kernels
 * (`assembly/winograd.ts`), for the layers whose every stride phase has a 2x2 sub-kernel: kernel
 * = 2 x stride in both axes without dilation (k4 s2, the classic 2x upsampling layer; k2 s1). It
 * does 9 multiply-adds where the direct phase kernel does 16. When the fast path chooses it:
 * `prefersWinograd` in src/conv/fastPath.ts (measurements: ./DESIGN.md).
 *
 * Memory: the input, weight and bias are copied into the kernels' arena, beside the transformed
 * weights U (9 x Cout x Cin per group and phase), the transformed input V (9 x Cin x tiles) and the
 * GEMM result M (9 x Cout x tiles) of one phase and the output, which is copied out at the end.
 */
import type { ConvTranspose2dGeometry } from "../conv/geometry";
import type { TensorData } from "../tensor";
import { releaseLargeArena, reserveArena, wasmKernels } from "./kernels";

/** Whether `g` has 2x2 sub-kernels in every stride phase (kernel = 2 x stride, no dilation). */
export function hasTwoByTwoPhases(g: ConvTranspose2dGeometry): boolean {
  return g.kernelH === 2 * g.strideH && g.kernelW === 2 * g.strideW && g.dilationH === 1 && g.dilationW === 1;
}

/** One stride phase along an axis: its first tap, its input offset and its count of output pixels. */
interface AxisPhase {
  /** The tap paired with the lower input index (tap1 = tap0 - stride pairs with the next one). */
  tap0: number;
  tap1: number;
  /** Input index of the first window element of phase pixel 0. */
  first: number;
  /** Output pixels of this phase (oy = oy' * stride + r). */
  count: number;
}

/** The phase `r` of an axis: output o = o' s + r receives taps t = (o + crop) mod s (+ s). */
function axisPhase(r: number, s: number, crop: number, outSize: number): AxisPhase {
  const base = (r + crop) % s;
  const q = Math.floor((r + crop) / s);
  return { tap0: base + s, tap1: base, first: q - 1, count: Math.max(0, Math.ceil((outSize - r) / s)) };
}

const FLOAT = 4;
const roundUp = (v: number, m: number): number => Math.ceil(v / m) * m;

/**
 * `out = convTranspose2d(x, weight) + bias` for NCHW float32 operands with PyTorch's weight
 * layout when `g` has 2x2 phase sub-kernels; false (nothing written) otherwise or when the kernels
 * cannot run here.
 */
export function convTranspose2dWinograd(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: ConvTranspose2dGeometry,
  out: TensorData,
): boolean {
  if (!(x instanceof Float32Array) || !(weight instanceof Float32Array) || !(out instanceof Float32Array)) return false;
  if (bias !== undefined && !(bias instanceof Float32Array)) return false;
  if (!hasTwoByTwoPhases(g)) return false;
  const k = wasmKernels();
  if (k === null) return false;

  const cinG = g.inChannels / g.groups;
  const coutG = g.outChannels / g.groups;
  const coutPad = roundUp(coutG, 4);
  const rows = Array.from({ length: g.strideH }, (_, r) => axisPhase(r, g.strideH, g.cropTop, g.outH));
  const cols = Array.from({ length: g.strideW }, (_, r) => axisPhase(r, g.strideW, g.cropLeft, g.outW));
  const t8 = roundUp(Math.ceil(rows[0].count / 2) * Math.ceil(cols[0].count / 2), 8); // phase 0 has the most pixels
  const inPlane = g.inH * g.inW;
  const outPlane = g.outH * g.outW;
  const sizes = {
    x: x.length,
    w: weight.length,
    b: bias?.length ?? 0,
    u: 9 * coutPad * cinG,
    v: 9 * cinG * t8,
    m: 9 * coutPad * t8,
    out: out.length,
  };
  const floats = Object.values(sizes).reduce((a, b) => a + b, 0);
  if (!reserveArena(k, floats * FLOAT)) return false;
  const xPtr = k.heapBase();
  const wPtr = xPtr + sizes.x * FLOAT;
  const bPtr = wPtr + sizes.w * FLOAT;
  const uPtr = bPtr + sizes.b * FLOAT;
  const vPtr = uPtr + sizes.u * FLOAT;
  const mPtr = vPtr + sizes.v * FLOAT;
  const oPtr = mPtr + sizes.m * FLOAT;
  const mem = new Float32Array(k.memory.buffer);
  mem.set(x, xPtr / FLOAT);
  mem.set(weight, wPtr / FLOAT);
  if (bias !== undefined) mem.set(bias, bPtr / FLOAT);

  for (let grp = 0; grp < g.groups; grp++) {
    const biasAt = bPtr + grp * coutG * FLOAT;
    for (let ry = 0; ry < rows.length; ry++) {
      for (let rx = 0; rx < cols.length; rx++) {
        const row = rows[ry];
        const col = cols[rx];
        if (row.count === 0 || col.count === 0) continue;
        const th = Math.ceil(row.count / 2);
        const tw = Math.ceil(col.count / 2);
        const tiles8 = roundUp(th * tw, 8);
        k.winogradWeights(wPtr, uPtr, grp * cinG, cinG, coutG, g.kernelH, g.kernelW, row.tap0, row.tap1, col.tap0, col.tap1);
        for (let n = 0; n < g.batch; n++) {
          const xImage = xPtr + (n * g.inChannels + grp * cinG) * inPlane * FLOAT;
          const oImage = oPtr + (n * g.outChannels + grp * coutG) * outPlane * FLOAT;
          k.winogradInput(xImage, vPtr, cinG, inPlane, g.inH, g.inW, row.first, col.first, th, tw, tiles8);
          k.winogradGemm(uPtr, vPtr, mPtr, cinG, coutG, tiles8);
          k.winogradOutput(
            mPtr,
            oImage,
            biasAt,
            bias === undefined ? 0 : 1,
            coutG,
            th,
            tw,
            tiles8,
            outPlane,
            g.outW,
            g.strideH,
            g.strideW,
            ry,
            rx,
            row.count,
            col.count,
          );
        }
      }
    }
  }
  out.set(mem.subarray(oPtr / FLOAT, oPtr / FLOAT + out.length));
  releaseLargeArena(k);
  return true;
}
