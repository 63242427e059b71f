/**
 * Shrinks very large feature maps for drawing: each `factor x factor` block
 * becomes the mean of its finite values (NaN when the block holds none, keeping
 * the sign of infinities when the block holds only infinities of one sign).
 */
import type { FeatureMaps } from "./featureMaps";

/** Maps reduced by an integer factor, and that factor (1: unchanged). */
export interface DownsampledMaps {
  maps: FeatureMaps;
  factor: number;
}

/** The smallest integer factor that brings both sides to at most `maxSide` cells. */
export function downsampleFactor(height: number, width: number, maxSide: number): number {
  return Math.max(1, Math.ceil(Math.max(height, width) / maxSide));
}

/** `maps` reduced by `factor` (block means; partial blocks at the edges average what they hold). */
export function downsampleMaps(maps: FeatureMaps, factor: number): DownsampledMaps {
  if (factor <= 1) return { maps, factor: 1 };
  const h = Math.ceil(maps.height / factor);
  const w = Math.ceil(maps.width / factor);
  const out = new Float64Array(maps.channels * h * w);
  for (let c = 0; c < maps.channels; c++) {
    for (let by = 0; by < h; by++) {
      for (let bx = 0; bx < w; bx++) {
        let sum = 0;
        let finite = 0;
        let posInf = 0;
        let negInf = 0;
        for (let y = by * factor; y < Math.min(maps.height, (by + 1) * factor); y++) {
          const rowBase = (c * maps.height + y) * maps.width;
          for (let x = bx * factor; x < Math.min(maps.width, (bx + 1) * factor); x++) {
            const v = maps.values[rowBase + x];
            if (Number.isFinite(v)) {
              sum += v;
              finite++;
            } else if (v === Infinity) posInf++;
            else if (v === -Infinity) negInf++;
          }
        }
        let v: number;
        if (finite > 0) v = sum / finite;
        else if (posInf > 0 && negInf === 0) v = Infinity;
        else if (negInf > 0 && posInf === 0) v = -Infinity;
        else v = NaN;
        out[(c * h + by) * w + bx] = v;
      }
    }
  }
  return { maps: { channels: maps.channels, height: h, width: w, values: out }, factor };
}
