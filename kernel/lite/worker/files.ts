/**
 * The notebook's files as `fs` sees them in the worker: fetched from the JupyterLite site, which
 * serves its contents under `<siteBaseUrl>files/<path>`, with paths relative to the notebook's
 * folder. Before a cell runs, every string literal in it that looks like a relative file path is
 * fetched (as the live-page export embeds such files), so `fs.readFileSync("data/x.png")` answers
 * synchronously; other paths are fetched on demand with a synchronous request, where the runtime
 * has one (a Web Worker's XMLHttpRequest).
 */

/** Fetches a URL's bytes; undefined when the site has no such file. */
export type FetchBytes = (url: string) => Promise<Uint8Array | undefined>;
/** The same, synchronously. */
export type FetchBytesSync = (url: string) => Uint8Array | undefined;

/** A string literal that names a relative file: path characters and an extension, no scheme. */
const FILE_LITERAL = /^(?![a-z][a-z0-9+.-]*:)[\w@ .()+,=~-]+(?:\/[\w@ .()+,=~-]+)*\.[A-Za-z0-9]{1,10}$/;

/** The folder part of a path ("" for a file at the top). */
function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** `path` resolved against `folder` (both relative to the site's contents), or undefined when it leaves them. */
export function resolveContentsPath(folder: string, path: string): string | undefined {
  if (path.startsWith("/") || /^[a-z][a-z0-9+.-]*:/i.test(path)) return undefined;
  const parts = folder === "" ? [] : folder.split("/");
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}

/** The string literals of `code` that look like relative file paths. */
export function fileLiterals(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`([^`\\$]*)`/g)) {
    const text = match[1] ?? match[2] ?? match[3] ?? "";
    if (FILE_LITERAL.test(text) && !text.startsWith("upsampling-lab")) found.add(text);
  }
  return [...found];
}

/** The files of the notebook's folder, fetched from the site and kept. */
export class NotebookFiles {
  private siteBaseUrl = "";
  private folder = "";
  /** Contents path -> bytes, or null when the site has no such file. */
  private readonly cache = new Map<string, Uint8Array | null>();

  constructor(
    private readonly fetchBytes: FetchBytes,
    private readonly fetchBytesSync: FetchBytesSync | undefined,
  ) {}

  /** Where the site is and which notebook runs (`init`): its path, or its folder's. */
  configure(siteBaseUrl: string, notebookPath: string): void {
    this.siteBaseUrl = siteBaseUrl.endsWith("/") ? siteBaseUrl : `${siteBaseUrl}/`;
    const trimmed = notebookPath.replace(/^\/+|\/+$/g, "");
    this.folder = trimmed.endsWith(".ipynb") ? folderOf(trimmed) : trimmed;
    this.cache.clear();
  }

  /** The URL of a contents path. */
  private urlOf(contentsPath: string): string {
    return `${this.siteBaseUrl}files/${contentsPath.split("/").map(encodeURIComponent).join("/")}`;
  }

  /** Fetches every file `code` names by a string literal (missing files are remembered as missing). */
  async prefetch(code: string): Promise<void> {
    if (this.siteBaseUrl === "") return;
    const wanted = fileLiterals(code)
      .map((literal) => resolveContentsPath(this.folder, literal))
      .filter((p): p is string => p !== undefined && !this.cache.has(p));
    await Promise.all(
      wanted.map(async (contentsPath) => {
        const url = this.urlOf(contentsPath);
        let bytes: Uint8Array | undefined;
        try {
          bytes = await this.fetchBytes(url);
        } catch {
          // A failed connection (not a missing file) is tried once more.
          bytes = await this.fetchBytes(url).catch(() => undefined);
        }
        this.cache.set(contentsPath, bytes ?? null);
      }),
    );
  }

  /** The bytes of `path` (as a cell spells it), or undefined when the site has no such file. */
  lookup(path: string): Uint8Array | undefined {
    const contentsPath = resolveContentsPath(this.folder, path);
    if (contentsPath === undefined || this.siteBaseUrl === "") return undefined;
    if (!this.cache.has(contentsPath) && this.fetchBytesSync !== undefined) {
      let bytes: Uint8Array | undefined;
      try {
        bytes = this.fetchBytesSync(this.urlOf(contentsPath));
      } catch {
        bytes = undefined;
      }
      this.cache.set(contentsPath, bytes ?? null);
    }
    return this.cache.get(contentsPath) ?? undefined;
  }

  /** What an ENOENT error says about where files are looked for. */
  describe(path: string): string {
    const contentsPath = resolveContentsPath(this.folder, path);
    if (this.siteBaseUrl === "") return "the kernel was not told the site's address, so it has no files";
    if (contentsPath === undefined) return "only files inside the site's contents can be read";
    return `not found at ${this.urlOf(contentsPath)}`;
  }
}
