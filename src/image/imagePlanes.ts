/** Reads an image tensor as colour planes: `(3, H, W)`, `(1, H, W)` or `(H, W)`. */
import { Tensor, type TensorData } from "../tensor";

/** The planes of an image tensor (1 grey or 3 RGB), each `H * W` values, row-major. */
export interface ImagePlanes {
  planes: TensorData[];
  height: number;
  width: number;
}

/** Splits `image` into its planes; a clear error for any other shape. */
export function imagePlanes(fn: string, image: unknown): ImagePlanes {
  if (!(image instanceof Tensor)) {
    throw new TypeError(`${fn}: image must be a Tensor of shape (3, H, W), (1, H, W) or (H, W), got ${typeof image}`);
  }
  const s = image.shape;
  const ok = (s.length === 2 || (s.length === 3 && (s[0] === 1 || s[0] === 3))) && image.size > 0;
  if (!ok) {
    throw new RangeError(`${fn}: image must have shape (3, H, W), (1, H, W) or (H, W) with H, W >= 1, got [${s.join(", ")}]`);
  }
  const [c, height, width] = s.length === 2 ? [1, s[0], s[1]] : [s[0], s[1], s[2]];
  const plane = height * width;
  const planes = Array.from({ length: c }, (_, i) => image.data.subarray(i * plane, (i + 1) * plane));
  return { planes, height, width };
}
