/**
 * Warnings of the widget API (e.g. malformed state from the frontend): logged,
 * never thrown into the kernel's message loop.
 */

/** Where warnings go; tests replace it to collect them. */
export const warningSink: { write: (message: string) => void } = {
  write: (message) => console.warn(message),
};

/** Logs a warning prefixed with the widget API's name. */
export function warn(message: string): void {
  warningSink.write(`upsampling-lab/widgets: ${message}`);
}

/** Reports an error thrown by notebook code in a widget callback, without killing the kernel. */
export function reportCallbackError(what: string, error: unknown): void {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  console.error(`Error in ${what}: ${text}`);
}
