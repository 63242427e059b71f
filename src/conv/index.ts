/**
 * Convolution and transposed convolution: the four transposed-convolution
 * algorithms, their primitives, Keras entry points and gradients.
 */
export * from "./params";
export * from "./primitives";
export * from "./convolutionMatrix";
