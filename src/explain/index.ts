/** Step-by-step explanations of a transposed convolution, as plain data for widgets and notebooks. */
export { type ExplainOptions } from "./planeGeometry";
export { scatterSteps, type ScatterCell, type ScatterExplanation, type ScatterStep } from "./scatterSteps";
export { zeroInsertionSteps, type SlidingWindow, type ZeroInsertionExplanation } from "./zeroInsertionSteps";
export { contributions, type ContributionTerm, type Contributions } from "./contributions";
export { overlapCounts, type OverlapCountsParams } from "./overlapCounts";
export { convolutionMatrixExplanation, type ConvolutionMatrixExplanation } from "./convolutionMatrixExplanation";
