import { batch, createEffect, createSignal, on, onCleanup, onMount } from "solid-js";

/**
 * Refreshing a page that is already on screen (the forum's figures, a round's live results), by
 * the rules in web/README.md: the API is called directly and what comes back lands in this
 * poller's own signal, never in the page's route queries. A refresh that fails (wifi blip, 5xx, no
 * answer within `timeoutMs`) keeps the last good values, and `failed()` says so; the next try comes
 * after `everyMs`, or at once when the browser is back online. One timer at a time; none while the
 * tab is hidden or before the first load is on screen; a change of `key` (another forum or round in
 * the same page) starts its own clock and never shows the previous key's values.
 */
export function createPoll<T>(opts: {
  key: () => string;
  everyMs: number;
  timeoutMs: number;
  /** True once the first load is on screen (reading a failed resource may throw: that counts as false). */
  loaded: () => boolean;
  read: (key: string, signal: AbortSignal) => Promise<T>;
}) {
  const [fresh, setFresh] = createSignal<{ key: string; value: T }>();
  const [updated, setUpdated] = createSignal({ key: opts.key(), at: new Date(), failed: false });

  onMount(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running: AbortController | undefined;
    let disposed = false;
    const schedule = () => {
      clearTimeout(timer);
      timer = disposed ? undefined : setTimeout(() => void refresh(), opts.everyMs);
    };
    const loaded = () => {
      try {
        return opts.loaded();
      } catch {
        return false;
      }
    };
    const refresh = async () => {
      if (disposed || running) return;
      if (document.hidden || !loaded()) return schedule();
      clearTimeout(timer);
      const key = opts.key();
      const ctrl = (running = new AbortController());
      const giveUp = setTimeout(() => ctrl.abort(), opts.timeoutMs);
      try {
        const value = await opts.read(key, ctrl.signal);
        if (disposed || key !== opts.key()) return;
        batch(() => {
          setFresh({ key, value });
          setUpdated({ key, at: new Date(), failed: false });
        });
      } catch {
        if (disposed || key !== opts.key()) return;
        setUpdated((u) => (u.key === key ? { ...u, failed: true } : { key, at: new Date(), failed: true }));
      } finally {
        clearTimeout(giveUp);
        running = undefined;
        schedule();
      }
    };
    const onOnline = () => void refresh();
    createEffect(
      on(
        opts.key,
        (key) => {
          running?.abort();
          setUpdated({ key, at: new Date(), failed: false });
          schedule();
        },
        { defer: true },
      ),
    );
    schedule();
    window.addEventListener("online", onOnline);
    onCleanup(() => {
      disposed = true;
      clearTimeout(timer);
      running?.abort();
      window.removeEventListener("online", onOnline);
    });
  });

  return {
    /** The newest refresh for the key on screen; undefined until one has landed. */
    latest: () => {
      const f = fresh();
      return f && f.key === opts.key() ? f.value : undefined;
    },
    /** When the values on screen were read (or the key last changed). */
    updatedAt: () => updated().at,
    /** The last refresh for the key on screen failed: the values shown are older. */
    failed: () => updated().failed && updated().key === opts.key(),
  };
}

/** Full screen for one element (a projector page), following the browser's own state. */
export function createFullscreen() {
  const [active, setActive] = createSignal(false);
  let element: HTMLElement | undefined;
  onMount(() => {
    const onChange = () => setActive(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", onChange);
    onCleanup(() => document.removeEventListener("fullscreenchange", onChange));
  });
  return {
    active,
    ref: (el: HTMLElement) => (element = el),
    toggle: () => {
      if (document.fullscreenElement) void document.exitFullscreen();
      else void element?.requestFullscreen?.().catch(() => undefined);
    },
  };
}
