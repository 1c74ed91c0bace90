import { lazy } from "solid-js";
import type { RouteDefinition } from "@solidjs/router";
import { guarded, STAFF } from "../app/routing.js";
import { getIntake, getPlace, getReceipt } from "./queries.js";

/** Proposals' routes: each page a chunk of its own (with this feature's strings), its data preloaded. */
export const proposalsRoutes: RouteDefinition[] = [
  { path: "/forums/:forumId/proposals", component: lazy(() => import("./ForumProposals.js")), preload: ({ params }) => void getPlace(params.forumId!) },
  { path: "/propose", component: lazy(() => import("./Propose.js")), preload: () => void getIntake() },
  { path: "/p", component: lazy(() => import("./Receipt.js").then((m) => ({ default: m.ReceiptSearch }))) },
  { path: "/p/:code", component: lazy(() => import("./Receipt.js")), preload: ({ params }) => void getReceipt(params.code!) },
  { path: "/staff/forums/:forumId/proposals", component: guarded(STAFF, () => import("./StaffProposals.js")) },
  { path: "/staff/forums/:forumId/import", component: guarded(STAFF, () => import("./StaffImport.js")) },
];
