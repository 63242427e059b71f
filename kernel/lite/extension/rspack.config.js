// Merged by @jupyter/builder into the extension's bundler config: the kernel's worker script and
// the compiler script it loads are files to copy (content-hashed) and link to, not modules to bundle.
module.exports = {
  module: {
    rules: [{ test: /[\\/]assets[\\/]kernel-(worker|compiler)\.js$/, type: "asset/resource" }],
  },
};
