// Merged by @jupyter/builder into the extension's bundler config: the kernel's worker script is a
// file to copy (content-hashed) and link to, not a module to bundle.
module.exports = {
  module: {
    rules: [{ test: /[\\/]assets[\\/]kernel-worker\.js$/, type: "asset/resource" }],
  },
};
