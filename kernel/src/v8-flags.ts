/**
 * The V8 flags the kernel sets for its own process, set when this module loads: main.ts loads it
 * first, before anything is compiled. Order matters: V8 accepts a code cache (code-cache.ts) only
 * under the flags it was made with, so the flags must be the same when the compiler is loaded as
 * when its cache is written after the first cell.
 */
import { setFlagsFromString } from "node:v8";
import { enableRelaxedSimd } from "./relaxed-simd";

enableRelaxedSimd(); // before any cell compiles the library's WebAssembly kernels
setFlagsFromString("--expose-gc"); // heap-trim.ts runs full collections
