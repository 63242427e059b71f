/**
 * The target size of a resize: either integer scale factors (`scale: 2` or `[2, 3]`)
 * or an explicit output size (`size: [h, w]`), exactly one of the two.
 */
import { describe } from "../args";
import { parsePair, type Pair, type PairLike } from "../args";
import type { ImageBatch } from "./layout";

/** An integer factor per spatial axis: one number for both, or `[sh, sw]`. */
export type ScaleFactor = PairLike;

/** Checks `size` (a pair of positive integers) and returns `[h, w]`. */
export function checkSize(fn: string, size: unknown, name = "size"): Pair {
  if (!Array.isArray(size)) {
    throw new TypeError(`${fn}: ${name} must be a pair [h, w] of integers >= 1, got ${describe(size)}`);
  }
  return parsePair(fn, name, size, 1);
}

/** The output `[h, w]` from exactly one of `scale` / `size`. */
export function targetSize(fn: string, options: { scale?: unknown; size?: unknown }, input: ImageBatch): [number, number] {
  const hasScale = options.scale !== undefined;
  const hasSize = options.size !== undefined;
  if (hasScale === hasSize) {
    throw new TypeError(`${fn}: give exactly one of scale or size, got ${hasScale ? "both" : "neither"}`);
  }
  if (hasSize) {
    const size = checkSize(fn, options.size);
    if (input.height === 0 || input.width === 0) {
      throw new RangeError(`${fn}: cannot resize an empty ${input.height}x${input.width} image to ${size[0]}x${size[1]}`);
    }
    return size;
  }
  const [sh, sw] = parsePair(fn, "scale", options.scale, 1);
  return [input.height * sh, input.width * sw];
}
