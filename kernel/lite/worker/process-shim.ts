/**
 * The `process` that tslab's converter and path-browserify read in the worker bundle (esbuild
 * injects it for the free name `process`): the Node version selects tslab's compile target
 * (ES2022, as in the Node kernel). No `nextTick`, so TypeScript does not take the worker for Node.
 */
export const process = {
  version: "v20.19.0",
  versions: {},
  env: {},
  platform: "browser",
  browser: true,
  argv: [],
  cwd: (): string => "/",
};
