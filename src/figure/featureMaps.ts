/**
 * The feature maps a figure draws: a `[w]`, `[h, w]`, `[c, h, w]` or `[1, c, h, w]`
 * tensor seen as `c` maps of `h x w` values, with clear errors for anything else.
 */
import type { Tensor } from "../tensor";

/** `channels` maps of `height x width` values, row-major, channel after channel. */
export interface FeatureMaps {
  channels: number;
  height: number;
  width: number;
  values: ArrayLike<number>;
}

/** The maps held by a tensor of rank 1 (one row), 2 (one map), 3 `(C, H, W)` or 4 `(1, C, H, W)`. */
export function featureMapsOf(fn: string, t: Tensor): FeatureMaps {
  const isTensorLike =
    t !== null &&
    typeof t === "object" &&
    Array.isArray(t.shape) &&
    (t.data instanceof Float32Array || t.data instanceof Float64Array);
  if (!isTensorLike) {
    throw new TypeError(`${fn}: expected a Tensor of shape [h, w] or [c, h, w], got ${String(t)}`);
  }
  const s = t.shape;
  let maps: FeatureMaps;
  if (s.length === 1) maps = { channels: 1, height: 1, width: s[0], values: t.data };
  else if (s.length === 2) maps = { channels: 1, height: s[0], width: s[1], values: t.data };
  else if (s.length === 3) maps = { channels: s[0], height: s[1], width: s[2], values: t.data };
  else if (s.length === 4 && s[0] === 1) maps = { channels: s[1], height: s[2], width: s[3], values: t.data };
  else {
    throw new RangeError(
      `${fn}: expected a tensor of rank 2 [h, w] or 3 [c, h, w] (or [1, c, h, w]), got shape [${s.join(", ")}]`,
    );
  }
  if (maps.channels * maps.height * maps.width === 0) {
    throw new RangeError(`${fn}: cannot draw an empty tensor of shape [${s.join(", ")}]`);
  }
  return maps;
}

/** The value at (channel, row, col). */
export function mapValue(maps: FeatureMaps, channel: number, row: number, col: number): number {
  return maps.values[(channel * maps.height + row) * maps.width + col];
}
