import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import solid from "vite-plugin-solid";

const root = fileURLToPath(new URL(".", import.meta.url));

/** The font the first paint needs: Pretendard GOV Regular, its core slice (Latin + common Hangul; see web/scripts/subset-fonts.mjs). */
export const FIRST_PAINT_FONT = "PretendardGOV-Regular-core.woff2";

/**
 * Preloads one font from index.html by its hashed name in the build, so the browser fetches it
 * beside the CSS instead of after it (a font is otherwise found only once the CSS has arrived and
 * the text is laid out). Fails the build if the font is missing from it.
 */
function preloadFont(file: string): Plugin {
  let base = "/";
  return {
    name: "gongnon:preload-font",
    apply: "build",
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const asset = Object.values(ctx.bundle ?? {}).find((a) => a.type === "asset" && a.originalFileNames.some((n) => n.endsWith(`/${file}`)));
        if (!asset) throw new Error(`${file} is not in the build: nothing to preload`);
        return [{ tag: "link", attrs: { rel: "preload", as: "font", type: "font/woff2", href: `${base}${asset.fileName}`, crossorigin: "" }, injectTo: "head" }];
      },
    },
  };
}

/**
 * The version the console reports and shows (its pre-session check, its outbox reports): the
 * package's version, or GONGNON_APP_VERSION when the build is given one (a deploy's commit; the
 * browser test of updates builds two versions).
 */
const APP_VERSION = process.env.GONGNON_APP_VERSION ?? (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

/**
 * The installable console (web/README.md, "Offline console"): a web manifest, and a service worker
 * that precaches the app shell (every built file) and answers navigations to app routes with
 * index.html. It never caches /api: the console's offline data is its own read model in
 * IndexedDB. `prompt`: a new version waits until the console lets it take over (nothing unsent,
 * nothing being typed); the page registers it itself (attendance/tablet/pwa.ts), on the console's
 * screens only. One sw.js with the Workbox runtime inlined: no other shell file to keep uncached.
 */
const pwa = VitePWA({
  registerType: "prompt",
  injectRegister: false,
  filename: "sw.js",
  manifestFilename: "manifest.webmanifest",
  includeAssets: ["favicon.svg", "icons/apple-touch-icon.png"],
  manifest: {
    id: "/console",
    name: "공론 Gongnon 진행자 콘솔",
    short_name: "공론 콘솔",
    description: "회차 출석 확인, 의제 기록, 현장 투표 — 인터넷이 끊겨도 태블릿에 저장했다가 보냅니다.",
    lang: "ko",
    start_url: "/console",
    scope: "/",
    display: "standalone",
    orientation: "any",
    theme_color: "#256ef4",
    background_color: "#ffffff",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  },
  workbox: {
    globPatterns: ["**/*.{js,css,html,woff2,svg,png}"],
    navigateFallback: "index.html",
    navigateFallbackDenylist: [/^\/api(\/|$)/],
    runtimeCaching: [],
    cleanupOutdatedCaches: true,
    clientsClaim: false,
    skipWaiting: false,
    inlineWorkboxRuntime: true,
    sourcemap: false,
  },
});

/**
 * The web app: root web/, output web/dist (served by functions/local/server.ts and the
 * StaticSite). In dev, /api is proxied to a running local server (GONGNON_API_URL).
 */
export default defineConfig({
  root,
  plugins: [solid(), preloadFont(FIRST_PAINT_FONT), pwa],
  define: { __APP_VERSION__: JSON.stringify(APP_VERSION) },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      "/api": { target: process.env.GONGNON_API_URL ?? "http://127.0.0.1:3000", changeOrigin: false },
    },
  },
});
