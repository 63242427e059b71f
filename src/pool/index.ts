/** Max-pooling with indices, and max-unpooling that puts the maxima back. */
export { poolOutputSize, type PoolWindowOptions } from "./poolGeometry";
export { maxPool2d, type MaxPool2dOptions, type MaxPool2dResult } from "./maxPool2d";
export { maxUnpool2d, type MaxUnpool2dOptions } from "./maxUnpool2d";
