/**
 * Encodes an image tensor as PNG bytes (8-bit RGB), for showing photographs and
 * their upsampled versions in notebook outputs.
 */
import { encodePng } from "../figure/png";
import { Tensor } from "../tensor";
import { imagePlanes } from "./imagePlanes";

/**
 * PNG file bytes of `image`: `(3, H, W)` RGB, `(1, H, W)` or `(H, W)` greyscale, with
 * values in [0, 1] (values outside are clipped, NaN becomes 0; a transposed
 * convolution can overshoot slightly). A 4th (alpha) channel is refused.
 */
export function imagePng(image: Tensor): Uint8Array {
  const { planes, height, width } = imagePlanes("imagePng", image);
  const pixels = new Uint8Array(width * height * 3);
  const plane = width * height;
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) {
      const v = planes[c === 0 || planes.length === 3 ? c : 0][p];
      pixels[p * 3 + c] = v > 0 ? (v < 1 ? Math.round(v * 255) : 255) : 0;
    }
  }
  return encodePng({ width, height, pixels }, "fixed");
}
