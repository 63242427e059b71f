/** esbuild, used by tests and the benchmark to bundle a module for a test page (in memory). */
import { build } from "esbuild";

/** `entry` and everything it imports as one ES module's text (`external` names left as imports). */
export async function bundleForPage(entry: string, external: string[] = []): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    external,
    logLevel: "warning",
  });
  return result.outputFiles[0].text;
}
