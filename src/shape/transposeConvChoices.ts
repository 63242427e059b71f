/** The inverse question of the output-size formula: which settings take size i to size o? */
import { checkOptionNames, describe } from "../args";
import { parseInteger } from "../args";

/** Parameters of {@link transposeConvChoices}. */
export interface TransposeConvChoicesParams {
  /** Input size `i` (>= 1). */
  i: number;
  /** Wanted output size `o` (>= 1). */
  o: number;
  /** Largest kernel size tried (default 7). */
  maxKernel?: number;
  /** Largest stride tried (default 4). */
  maxStride?: number;
  /** Largest padding tried (default 3). */
  maxPadding?: number;
}

/** One setting of a transposed convolution that produces the wanted size. */
export interface TransposeConvChoice {
  k: number;
  s: number;
  p: number;
  /** Output padding `a` (< s). */
  outputPadding: number;
  /** The output-size formula with these numbers, e.g. `o = (3 - 1)·2 + 3 - 2·1 + 0 = 5`. */
  formula: string;
}

const NAMES = ["i", "o", "maxKernel", "maxStride", "maxPadding"] as const;

/**
 * Every `(k, s, p, outputPadding)` with `k <= maxKernel`, `s <= maxStride`,
 * `p <= maxPadding` and `0 <= outputPadding < s` for which a transposed convolution
 * (dilation 1) takes an `i`-pixel input to exactly `o` pixels:
 * `(i - 1)·s + k - 2p + outputPadding = o`. Sorted by stride, kernel, padding, output padding.
 *
 * @example transposeConvChoices({ i: 3, o: 5, maxKernel: 3 }) // includes { k: 3, s: 2, p: 1, outputPadding: 0 }
 */
export function transposeConvChoices(params: TransposeConvChoicesParams): TransposeConvChoice[] {
  const fn = "transposeConvChoices";
  if (params === null || typeof params !== "object") {
    throw new TypeError(`${fn}: params must be an object like { i, o }, got ${describe(params)}`);
  }
  checkOptionNames(fn, params, NAMES);
  const i = parseInteger(fn, "i", params.i, 1);
  const o = parseInteger(fn, "o", params.o, 1);
  const maxKernel = parseInteger(fn, "maxKernel", params.maxKernel ?? 7, 1);
  const maxStride = parseInteger(fn, "maxStride", params.maxStride ?? 4, 1);
  const maxPadding = parseInteger(fn, "maxPadding", params.maxPadding ?? 3, 0);
  const choices: TransposeConvChoice[] = [];
  for (let s = 1; s <= maxStride; s++) {
    for (let k = 1; k <= maxKernel; k++) {
      for (let p = 0; p <= maxPadding; p++) {
        const a = o - ((i - 1) * s + k - 2 * p);
        if (a < 0 || a >= s) continue;
        choices.push({
          k,
          s,
          p,
          outputPadding: a,
          formula: `o = (${i} - 1)·${s} + ${k} - 2·${p} + ${a} = ${o}`,
        });
      }
    }
  }
  return choices;
}
