/**
 * tfjs-core with its CPU (plain JavaScript) and WebAssembly backends, loaded from local
 * node_modules only: the WebAssembly backend's .wasm files come from its own dist folder.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { dirname, sep } from "node:path";

export { tf };
export { nhwcTensor, nhwcToNchwData, tfConvFilter, tfTransposedFilter } from "./tfjs-layout";

/** The two tfjs backends the benchmark and parity tests use. */
export type TfBackend = "cpu" | "wasm";

let wasmPathsSet = false;

/** Switches tfjs to `backend` and waits until it is ready (no network: local .wasm files). */
export async function useTfBackend(backend: TfBackend): Promise<void> {
  if (backend === "wasm" && !wasmPathsSet) {
    const dist = dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm"));
    setWasmPaths(`${dist}${sep}`);
    wasmPathsSet = true;
  }
  tf.env().set("IS_TEST", false);
  const ok = await tf.setBackend(backend);
  if (!ok) throw new Error(`tfjs backend '${backend}' failed to initialise`);
  await tf.ready();
}
