import { createSignal } from "solid-js";

/**
 * The installable console's service worker (built by vite-plugin-pwa, web/vite.config.ts),
 * registered by the console's screens only. A new version waits (`registerType: "prompt"`): the
 * console offers it, and applies it only when nothing is unsent and nothing is being typed.
 */
const [updateReady, setUpdateReady] = createSignal(false);
export { updateReady };

let apply: ((reload?: boolean) => Promise<void>) | undefined;

export async function registerConsoleWorker(): Promise<void> {
  if (apply || !("serviceWorker" in navigator)) return;
  const { registerSW } = await import("virtual:pwa-register");
  apply = registerSW({ immediate: true, onNeedRefresh: () => setUpdateReady(true) });
}

/** Whether a text field of the console holds something typed (an update would lose it). */
export function somethingTyped(): boolean {
  return [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(".console input[type=text], .console textarea")].some((el) => el.value.trim() !== "");
}

/** Takes the new version (the page reloads), if allowed now. */
export async function applyUpdate(unsent: number): Promise<boolean> {
  if (!apply || unsent > 0 || somethingTyped()) return false;
  await apply(true);
  return true;
}
