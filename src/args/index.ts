/**
 * Argument parsing and validation shared by every op: plain values (`values.ts`) and tensors and
 * outputs (`tensors.ts`). Errors name the op, the parameter, the value given and what is allowed.
 */
export * from "./values";
export * from "./tensors";
