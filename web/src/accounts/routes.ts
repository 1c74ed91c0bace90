import { lazy } from "solid-js";
import type { RouteDefinition } from "@solidjs/router";
import { guarded, STAFF } from "../app/routing.js";
import { getMe } from "./queries.js";

/** Accounts' routes: each page a chunk of its own (with this feature's strings). */
export const accountsRoutes: RouteDefinition[] = [
  { path: "/login", component: lazy(() => import("./Login.js")), preload: () => getMe() },
  { path: "/staff/users", component: guarded(STAFF, () => import("./StaffUsers.js")) },
];
