// Lint: typescript-eslint's recommended rules over the TypeScript sources, no import cycles
// (type-only imports are erased and do not count), and the layers' boundaries: the library
// (src/) is pure and imports nothing from the kernel, the widgets or Node.
import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      ".venv/**",
      "widgets/lab/lib/**",
      "widgets/lab/labextension/**",
      "kernel/lite/extension/lib/**",
      "kernel/lite/extension/labextension/**",
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
  {
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs", ".cjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".d.ts", ".js", ".json"] })],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    files: ["src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/kernel/**", "**/widgets/**", "**/bench/**", "**/tests/**", "**/scripts/**", "upsampling-lab/*"],
              message: "src/ is the library: it imports nothing from the kernel, the widgets, benchmarks, tests or scripts.",
            },
            {
              group: ["node:*", "fs", "path", "os", "child_process", "url", "util", "crypto", "zlib", "worker_threads"],
              message: "src/ is pure and runs in the browser: no Node APIs.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["widgets/lab/src/**/*.ts", "widgets/shared/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/src/**", "!./**", "**/kernel/**", "**/widgets/api/**"],
              message: "the JupyterLab extension reaches the library only through the package ('upsampling-lab/...').",
            },
          ],
        },
      ],
    },
  },
);
