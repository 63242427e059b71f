/**
 * The article's summary table: standard convolution and transposed convolution side
 * by side (zero insertions, padding, stride, output size), as data for notebooks to render.
 */
import { checkOptionNames, describe } from "../args";
import { convOutputSize, convTransposeOutputSize, readSizeParams } from "./outputSize";
import { equivalentConvolution } from "./equivalentConvolution";

/** One cell: the expression in symbols and, when numbers were given, its value. */
export interface SummaryCell {
  /** In symbols, e.g. `k - p - 1`. */
  symbolic: string;
  /** The value for the given numbers (absent when the table is symbolic only). */
  value?: number;
  /** The expression with the numbers filled in, e.g. `3 - 1 - 1 = 1`. */
  filled?: string;
}

/** One row of the summary table. */
export interface SummaryRow {
  /** `'convolution'` or `'transposed convolution'`. */
  type: "convolution" | "transposed convolution";
  /** What it does to the spatial size. */
  operation: "downsampling" | "upsampling";
  /** Zeros inserted between input pixels. */
  zeroInsertions: SummaryCell;
  /** Padding of the (stretched) input. */
  padding: SummaryCell;
  /** Stride of the sliding window. */
  stride: SummaryCell;
  /** Output size. */
  outputSize: SummaryCell;
}

/** A column of the table: the row key and the header text. */
export interface SummaryColumn {
  key: keyof SummaryRow;
  title: string;
}

/** The whole table. */
export interface SummaryTable {
  columns: SummaryColumn[];
  rows: [SummaryRow, SummaryRow];
  /** The numbers used, when given. */
  params?: { i: number; k: number; s: number; p: number };
  /** The remark under the article's table. */
  note: string;
}

/** Optional numbers for {@link summaryTable}. */
export interface SummaryTableParams {
  i: number;
  k: number;
  s?: number;
  p?: number;
}

const NAMES = ["i", "k", "s", "p"] as const;

const COLUMNS: SummaryColumn[] = [
  { key: "type", title: "Convolution" },
  { key: "operation", title: "Operation" },
  { key: "zeroInsertions", title: "Zero insertions" },
  { key: "padding", title: "Padding" },
  { key: "stride", title: "Stride" },
  { key: "outputSize", title: "Output size" },
];

/**
 * The article's side-by-side table of standard vs transposed convolution as data:
 * `columns` (key + title) and two `rows`, each cell in symbols (`k - p - 1`) and, when
 * `{ i, k, s, p }` are given, with the value and the filled-in expression. Each row
 * uses the same numbers as its own input. The note says why only convolution needs the floor.
 *
 * @example summaryTable({ i: 3, k: 3, s: 2, p: 1 }).rows[1].outputSize.filled // "(3 - 1)·2 + 3 - 2·1 = 5"
 */
export function summaryTable(params?: SummaryTableParams): SummaryTable {
  const fn = "summaryTable";
  const note =
    "Standard convolution's output size needs the floor (a window that does not fit is dropped); " +
    "the transposed convolution's does not, because nothing is divided.";
  const conv: SummaryRow = {
    type: "convolution",
    operation: "downsampling",
    zeroInsertions: { symbolic: "0" },
    padding: { symbolic: "p" },
    stride: { symbolic: "s" },
    outputSize: { symbolic: "⌊(i + 2p - k) / s⌋ + 1" },
  };
  const transposed: SummaryRow = {
    type: "transposed convolution",
    operation: "upsampling",
    zeroInsertions: { symbolic: "s - 1" },
    padding: { symbolic: "k - p - 1" },
    stride: { symbolic: "1" },
    outputSize: { symbolic: "(i - 1)·s + k - 2p" },
  };
  if (params === undefined) return { columns: COLUMNS, rows: [conv, transposed], note };
  if (params === null || typeof params !== "object") {
    throw new TypeError(`${fn}: params must be an object like { i, k, s, p } or undefined, got ${describe(params)}`);
  }
  checkOptionNames(fn, params, NAMES);
  const { i, k, s, p } = readSizeParams(fn, params, false);
  const forward = convOutputSize({ i, k, s, p });
  const backward = convTransposeOutputSize({ i, k, s, p });
  const eq = equivalentConvolution({ i, k, s, p });
  const withoutPrefix = (formula: string): string => formula.replace(/^o = /, "");
  conv.zeroInsertions = { ...conv.zeroInsertions, value: 0, filled: "0" };
  conv.padding = { ...conv.padding, value: p, filled: `${p}` };
  conv.stride = { ...conv.stride, value: s, filled: `${s}` };
  conv.outputSize = { ...conv.outputSize, value: forward.size, filled: withoutPrefix(forward.formula) };
  transposed.zeroInsertions = { ...transposed.zeroInsertions, value: eq.z, filled: `${s} - 1 = ${eq.z}` };
  transposed.padding = { ...transposed.padding, value: eq.pPrime, filled: `${k} - ${p} - 1 = ${eq.pPrime}` };
  transposed.stride = { ...transposed.stride, value: 1, filled: "1" };
  transposed.outputSize = { ...transposed.outputSize, value: backward.size, filled: withoutPrefix(backward.formula) };
  return { columns: COLUMNS, rows: [conv, transposed], params: { i, k, s, p }, note };
}
