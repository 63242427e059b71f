/**
 * What both kernels (Node and JupyterLite) report about their language in `kernel_info_reply`:
 * Node-free, so the JupyterLite worker shares it.
 */

/** `language_info` for TypeScript compiled by the given compiler version. */
export function typescriptLanguageInfo(compilerVersion: string): Record<string, string> {
  return {
    name: "typescript",
    version: compilerVersion,
    mimetype: "text/typescript",
    file_extension: ".ts",
    codemirror_mode: "typescript",
    pygments_lexer: "typescript",
  };
}

/** The banner's last line and the help links both kernels give. */
export const IMPORT_HINT = 'Import the library with: import { tensor } from "upsampling-lab";';
export const HELP_LINKS = [{ text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/" }];
