import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * The web app: root web/, output web/dist (served by functions/local/server.ts and the
 * StaticSite). In dev, /api is proxied to a running local server (GONGNON_API_URL).
 */
export default defineConfig({
  root,
  plugins: [solid()],
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
