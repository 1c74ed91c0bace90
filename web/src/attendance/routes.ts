import { lazy } from "solid-js";
import type { RouteDefinition } from "@solidjs/router";
import { CONSOLE, guarded, STAFF } from "../app/routing.js";
import { getMe } from "../accounts/queries.js";
import { getForum, getForums, getForumStats, getSession, getSessions } from "./queries.js";

/** Attendance's routes: each page a chunk of its own (with this feature's strings), its data preloaded. */
export const attendanceRoutes: RouteDefinition[] = [
  { path: "/", component: lazy(() => import("./Home.js")), preload: () => getForums() },
  {
    path: "/forums/:forumId",
    component: lazy(() => import("./ForumPublic.js")),
    preload: ({ params }) => {
      void getForum(params.forumId!);
      void getForumStats(params.forumId!);
      void getSessions(params.forumId!);
    },
  },
  { path: "/staff", component: guarded(STAFF, () => import("./StaffForums.js")), preload: () => getMe() },
  { path: "/staff/forums/:forumId", component: guarded(STAFF, () => import("./StaffForum.js")) },
  { path: "/console", component: guarded(CONSOLE, () => import("./ConsoleList.js")) },
  {
    path: "/console/:sessionId",
    component: guarded(CONSOLE, () => import("./Console.js")),
    preload: ({ params }) => void getSession(params.sessionId!),
  },
];
