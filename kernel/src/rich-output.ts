/**
 * Mime bundles for values: a value with a `[Symbol.for("Jupyter.display")]()` method supplies its
 * own bundle (tensors show as a table and a heatmap); `text/plain` is always present.
 */
import { inspect } from "node:util";
import type { MimeBundle } from "../../widgets/bridge";

/** The method a value implements to display itself. */
export const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/** `text/plain` rendering of any value, as Node's REPL shows it. */
export function plainText(value: unknown): string {
  return inspect(value, { depth: 4, maxArrayLength: 100, maxStringLength: 10_000, breakLength: 100 });
}

/** The mime bundle of `value`; throws when its display method fails or returns something else than an object. */
export function mimeBundleOf(value: unknown): MimeBundle {
  const method = (value as { [JUPYTER_DISPLAY]?: unknown } | null | undefined)?.[JUPYTER_DISPLAY];
  if (typeof method !== "function") return { "text/plain": plainText(value) };
  const bundle: unknown = method.call(value);
  if (typeof bundle !== "object" || bundle === null || Array.isArray(bundle)) {
    throw new TypeError(`[Symbol.for("Jupyter.display")]() must return a mime bundle object, got ${plainText(bundle)}`);
  }
  const result: MimeBundle = { ...(bundle as MimeBundle) };
  if (typeof result["text/plain"] !== "string") result["text/plain"] = plainText(value);
  return result;
}
