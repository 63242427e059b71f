// What scripts/lib/lite-worker-build.mjs gives the two bundles of the worker.

/** The compiler's files (absolute path -> text), in the compiler's script. */
declare module "lite:declaration-files" {
  const files: Record<string, string>;
  export default files;
}

/**
 * The compiler script's fingerprint (16 hex digits of the SHA-256 of kernel-compiler.js), in the
 * worker's script: compiled cells are cached per compiler build.
 */
declare const LITE_COMPILER_BUILD: string;
/** The package's version (package.json), in the worker's script. */
declare const LITE_PACKAGE_VERSION: string;
/** The version of tslab's TypeScript compiler, in the worker's script. */
declare const LITE_COMPILER_VERSION: string;
