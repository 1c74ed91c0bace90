import { query, revalidate } from "@solidjs/router";
import { ApiError, api, csrfToken, type Me, type Role } from "../app/api.js";

/** The signed-in user (null when signed out); the session itself is the HttpOnly cookie. */
export const getMe = query(async (): Promise<Me | null> => {
  // Sign-in sets the readable CSRF cookie next to the session cookie: without it, nobody is signed in.
  if (!csrfToken()) return null;
  try {
    return await api.me();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}, "me");

export const isStaff = (role: Role | undefined) => role === "admin" || role === "staff";

/** Where a user lands after signing in. */
export const homeFor = (role: Role) => (isStaff(role) ? "/staff" : "/console");

export async function signIn(email: string, password: string): Promise<Me> {
  const { user } = await api.login(email, password);
  await revalidate(getMe.key);
  return user;
}

export async function signOut(): Promise<void> {
  try {
    await api.logout();
  } finally {
    await revalidate(getMe.key);
  }
}
