/** Shape arithmetic: output sizes with their formulas, the inverse question, and the four-step equivalent. */
export {
  convOutputSize,
  convTransposeOutputSize,
  type ConvSizeParams,
  type ConvTransposeSizeParams,
  type SizeWithFormula,
} from "./outputSize";
export { transposeConvChoices, type TransposeConvChoice, type TransposeConvChoicesParams } from "./transposeConvChoices";
export { equivalentConvolution, type EquivalentConvolution, type EquivalentConvolutionParams } from "./equivalentConvolution";
export {
  summaryTable,
  type SummaryCell,
  type SummaryColumn,
  type SummaryRow,
  type SummaryTable,
  type SummaryTableParams,
} from "./summaryTable";
