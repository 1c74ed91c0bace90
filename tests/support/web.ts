import { resolve } from "node:path";
import { build } from "vite";

/**
 * Builds the web app for one browser test file into its own folder, so that test files running
 * side by side (and `npm start`, which serves web/dist) never overwrite each other's build.
 */
export const webDist = (name: string) => resolve(".test-results", `web-${name}`);

export async function buildWeb(name: string): Promise<string> {
  const outDir = webDist(name);
  await build({ configFile: "web/vite.config.ts", logLevel: "warn", build: { outDir, emptyOutDir: true } });
  return outDir;
}
