/** The compiler's files, bundled by scripts/lib/lite-worker-build.mjs (absolute path -> text). */
declare module "lite:declaration-files" {
  const files: Record<string, string>;
  export default files;
}
