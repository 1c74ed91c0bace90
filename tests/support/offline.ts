import type { Page } from "playwright-core";
import { expect } from "vitest";
import { keypad } from "./browser.js";

/** What the offline console's browser tests share (tests/browser/offline*.test.ts). */

/** Everything the origin's IndexedDB holds, as one string (what a thief with the tablet could read). */
export const indexedDbDump = (page: Page) =>
  page.evaluate(async () => {
    const out: unknown[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((ok) => {
          const r = db.transaction(name).objectStore(name).getAll();
          r.onsuccess = () => ok(r.result);
        });
        out.push(name, all);
      }
      db.close();
    }
    return JSON.stringify(out);
  });

/** Every response the origin's Cache Storage holds (the service worker's precache), URLs and bodies as one string. */
export const cacheStorageDump = (page: Page) =>
  page.evaluate(async () => {
    const out: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        out.push(request.url, (await (await cache.match(request))?.text()) ?? "");
      }
    }
    return out.join("\n");
  });

/** The states of the outbox list's items, newest first. */
export const outboxStates = (page: Page) => page.getByTestId("outbox-list").locator("li").evaluateAll((els) => els.map((e) => e.getAttribute("data-state")));

/**
 * On the console (online): presses "make ready for offline", waits for its steps, then reloads once
 * so that the service worker controls the page; the pre-session check is then all set.
 */
export async function makeReady(page: Page) {
  const ready = page.getByTestId("ready");
  if ((await ready.getAttribute("open")) === null) await ready.locator("summary").click();
  await page.getByRole("button", { name: "오프라인 준비하기" }).click();
  for (const step of ["session", "rounds", "key", "clock"]) await ready.locator(`[data-step="${step}"][data-state="done"]`).waitFor({ timeout: 30_000 });
  await page.getByRole("button", { name: "오프라인 준비하기" }).and(page.locator(":not([disabled])")).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await ready.and(page.locator('[data-ready="true"]')).waitFor({ timeout: 15_000 });
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/** Checks a person in on the console's keyless form; waits until the screen says it is saved or recorded. */
export async function checkIn(page: Page, phone: string, kind: "saved" | "new" | "returning" | "repeat" = "saved") {
  await page.getByLabel("휴대전화 번호").fill(phone);
  await page.getByRole("button", { name: "출석 확인" }).click();
  await page.locator(`.feedback-slot .feedback[data-kind="${kind}"]`).waitFor({ timeout: 15_000 });
  await page.getByRole("button", { name: "출석 확인" }).and(page.locator(":not([disabled])")).waitFor();
}

/** Casts a table ballot for one agenda (number typed on the keypad); waits until it is saved on the tablet with no answer yet. */
export async function castOffline(page: Page, digits: string, agenda: string) {
  await keypad(page, digits);
  await page.getByRole("button", { name: "다음: 의제 고르기" }).click();
  await page.locator("label.pick-card", { hasText: agenda }).click();
  await page.getByRole("button", { name: "고른 의제 확인" }).click();
  await page.getByRole("button", { name: "이대로 투표하기" }).click();
  const done = page.getByTestId("table-done");
  await done.and(page.locator('[data-saved-only="true"]')).waitFor({ timeout: 15_000 });
  return done;
}
