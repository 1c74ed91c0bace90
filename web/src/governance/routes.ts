import { lazy } from "solid-js";
import type { RouteDefinition } from "@solidjs/router";
import { guarded, STAFF } from "../app/routing.js";
import { dayParam, getBodies, getDashboard, getHistory } from "./queries.js";

const day = (search: string, name: string) => dayParam(new URLSearchParams(search).get(name));

/** The governance record's routes: each page a chunk of its own (with this feature's strings and governance.css), its data preloaded. */
export const governanceRoutes: RouteDefinition[] = [
  { path: "/governance", component: lazy(() => import("./Dashboard.js")), preload: ({ location }) => void getDashboard(day(location.search, "asOf"), undefined) },
  { path: "/governance/bodies", component: lazy(() => import("./Bodies.js")), preload: ({ location }) => void getBodies(day(location.search, "on")) },
  { path: "/governance/history", component: lazy(() => import("./History.js")), preload: () => void getHistory() },
  { path: "/governance/report", component: lazy(() => import("./Report.js")), preload: ({ location }) => void getDashboard(day(location.search, "asOf"), undefined) },
  // Signed-in data is not preloaded: before the guard has checked who is there, it would only be a 401.
  { path: "/staff/governance", component: guarded(STAFF, () => import("./StaffGovernance.js")) },
  { path: "/staff/governance/bodies/:bodyId", component: guarded(STAFF, () => import("./StaffBody.js")) },
  { path: "/staff/governance/pledges/:pledgeId", component: guarded(STAFF, () => import("./StaffPledge.js")) },
  { path: "/staff/governance/history", component: guarded(STAFF, () => import("./StaffHistory.js")) },
];
