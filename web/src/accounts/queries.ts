import { query } from "@solidjs/router";
import { ApiError, csrfToken } from "../app/api.js";
import { accountsApi, type Me } from "./api.js";

/** Accounts' route data: cached per key, shared by preload and createAsync, refreshed with revalidate(key). */

/** The signed-in user (null when signed out); the session itself is the HttpOnly cookie. */
export const getMe = query(async (): Promise<Me | null> => {
  // Sign-in sets the readable CSRF cookie next to the session cookie: without it, nobody is signed in.
  if (!csrfToken()) return null;
  try {
    return await accountsApi.me();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}, "me");

export const getUsers = query(() => accountsApi.users(), "users");
