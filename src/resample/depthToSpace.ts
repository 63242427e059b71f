/**
 * Pixel shuffle: moving channels into space and back. `depthToSpace`/`spaceToDepth` (ONNX, TF) in
 * both channel orders, and PyTorch's `pixelShuffle`/`pixelUnshuffle` (= depthToSpace in CRD order).
 */
import { Tensor } from "../tensor";
import { checkNoAlias, checkOptionNames, describe, outputData, parseInteger, requireTensor } from "../args";

/**
 * Which channel of a block goes where. With `b` the block size and `C` the channels after
 * depth-to-space, output pixel `(h*b + i, w*b + j)` of channel `c` comes from input channel
 * - `'DCR'` (depth-column-row; ONNX's default, TF `depth_to_space`): `(i*b + j) * C + c`;
 * - `'CRD'` (column-row-depth; PyTorch `pixel_shuffle`, ONNX `mode='CRD'`): `c*b*b + i*b + j`.
 */
export type DepthToSpaceMode = "DCR" | "CRD";

/** Options of {@link depthToSpace} and {@link spaceToDepth}. */
export interface DepthToSpaceOptions {
  /** Side `b` of the square block of pixels one channel group fills; required, integer >= 1. */
  blockSize: number;
  /** Channel order, `'DCR'` (default, ONNX and TF) or `'CRD'` (PyTorch). */
  mode?: DepthToSpaceMode;
  /** `'NCHW'` (default, ONNX and PyTorch) or `'NHWC'` (TF). */
  layout?: "NCHW" | "NHWC";
  /** Preallocated output of the right shape and dtype; filled and returned. */
  out?: Tensor;
}

const OPTION_NAMES = ["blockSize", "mode", "layout", "out"] as const;

interface Parsed {
  b: number;
  crd: boolean;
  nhwc: boolean;
  /** Batch dimension present (rank 4) or not (rank 3, one image). */
  batched: boolean;
  n: number;
  c: number;
  h: number;
  w: number;
}

function parse(fn: string, x: unknown, options: DepthToSpaceOptions | undefined): Parsed {
  const t = requireTensor(fn, "x", x);
  checkOptionNames(fn, options, OPTION_NAMES);
  if (options === undefined || options.blockSize === undefined) {
    throw new TypeError(`${fn}: blockSize is required (an integer >= 1), got undefined`);
  }
  const b = parseInteger(fn, "blockSize", options.blockSize, 1);
  const mode = options.mode ?? "DCR";
  if (mode !== "DCR" && mode !== "CRD") throw new TypeError(`${fn}: mode must be 'DCR' or 'CRD', got ${describe(mode)}`);
  const layout = options.layout ?? "NCHW";
  if (layout !== "NCHW" && layout !== "NHWC") {
    throw new TypeError(`${fn}: layout must be 'NCHW' or 'NHWC', got ${describe(layout)}`);
  }
  const nhwc = layout === "NHWC";
  if (t.rank !== 3 && t.rank !== 4) {
    throw new RangeError(`${fn}: x must be a 4-D ${layout} tensor (or 3-D without the batch), got shape [${t.shape.join(", ")}]`);
  }
  const s = t.rank === 4 ? t.shape : [1, ...t.shape];
  const [n, c, h, w] = nhwc ? [s[0], s[3], s[1], s[2]] : [s[0], s[1], s[2], s[3]];
  return { b, crd: mode === "CRD", nhwc, batched: t.rank === 4, n, c, h, w };
}

function shapeOf(p: Parsed, c: number, h: number, w: number): number[] {
  const s = p.nhwc ? [p.n, h, w, c] : [p.n, c, h, w];
  return p.batched ? s : s.slice(1);
}

/**
 * Moves the pixels of `x` between depth and space: `[N, C*b*b, H, W] -> [N, C, H*b, W*b]` when
 * `toSpace`, the inverse when not; `at(n, c, y, x)` gives the flat index in the tensor of
 * shape `[N, C, H*b, W*b]` (its layout), and the channel order picks the depth index.
 */
function shuffle(fn: string, x: Tensor, p: Parsed, toSpace: boolean, out: unknown): Tensor {
  const { b, n, nhwc } = p;
  const bb = b * b;
  // sizes of the space side (C, H*b, W*b) and of the depth side (C*b*b, H, W)
  const [c, hs, ws] = toSpace ? [p.c / bb, p.h * b, p.w * b] : [p.c, p.h, p.w];
  const [cd, hd, wd] = toSpace ? [p.c, p.h, p.w] : [p.c * bb, p.h / b, p.w / b];
  const outShape = toSpace ? shapeOf(p, c, hs, ws) : shapeOf(p, cd, hd, wd);
  checkNoAlias(fn, out, { x });
  const data = outputData(fn, out, outShape, x.dtype, false);
  const spaceIndex = (bi: number, ch: number, y: number, xx: number): number =>
    nhwc ? ((bi * hs + y) * ws + xx) * c + ch : ((bi * c + ch) * hs + y) * ws + xx;
  const depthIndex = (bi: number, ch: number, y: number, xx: number): number =>
    nhwc ? ((bi * hd + y) * wd + xx) * cd + ch : ((bi * cd + ch) * hd + y) * wd + xx;
  const src = x.data;
  for (let bi = 0; bi < n; bi++) {
    for (let ch = 0; ch < c; ch++) {
      for (let i = 0; i < b; i++) {
        for (let j = 0; j < b; j++) {
          const depth = p.crd ? ch * bb + i * b + j : (i * b + j) * c + ch;
          for (let y = 0; y < hd; y++) {
            for (let xx = 0; xx < wd; xx++) {
              const s = spaceIndex(bi, ch, y * b + i, xx * b + j);
              const d = depthIndex(bi, depth, y, xx);
              if (toSpace) data[s] = src[d];
              else data[d] = src[s];
            }
          }
        }
      }
    }
  }
  return (out as Tensor | undefined) ?? new Tensor(data, outShape);
}

/**
 * ONNX `DepthToSpace` / TF `depth_to_space`: `[N, C*b*b, H, W] -> [N, C, H*b, W*b]` (or NHWC),
 * each group of `b*b` channels filling the `b x b` blocks of one output channel (see {@link DepthToSpaceMode}).
 *
 * @example depthToSpace(x, { blockSize: 2, mode: "CRD" }) // = pixelShuffle(x, 2)
 */
export function depthToSpace(x: Tensor, options: DepthToSpaceOptions): Tensor {
  return toSpace("depthToSpace", x, options);
}

function toSpace(fn: string, x: Tensor, options: DepthToSpaceOptions): Tensor {
  const p = parse(fn, x, options);
  if (p.c % (p.b * p.b) !== 0) {
    throw new RangeError(
      `${fn}: the channels of x (${p.c}) must be divisible by blockSize * blockSize = ${p.b * p.b}, got shape [${x.shape.join(", ")}]`,
    );
  }
  return shuffle(fn, x, p, true, options.out);
}

/**
 * ONNX `SpaceToDepth` / TF `space_to_depth`: `[N, C, H*b, W*b] -> [N, C*b*b, H, W]` (or NHWC), the
 * inverse of {@link depthToSpace} with the same `mode` (ONNX's SpaceToDepth has the `'DCR'` order).
 */
export function spaceToDepth(x: Tensor, options: DepthToSpaceOptions): Tensor {
  return toDepth("spaceToDepth", x, options);
}

function toDepth(fn: string, x: Tensor, options: DepthToSpaceOptions): Tensor {
  const p = parse(fn, x, options);
  if (p.h % p.b !== 0 || p.w % p.b !== 0) {
    throw new RangeError(
      `${fn}: the height and width of x (${p.h} x ${p.w}) must be divisible by blockSize ${p.b}, got shape [${x.shape.join(", ")}]`,
    );
  }
  return shuffle(fn, x, p, false, options.out);
}

/**
 * PyTorch `pixel_shuffle`: `[N, C*r*r, H, W] -> [N, C, H*r, W*r]` (also without the batch axis);
 * the same as ONNX DepthToSpace in `'CRD'` mode. The last step of a sub-pixel convolution
 * (Shi et al., 2016).
 */
export function pixelShuffle(x: Tensor, upscaleFactor: number): Tensor {
  return toSpace("pixelShuffle", x, { blockSize: parseInteger("pixelShuffle", "upscaleFactor", upscaleFactor, 1), mode: "CRD" });
}

/** PyTorch `pixel_unshuffle`: `[N, C, H*r, W*r] -> [N, C*r*r, H, W]`, the inverse of {@link pixelShuffle}. */
export function pixelUnshuffle(x: Tensor, downscaleFactor: number): Tensor {
  return toDepth("pixelUnshuffle", x, {
    blockSize: parseInteger("pixelUnshuffle", "downscaleFactor", downscaleFactor, 1),
    mode: "CRD",
  });
}
