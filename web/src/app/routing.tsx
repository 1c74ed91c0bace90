import { lazy, type Component } from "solid-js";
import type { Role } from "../accounts/api.js";
import Guard from "./Guard.js";

/**
 * How a feature hands its pages to the router: each page is its own chunk, fetched when its route
 * first matches (the router calls a lazy component's `preload` at once, beside the route's data
 * preload, so the code and the data load side by side) or when a link to it is hovered. A
 * feature's `routes.ts` imports only this, its queries and `lazy(() => import(...))`, never a page,
 * so the entry carries no page code.
 */
export type PageModule = Promise<{ default: Component }>;

/** A page only signed-in users with one of `roles` see; the page's code loads beside the "who am I" check. */
export function guarded(roles: readonly Role[], load: () => PageModule) {
  const Page = lazy(load);
  const GuardedPage: Component = () => (
    <Guard roles={[...roles]}>
      <Page />
    </Guard>
  );
  return Object.assign(GuardedPage, { preload: Page.preload });
}

export const STAFF = ["admin", "staff"] as const satisfies readonly Role[];
export const CONSOLE = ["admin", "staff", "facilitator"] as const satisfies readonly Role[];
/** Task-force members only: staff see the same projects, cards included, on their own pages. */
export const TASKFORCE = ["taskforce"] as const satisfies readonly Role[];
