import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, useTable, type TestApp } from "../support/harness.js";

/** The local host serves the built web app with a single-page-app fallback, beside the API. */
const dist = mkdtempSync(join(tmpdir(), "gongnon-dist-"));
let app: TestApp;
beforeAll(async () => {
  await useTable();
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>v1</title>");
  writeFileSync(join(dist, "assets", "app.js"), "console.log(1)");
  app = await startApp({ webDist: dist });
});
afterAll(() => app?.close());

describe("the local server", () => {
  it("serves files, falls back to index.html for app routes, and keeps /api/* as JSON 404s", async () => {
    const asset = await fetch(`${app.url}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe("console.log(1)");
    const deep = await fetch(`${app.url}/forums/abc`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain("<title>v1</title>");
    const api = await fetch(`${app.url}/api/nope`);
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe("no_such_route");
  });

  it("picks up a rebuilt index.html without a restart", async () => {
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>v2</title>");
    expect(await (await fetch(`${app.url}/staff/forums/x`)).text()).toContain("<title>v2</title>");
  });
});

describe("compression and caching, as CloudFront does them", () => {
  it("compresses what is worth compressing (brotli, else gzip), caches hashed assets for a year and revalidates the page", async () => {
    writeFileSync(join(dist, "assets", "big-3f2a.js"), `export const words = ${JSON.stringify("공론 ".repeat(4000))};`);
    const br = await fetch(`${app.url}/assets/big-3f2a.js`, { headers: { "accept-encoding": "br, gzip" } });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Number(br.headers.get("content-length"))).toBeLessThan(2000);
    expect(await br.text()).toContain("공론 공론");
    const gz = await fetch(`${app.url}/assets/big-3f2a.js`, { headers: { "accept-encoding": "gzip" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    const plain = await fetch(`${app.url}/assets/big-3f2a.js`, { headers: { "accept-encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    const page = await fetch(`${app.url}/forums/x`);
    expect(page.headers.get("cache-control")).toBe("no-cache");
    const etag = page.headers.get("etag")!;
    expect((await fetch(`${app.url}/forums/x`, { headers: { "if-none-match": etag } })).status).toBe(304);
  });

  it("compresses API answers too", async () => {
    const res = await fetch(`${app.url}/api/openapi.json`, { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect((await res.json()).openapi).toBe("3.1.0");
  });
});
