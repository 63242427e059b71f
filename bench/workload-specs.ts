/**
 * The sizes and seeds of issue 7's workloads W1-W7, as data: bench/workloads.ts builds the Node
 * benchmark from them and bench/browser/page-bench.ts the same workloads inside Chromium.
 */

/** A transposed-convolution workload: x [n, cin, h, w], weight [cin, cout, k, k], stride s, padding p, output padding op. */
export interface TransposedShape {
  id: string;
  title: string;
  n: number;
  cin: number;
  h: number;
  w: number;
  cout: number;
  k: number;
  s: number;
  p: number;
  op: number;
}

/** W1-W4. */
export const TRANSPOSED_SHAPES: readonly TransposedShape[] = [
  { id: "W1", title: "teaching size 1x1x5x5, k3 s2 p1", n: 1, cin: 1, h: 5, w: 5, cout: 1, k: 3, s: 2, p: 1, op: 0 },
  { id: "W2", title: "256x16x16 -> 128, k4 s2 p1", n: 1, cin: 256, h: 16, w: 16, cout: 128, k: 4, s: 2, p: 1, op: 0 },
  { id: "W3", title: "64x128x128 -> 32, k2 s2", n: 1, cin: 64, h: 128, w: 128, cout: 32, k: 2, s: 2, p: 0, op: 0 },
  { id: "W4", title: "32x64x64 -> 32, k5 s2 p2 op1", n: 1, cin: 32, h: 64, w: 64, cout: 32, k: 5, s: 2, p: 2, op: 1 },
];

/** Seeds of a transposed workload's input and weight. */
export const TRANSPOSED_SEEDS = { x: 11, weight: 12 } as const;

/** W5 (bilinear) and W6 (nearest): x2 resampling of one [n, c, h, w] input. */
export const RESIZE_SHAPE: readonly [number, number, number, number] = [1, 64, 128, 128];
export const RESIZE_SEED = 21;
export const RESIZE_TITLES = { W5: "bilinear x2 (half-pixel), 1x64x128x128", W6: "nearest x2, 1x64x128x128" } as const;

/** W7: 2x2 max-pooling with indices, then unpooling, of one [n, c, h, w] input. */
export const POOL_SHAPE: readonly [number, number, number, number] = [1, 64, 128, 128];
export const POOL_SEED = 31;
export const POOL_TITLE = "max-pool 2x2 with indices + unpool, 1x64x128x128";

/** The transposed workload `id`. */
export function transposedShape(id: string): TransposedShape {
  const found = TRANSPOSED_SHAPES.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no transposed workload '${id}'`);
  return found;
}

/** A typed array that workload's `lib` call allocates for its result (what `lib out=` gets preallocated). */
export interface FreshArray {
  dtype: "float32" | "float64";
  length: number;
}

/**
 * The arrays the public API allocates for workload `id`'s results: the transposed convolution's
 * output, the x2 resampled batch, or max-pooling's values and float64 indices plus the unpooled
 * output. Undefined for a workload other than W1-W7.
 */
export function freshOutputs(id: string): FreshArray[] | undefined {
  if (id === "W5" || id === "W6") {
    const [n, c, h, w] = RESIZE_SHAPE;
    return [{ dtype: "float32", length: n * c * 2 * h * 2 * w }];
  }
  if (id === "W7") {
    const [n, c, h, w] = POOL_SHAPE;
    const pooled = n * c * Math.floor(h / 2) * Math.floor(w / 2);
    return [
      { dtype: "float32", length: pooled },
      { dtype: "float64", length: pooled },
      { dtype: "float32", length: n * c * h * w },
    ];
  }
  const s = TRANSPOSED_SHAPES.find((t) => t.id === id);
  if (s === undefined) return undefined;
  const out = (size: number) => (size - 1) * s.s - 2 * s.p + s.k + s.op;
  return [{ dtype: "float32", length: s.n * s.cout * out(s.h) * out(s.w) }];
}
