/** "Bed of nails" upsampling: each value goes to one fixed position of its block. */
import { Tensor } from "../tensor";
import { checkOptionNames, describe } from "../args";
import { type Layout, checkLayout, prepareOutput, readImageBatch } from "./layout";
import { parsePair } from "../args";
import type { ScaleFactor } from "./targetSize";

/** Options of {@link bedOfNails}. */
export interface BedOfNailsOptions {
  /** Integer block size per axis (`2` or `[2, 3]`); required. */
  scale: ScaleFactor;
  /** Where in each `sh x sw` block the value goes: `[row, col]`, default `[0, 0]` (top-left). */
  position?: readonly [number, number];
  /** Layout of a 4-D input: `'NCHW'` (default, PyTorch) or `'NHWC'` (Keras/TF). */
  layout?: Layout;
  /** Preallocated output of the right shape and dtype; filled and returned. */
  out?: Tensor;
}

const OPTION_NAMES = ["scale", "position", "layout", "out"] as const;

/**
 * Bed-of-nails upsampling of a 2-D `[H, W]` or 4-D image batch: input pixel `(y, x)`
 * is written to output pixel `(y * sh + row, x * sw + col)` and every other pixel of
 * the `sh x sw` block is zero. `position = [row, col]` defaults to the top-left `[0, 0]`.
 * This is max-unpooling with every index fixed at the same place in its block.
 *
 * @example bedOfNails(tensor([[1, 2], [3, 4]]), { scale: 2 }) // [[1,0,2,0],[0,0,0,0],[3,0,4,0],[0,0,0,0]]
 */
export function bedOfNails(x: Tensor, options: BedOfNailsOptions): Tensor {
  const fn = "bedOfNails";
  checkOptionNames(fn, options, OPTION_NAMES);
  if (options === undefined || options.scale === undefined) {
    throw new TypeError(`${fn}: scale is required (a positive integer or [sh, sw]), got undefined`);
  }
  const [sh, sw] = parsePair(fn, "scale", options.scale, 1);
  const position = options.position ?? [0, 0];
  if (
    !Array.isArray(position) ||
    position.length !== 2 ||
    !position.every((v) => typeof v === "number" && Number.isInteger(v)) ||
    position[0] < 0 ||
    position[0] >= sh ||
    position[1] < 0 ||
    position[1] >= sw
  ) {
    throw new RangeError(
      `${fn}: position must be [row, col] with 0 <= row < ${sh} and 0 <= col < ${sw}, got ${describe(position)}`,
    );
  }
  const [pr, pc] = position;
  const src = readImageBatch(fn, x, checkLayout(fn, options.layout));
  const { tensor: out, view: dst } = prepareOutput(fn, options.out, src, src.height * sh, src.width * sw, x.dtype);
  for (let n = 0; n < src.batch; n++) {
    for (let ch = 0; ch < src.channels; ch++) {
      const sBase = n * src.strides.image + ch * src.strides.channel;
      const dBase = n * dst.strides.image + ch * dst.strides.channel;
      for (let y = 0; y < src.height; y++) {
        for (let c = 0; c < src.width; c++) {
          dst.data[dBase + (y * sh + pr) * dst.strides.row + (c * sw + pc) * dst.strides.column] =
            src.data[sBase + y * src.strides.row + c * src.strides.column];
        }
      }
    }
  }
  return out;
}
