import type { Context } from "hono";
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

/**
 * The built web app, served as CloudFront serves it: compressed (brotli, else gzip) for clients
 * that accept it, hashed assets (`/assets/…`, whose names change with their content) cached for a
 * year as immutable, everything else revalidated every time (`no-cache`, with an ETag). Each file
 * is compressed once per version (its size and mtime), not on every request.
 */
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".webmanifest", ".svg", ".txt"]);
const IMMUTABLE = "public, max-age=31536000, immutable";
/** index.html, the service worker and the manifest: always asked again, so an update is seen at once. */
const REVALIDATE = "no-cache";

const br = promisify(brotliCompress);
const gz = promisify(gzip);

interface Entry {
  version: string;
  etag: string;
  raw: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

export function staticFiles(root: string) {
  const cache = new Map<string, Entry>();

  async function load(file: string): Promise<Entry | undefined> {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const version = `${info.size}:${info.mtimeMs}`;
    const hit = cache.get(file);
    if (hit?.version === version) return hit;
    const raw = await readFile(file);
    const entry: Entry = { version, raw, etag: `"${createHash("sha1").update(raw).digest("base64url")}"` };
    if (COMPRESSIBLE.has(extname(file)) && raw.length > 512) {
      [entry.br, entry.gzip] = await Promise.all([br(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }), gz(raw, { level: 9 })]);
    }
    if (cache.size > 2000) cache.clear();
    cache.set(file, entry);
    return entry;
  }

  /** The file for a URL path, or undefined; never outside the root. */
  async function answer(c: Context, path: string): Promise<Response | undefined> {
    const file = normalize(join(root, decodeURIComponent(path)));
    if (!file.startsWith(normalize(root) + sep)) return undefined;
    const entry = await load(file);
    if (!entry) return undefined;
    const headers = new Headers({
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Cache-Control": path.startsWith("/assets/") ? IMMUTABLE : REVALIDATE,
      ETag: entry.etag,
      Vary: "Accept-Encoding",
    });
    if (c.req.header("if-none-match") === entry.etag) return new Response(null, { status: 304, headers });
    const accepts = (c.req.header("accept-encoding") ?? "").toLowerCase();
    let body = entry.raw;
    if (entry.br && /\bbr\b/.test(accepts)) {
      body = entry.br;
      headers.set("Content-Encoding", "br");
    } else if (entry.gzip && /\bgzip\b/.test(accepts)) {
      body = entry.gzip;
      headers.set("Content-Encoding", "gzip");
    }
    headers.set("Content-Length", String(body.length));
    return new Response(c.req.method === "HEAD" ? null : new Uint8Array(body), { status: 200, headers });
  }

  return { answer };
}
