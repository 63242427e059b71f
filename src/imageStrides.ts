/**
 * Where the elements of a batch of images live in a flat array, as element strides: the one
 * stride record of the library, used by the convolution layouts, resampling and pooling alike
 * (NCHW and NHWC are two settings of it).
 */

/** Element strides of a batch of images: image, channel, row, column. */
export interface ImageStrides {
  readonly image: number;
  readonly channel: number;
  readonly row: number;
  readonly column: number;
}

/** Strides of contiguous NCHW images with `c` channels of `h x w`. */
export function nchwStrides(c: number, h: number, w: number): ImageStrides {
  return { image: c * h * w, channel: h * w, row: w, column: 1 };
}

/** Strides of contiguous NHWC images with `c` channels of `h x w`. */
export function nhwcStrides(c: number, h: number, w: number): ImageStrides {
  return { image: h * w * c, channel: 1, row: w * c, column: c };
}

/** True when `s` is the contiguous NCHW layout of `c x h x w` images. */
export function isNchw(s: ImageStrides, c: number, h: number, w: number): boolean {
  return s.column === 1 && s.row === w && s.channel === h * w && s.image === c * h * w;
}
