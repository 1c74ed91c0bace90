import { query } from "@solidjs/router";
import { ApiError, csrfToken } from "../app/api.js";
import { accountsApi, type Me } from "./api.js";

/** Accounts' route data: cached per key, shared by preload and createAsync, refreshed with revalidate(key). */

/** The signed-in user (null when signed out); the session itself is the HttpOnly cookie. */
export const getMe = query(async (): Promise<Me | null> => {
  // Sign-in sets the readable CSRF cookie next to the session cookie: without it, nobody is signed in.
  if (!csrfToken()) {
    remember(null);
    return null;
  }
  try {
    const me = await accountsApi.me();
    remember(me);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      remember(null);
      return null;
    }
    // No network (a venue's wifi down): the console opens as the user last seen signed in here;
    // its writes wait in the outbox, and the server judges the session when they are sent.
    const last = err instanceof ApiError && err.status === 0 ? lastSeen() : undefined;
    if (last) return last;
    throw err;
  }
}, "me");

const LAST_SEEN = "gongnon.me";

/** The signed-in user's role and name, kept for opening the console offline (no email). */
function remember(me: Me | null) {
  try {
    if (me) localStorage.setItem(LAST_SEEN, JSON.stringify({ userId: me.userId, name: me.name, role: me.role, email: "" }));
    else localStorage.removeItem(LAST_SEEN);
  } catch {
    /* storage unavailable */
  }
}

function lastSeen(): Me | undefined {
  try {
    const raw = localStorage.getItem(LAST_SEEN);
    return raw ? (JSON.parse(raw) as Me) : undefined;
  } catch {
    return undefined;
  }
}

export const getUsers = query(() => accountsApi.users(), "users");
