/**
 * Where a max-pooling index points, in each framework's convention. With the maximum at
 * spatial position (z, y, x) of channel c of image n, in an input of N images, C channels and
 * spatial size D x H x W (1-D and 2-D inputs have D = H = 1 or D = 1):
 * - `'pytorch'`: flat in its own plane/volume, `(z H + y) W + x` (PyTorch `return_indices`);
 * - `'onnx'`: flat over the whole NC... tensor, `((n C + c) D + z) H + y) W + x` (ONNX MaxPool, `storage_order=0`);
 * - `'onnx-column-major'`: the same with the spatial axes in column-major order,
 *   `(n C + c) DHW + (x H + y) D + z` (ONNX `storage_order=1`);
 * - `'tf'`: flat over one channels-last image, `((z H + y) W + x) C + c` (TF `max_pool_with_argmax`,
 *   `include_batch_in_index=False`);
 * - `'tf-with-batch'`: flat over the channels-last batch, `(((n D + z) H + y) W + x) C + c`
 *   (`include_batch_in_index=True`).
 */
import { describe } from "../args";

/** The index conventions of max-pooling and max-unpooling. */
export type PoolIndexConvention = "pytorch" | "onnx" | "onnx-column-major" | "tf" | "tf-with-batch";

/** Every accepted `indexConvention`. */
export const POOL_INDEX_CONVENTIONS: readonly PoolIndexConvention[] = [
  "pytorch",
  "onnx",
  "onnx-column-major",
  "tf",
  "tf-with-batch",
];

/** Reads an `indexConvention` option (default `'pytorch'`). */
export function parseIndexConvention(fn: string, value: unknown): PoolIndexConvention {
  if (value === undefined) return "pytorch";
  if (!POOL_INDEX_CONVENTIONS.includes(value as PoolIndexConvention)) {
    throw new RangeError(
      `${fn}: indexConvention must be one of ${POOL_INDEX_CONVENTIONS.map((c) => `'${c}'`).join(", ")}, got ${describe(value)}`,
    );
  }
  return value as PoolIndexConvention;
}

/** The sizes an index is relative to: images, channels, and the spatial size `[D, H, W]`. */
export interface IndexSpace {
  readonly batch: number;
  readonly channels: number;
  readonly size: readonly number[];
}

/** The index of spatial position `p = (z H + y) W + x` of channel `c` of image `n` in `convention`. */
export function encodePoolIndex(convention: PoolIndexConvention, space: IndexSpace, n: number, c: number, p: number): number {
  const [D, H, W] = space.size;
  const volume = D * H * W;
  switch (convention) {
    case "pytorch":
      return p;
    case "onnx":
      return (n * space.channels + c) * volume + p;
    case "onnx-column-major": {
      const x = p % W;
      const y = Math.floor(p / W) % H;
      const z = Math.floor(p / (W * H));
      return (n * space.channels + c) * volume + (x * H + y) * D + z;
    }
    case "tf":
      return p * space.channels + c;
    case "tf-with-batch":
      return (n * volume + p) * space.channels + c;
  }
}

/** How many values an index may take: `[0, limit)`. */
export function poolIndexLimit(convention: PoolIndexConvention, space: IndexSpace): number {
  const volume = space.size[0] * space.size[1] * space.size[2];
  if (convention === "pytorch") return volume;
  if (convention === "tf") return volume * space.channels;
  return space.batch * space.channels * volume;
}

/**
 * The inverse of `encodePoolIndex` for an index read at image `n`, channel `c`: the image,
 * channel and spatial position `(z H + y) W + x` it points to (conventions that do not encode
 * the image or the channel keep `n` or `c`). The index must be an integer in `[0, limit)`.
 */
export function decodePoolIndex(
  convention: PoolIndexConvention,
  space: IndexSpace,
  n: number,
  c: number,
  index: number,
): [number, number, number] {
  const [D, H, W] = space.size;
  const volume = D * H * W;
  const C = space.channels;
  switch (convention) {
    case "pytorch":
      return [n, c, index];
    case "onnx":
      return [Math.floor(index / (C * volume)), Math.floor(index / volume) % C, index % volume];
    case "onnx-column-major": {
      const q = index % volume;
      const z = q % D;
      const y = Math.floor(q / D) % H;
      const x = Math.floor(q / (D * H));
      return [Math.floor(index / (C * volume)), Math.floor(index / volume) % C, (z * H + y) * W + x];
    }
    case "tf":
      return [n, index % C, Math.floor(index / C)];
    case "tf-with-batch": {
      const rest = Math.floor(index / C);
      return [Math.floor(rest / volume), index % C, rest % volume];
    }
  }
}
