import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
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
 * The web app: root web/, output web/dist (served by functions/local/server.ts and the
 * StaticSite). In dev, /api is proxied to a running local server (GONGNON_API_URL).
 */
export default defineConfig({
  root,
  plugins: [solid(), preloadFont(FIRST_PAINT_FONT)],
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
