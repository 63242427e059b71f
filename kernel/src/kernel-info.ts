/**
 * The kernel's identity: version, language and banner, as `kernel_info_reply` reports them.
 */
import { packageVersion } from "./install";
import { HELP_LINKS, IMPORT_HINT, typescriptLanguageInfo } from "./language-info";
import { COMPILER_VERSION } from "./typescript-runner";
import { PROTOCOL_VERSION, type Json } from "./wire-message";

/** Version of this kernel implementation. */
export const KERNEL_VERSION = packageVersion();

/** Static `kernel_info_reply` content (without `status`). */
export function kernelInfo(): Json {
  return {
    protocol_version: PROTOCOL_VERSION,
    implementation: "upsampling-lab",
    implementation_version: KERNEL_VERSION,
    language_info: typescriptLanguageInfo(COMPILER_VERSION),
    banner:
      `Upsampling Lab TypeScript kernel ${KERNEL_VERSION} (TypeScript ${COMPILER_VERSION} via tslab, Node.js ${process.version})\n` +
      IMPORT_HINT,
    help_links: HELP_LINKS,
    debugger: false,
  };
}
