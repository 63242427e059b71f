/**
 * A static file server for the JupyterLite site (node:http on 127.0.0.1, a free port): what any
 * web host does, nothing more: files with their content types, 404 otherwise, and a count of the
 * bytes sent (the bench reports how much a first visit downloads).
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".ipynb": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".md": "text/markdown; charset=utf-8",
};

export interface StaticServer {
  /** The site's URL, ending with "/". */
  url: string;
  /** Bytes of file bodies sent so far. */
  bytesSent(): number;
  close(): Promise<void>;
}

/** Serves the folder `root` (a file's mtime as Last-Modified, so a later visit revalidates like a real host). */
export async function serveFolder(root: string): Promise<StaticServer> {
  let bytes = 0;
  const server = http.createServer((request, response) => {
    let file: string;
    try {
      const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
      file = path.join(root, path.normalize(pathname));
    } catch {
      response.writeHead(400).end();
      return;
    }
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    const stat = fs.statSync(file);
    const modified = stat.mtime.toUTCString();
    if (request.headers["if-modified-since"] === modified) {
      response.writeHead(304).end();
      return;
    }
    response.writeHead(200, {
      "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
      "content-length": stat.size,
      "last-modified": modified,
      "cache-control": "no-cache",
    });
    bytes += stat.size;
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    bytesSent: () => bytes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
