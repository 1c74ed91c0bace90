import { revalidate } from "@solidjs/router";
import { accountsApi, type Me, type Role } from "./api.js";
import { getMe } from "./queries.js";

export const isStaff = (role: Role | undefined) => role === "admin" || role === "staff";

/** Where a user lands after signing in. */
export const homeFor = (role: Role) => (isStaff(role) ? "/staff" : role === "taskforce" ? "/taskforce" : "/console");

export async function signIn(email: string, password: string): Promise<Me> {
  const { user } = await accountsApi.login(email, password);
  await revalidate(getMe.key);
  return user;
}

export async function signOut(): Promise<void> {
  try {
    await accountsApi.logout();
  } finally {
    await revalidate(getMe.key);
  }
}
