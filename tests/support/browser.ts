import AxeBuilder from "@axe-core/playwright";
import { join } from "node:path";
import { chromium as playwright, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import type { Account, TestApp } from "./harness.js";
import { useApp } from "./fixtures.js";

/**
 * What every browser test file shares: the real app (API + a web build of its own) on a fresh
 * table, one headless Chromium (extracted once by the global setup), pages that record their
 * errors and any refusal under the pages' Content-Security-Policy, axe, sign-in and the keypad.
 */

export const SHOTS = process.env.GONGNON_SCREENSHOTS ?? "/tmp";
export const DESKTOP = { width: 1180, height: 820 };

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

/** The Chromium the global setup extracted before any test file ran. */
export const launchChromium = (extraArgs: string[] = []) => playwright.launch({ executablePath: inject("chromiumPath"), args: [...CHROMIUM_ARGS, ...extraArgs] });

export interface BrowserKit {
  app: TestApp;
  browser: Browser;
  /** Refusals under the Content-Security-Policy on any page of this file. */
  cspViolations: string[];
  /** `serviceWorkers: "allow"` for the offline console's tests; blocked otherwise, so that page.route sees every request. */
  newPage(viewport?: { width: number; height: number }, opts?: { serviceWorkers?: "allow" | "block" }): Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
}

/** For one browser test file: the app with the web app built as `name`, and a browser; closed after. */
export function useBrowser(name: string, opts: { env?: Record<string, string>; viewport?: { width: number; height: number } } = {}): BrowserKit {
  const app = useApp({ web: name, env: opts.env });
  const kit: BrowserKit = {
    app,
    browser: undefined as unknown as Browser,
    cspViolations: [],
    async newPage(viewport = opts.viewport ?? DESKTOP, pageOpts = {}) {
      const context = await kit.browser.newContext({
        viewport,
        locale: "ko-KR",
        timezoneId: "Asia/Seoul",
        baseURL: app.url,
        reducedMotion: "reduce",
        serviceWorkers: pageOpts.serviceWorkers ?? "block",
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (err) => {
        console.error(`[page error] ${err.message}`);
        errors.push(err.message);
      });
      page.on("console", (msg) => {
        if (msg.type() === "error" && /Content Security Policy/i.test(msg.text())) kit.cspViolations.push(`${page.url()}: ${msg.text()}`);
      });
      return { context, page, errors };
    },
  };
  beforeAll(async () => {
    kit.browser = await launchChromium();
  });
  afterAll(async () => {
    await kit.browser?.close();
  });
  return kit;
}

/** axe with the WCAG 2.0/2.1 A and AA rules; every violation is printed when any is found. */
export async function expectAccessible(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const violations = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.replace(/\n/g, " ")}`).join("\n"),
  );
  if (violations.length > 0) console.error(`axe violations on ${where}:\n${violations.join("\n")}`);
  expect(violations, `axe violations on ${where}`).toEqual([]);
}

/** Signs in on the login page; with `next`, waits until the app has gone there. */
export async function signIn(page: Page, account: Account, next?: string) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("이메일").fill(account.email);
  await page.getByLabel("비밀번호").fill(account.password);
  await page.getByRole("button", { name: "로그인", exact: true }).click();
  if (next) await page.waitForURL(`**${next.split("?")[0]}*`);
}

/** Types digits on the on-screen keypad (console check-in, table ballot). */
export async function keypad(page: Page, digits: string) {
  const pad = page.getByRole("group", { name: "숫자 키패드" });
  for (const d of digits) await pad.getByRole("button", { name: d, exact: true }).click();
}

/** A screenshot, then a moment for the viewport to settle back (the next click must land where it aims). */
export async function shot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: join(SHOTS, name), fullPage });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}
