/**
 * An in-memory `ts.System` for the TypeScript compiler in the worker: read-only files given up
 * front (the lib .d.ts files, the library's and widgets' declarations, the cells' globals), folders
 * derived from their paths. tslab's converter layers its own virtual cell files on top of it and
 * never writes. Paths are absolute POSIX paths.
 */
import type * as tsTypes from "@tslab/typescript-for-tslab";

/** Folder holding the TypeScript lib files: the compiler looks for them next to its own script. */
export const LIB_FOLDER = "/typescript/lib";

/** The parent folder of `file` ("/" for a top-level file). */
function parentOf(file: string): string {
  const slash = file.lastIndexOf("/");
  return slash <= 0 ? "/" : file.slice(0, slash);
}

/** `file` relative to folder `dir` (which contains it), or undefined. */
function childName(dir: string, file: string): string | undefined {
  const prefix = dir === "/" ? "/" : `${dir}/`;
  if (!file.startsWith(prefix)) return undefined;
  return file.slice(prefix.length);
}

/** Creates a read-only `ts.System` over `files` (absolute path -> text) with `cwd` as current folder. */
export function createMemorySystem(files: ReadonlyMap<string, string>, cwd: string): tsTypes.System {
  const folders = new Set<string>(["/"]);
  for (const file of files.keys()) {
    for (let dir = parentOf(file); !folders.has(dir); dir = parentOf(dir)) folders.add(dir);
  }
  folders.add(cwd);
  const started = new Date();
  const noWatch = { close: (): void => undefined };
  const fail = (what: string) => (): never => {
    throw new Error(`the kernel's in-memory file system cannot ${what}`);
  };
  const entries = (dir: string): string[] => {
    const names = new Set<string>();
    for (const path of [...files.keys(), ...folders]) {
      const rest = childName(dir, path);
      if (rest !== undefined && rest !== "") names.add(rest.split("/")[0]);
    }
    return [...names];
  };
  const system: tsTypes.System = {
    args: [],
    newLine: "\n",
    useCaseSensitiveFileNames: true,
    write: () => undefined,
    readFile: (path) => files.get(path),
    getFileSize: (path) => files.get(path)?.length ?? 0,
    writeFile: fail("write files"),
    watchFile: () => noWatch,
    watchDirectory: () => noWatch,
    resolvePath: (path) => path,
    fileExists: (path) => files.has(path),
    directoryExists: (path) => folders.has(path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path),
    createDirectory: fail("create folders"),
    getExecutingFilePath: () => `${LIB_FOLDER}/typescript.js`,
    getCurrentDirectory: () => cwd,
    getDirectories: (path) => entries(path).filter((name) => folders.has(path === "/" ? `/${name}` : `${path}/${name}`)),
    readDirectory: (path, extensions) => {
      const prefix = path.endsWith("/") ? path : `${path}/`;
      return [...files.keys()].filter(
        (file) => file.startsWith(prefix) && (extensions === undefined || extensions.some((ext) => file.endsWith(ext))),
      );
    },
    getModifiedTime: (path) => (files.has(path) ? started : undefined),
    realpath: (path) => path,
    exit: fail("exit"),
    createHash: (data) => data,
  };
  return system;
}
