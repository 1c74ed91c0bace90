// Writes the app's PNG icons (web/public/icons/) from the logo (web/public/favicon.svg), drawn by
// the headless Chromium the browser tests use: the web manifest's 192 and 512 px icons, a maskable
// 512 px icon (the logo inside the 80% safe zone on the brand colour) and the 180 px
// apple-touch-icon iOS uses on the home screen. Run by hand after changing the logo:
//   node web/scripts/icons.mjs
// The output is committed.
import chromium from "@sparticuz/chromium";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium as playwright } from "playwright-core";

const web = fileURLToPath(new URL("..", import.meta.url));
const svg = readFileSync(join(web, "public/favicon.svg"), "utf8");
const BRAND = "#256ef4";

/** One icon: the logo at `scale` of the canvas, on `background` (transparent when none). */
const icons = [
  { file: "icon-192.png", size: 192, scale: 1 },
  { file: "icon-512.png", size: 512, scale: 1 },
  { file: "icon-maskable-512.png", size: 512, scale: 0.8, background: BRAND },
  { file: "apple-touch-icon.png", size: 180, scale: 0.86, background: BRAND },
];

const browser = await playwright.launch({ executablePath: await chromium.executablePath(), args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage();
  for (const icon of icons) {
    await page.setViewportSize({ width: icon.size, height: icon.size });
    const inner = Math.round(icon.size * icon.scale);
    await page.setContent(
      `<html><body style="margin:0;width:${icon.size}px;height:${icon.size}px;display:grid;place-items:center;background:${icon.background ?? "transparent"}">` +
        `<div style="width:${inner}px;height:${inner}px">${svg.replace("<svg ", `<svg width="${inner}" height="${inner}" `)}</div></body></html>`,
    );
    await page.screenshot({ path: join(web, "public/icons", icon.file), omitBackground: !icon.background });
    console.log(`web/public/icons/${icon.file}`);
  }
} finally {
  await browser.close();
}
