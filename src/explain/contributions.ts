/** The terms that sum to one output pixel of a transposed convolution. */
import { Tensor, formatNumber } from "../tensor";
import { checkOptionNames, describe } from "../args";
import { EXPLAIN_OPTION_NAMES, planeTransposedConv, type ExplainOptions } from "./planeGeometry";

/** One term: an input pixel times a kernel entry. */
export interface ContributionTerm {
  input: { position: [number, number]; value: number };
  kernel: { position: [number, number]; value: number };
  /** `input.value x kernel.value`. */
  product: number;
}

/** Everything that reaches one output pixel. */
export interface Contributions {
  /** The output pixel `[row, col]`. */
  position: [number, number];
  /** The terms, ordered by input pixel (row-major), zero-valued ones included. */
  terms: ContributionTerm[];
  /** Their sum: the output value. */
  sum: number;
  /** The sum of the products, e.g. `0 + 2 + 2 + 0 = 4` (the article's notation). */
  formula: string;
  /** The same with each product written as input·kernel, e.g. `0·3 + 1·2 + 2·1 + 3·0 = 4`. */
  expanded: string;
}

function joinSigned(parts: number[], render: (i: number) => string): string {
  return parts
    .map((p, i) => {
      const text = render(i);
      if (i === 0) return text;
      return p < 0 ? ` - ${text.replace(/^-/, "")}` : ` + ${text}`;
    })
    .join("");
}

/**
 * The terms (input pixel x kernel entry) that sum to output pixel `[row, col]` of
 * the single-plane transposed convolution `convTranspose2d(x, kernel, options)`:
 * input pixel `(i, j)` meets kernel entry `(u, v)` there when
 * `i·sh + u·dh - padTop = row` and `j·sw + v·dw - padLeft = col`. With a 1-D signal `[L]`
 * and kernel `[k]` (options as `convTranspose1d`'s), `position` is the output index `j` (or `[j]`)
 * and the terms' positions are `[0, j]`.
 *
 * @example contributions(tensor([[0, 1], [2, 3]]), tensor([[0, 1], [2, 3]]), {}, [1, 1]).formula // "0 + 2 + 2 + 0 = 4"
 */
export function contributions(
  x: Tensor,
  kernel: Tensor,
  options: ExplainOptions | undefined,
  position: readonly [number, number] | readonly [number] | number,
): Contributions {
  const fn = "contributions";
  checkOptionNames(fn, options, EXPLAIN_OPTION_NAMES);
  const { x: xf, kernel: kf, g, oneD } = planeTransposedConv(fn, x, kernel, options, true);
  if (oneD) {
    // a 1-D signal is one row: the position is the column
    const col =
      typeof position === "number" ? position : Array.isArray(position) && position.length === 1 ? position[0] : undefined;
    const inside = typeof col === "number" && Number.isInteger(col) && col >= 0 && col < g.outW;
    if (!inside) {
      throw new RangeError(
        `${fn}: position must be an index inside the output of length ${g.outW} (0 <= j < ${g.outW}), got ${describe(position)}`,
      );
    }
    position = [0, col];
  }
  const ok =
    Array.isArray(position) &&
    position.length === 2 &&
    position.every((v) => typeof v === "number" && Number.isInteger(v)) &&
    position[0] >= 0 &&
    position[0] < g.outH &&
    position[1] >= 0 &&
    position[1] < g.outW;
  if (!ok) {
    throw new RangeError(
      `${fn}: position must be [row, col] inside the ${g.outH}x${g.outW} output ` +
        `(0 <= row < ${g.outH}, 0 <= col < ${g.outW}), got ${describe(position)}`,
    );
  }
  const [row, col] = position as readonly [number, number];
  const terms: ContributionTerm[] = [];
  for (let i = 0; i < g.inH; i++) {
    for (let j = 0; j < g.inW; j++) {
      for (let u = 0; u < g.kernelH; u++) {
        if (i * g.strideH + u * g.dilationH - g.cropTop !== row) continue;
        for (let v = 0; v < g.kernelW; v++) {
          if (j * g.strideW + v * g.dilationW - g.cropLeft !== col) continue;
          const a = xf.data[i * g.inW + j];
          const b = kf.data[u * g.kernelW + v];
          terms.push({ input: { position: [i, j], value: a }, kernel: { position: [u, v], value: b }, product: a * b });
        }
      }
    }
  }
  const sum = terms.reduce((acc, t) => acc + t.product, 0);
  const products = terms.map((t) => t.product);
  const factor = (v: number): string => (v < 0 ? `(${formatNumber(v)})` : formatNumber(v));
  // A sum of one term is that term: "6", not "6 = 6" (the explainer prints "y[3, 2] = <formula>").
  const formula =
    terms.length === 0
      ? "0 (no input pixel reaches this output pixel)"
      : terms.length === 1
        ? formatNumber(sum)
        : `${joinSigned(products, (k) => formatNumber(products[k]))} = ${formatNumber(sum)}`;
  const expanded =
    terms.length === 0
      ? formula
      : `${terms.map((t) => `${factor(t.input.value)}·${factor(t.kernel.value)}`).join(" + ")} = ${formatNumber(sum)}`;
  return { position: [row, col], terms, sum, formula, expanded };
}
