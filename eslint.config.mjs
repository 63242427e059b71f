// Lint: typescript-eslint's recommended rules over the TypeScript sources.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      ".venv/**",
      "widgets/lab/lib/**",
      "widgets/lab/labextension/**",
      "widgets/lab/node_modules/**",
      "build/**",
      "exports/**",
      "src/wasm/assembly/**", // AssemblyScript (compiled by build:wasm, not tsc)
      "**/*.js",
      "**/*.mjs",
      "**/*.cjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
