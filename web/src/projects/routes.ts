import { lazy } from "solid-js";
import type { RouteDefinition } from "@solidjs/router";
import { guarded, STAFF, TASKFORCE } from "../app/routing.js";
import { getForum } from "../attendance/queries.js";
import type { FunnelStep } from "./api.js";
import { getForumProjects, getFunnel, getFunnelStep, getProject } from "./queries.js";

/** Projects' routes: each page a chunk of its own (with this feature's strings and projects.css), its data preloaded. */
export const projectsRoutes: RouteDefinition[] = [
  {
    path: "/forums/:forumId/funnel",
    component: lazy(() => import("./FunnelPage.js")),
    preload: ({ params, location }) => {
      void getFunnel(params.forumId!);
      const step = new URLSearchParams(location.search).get("step");
      if (step && /^(proposals|core|plans|selected|funded|running)$/.test(step)) void getFunnelStep(params.forumId!, step as FunnelStep);
    },
  },
  { path: "/projects/:projectId", component: lazy(() => import("./ProjectPublic.js")), preload: ({ params }) => void getProject(params.projectId!) },
  {
    path: "/staff/forums/:forumId/projects",
    component: guarded(STAFF, () => import("./StaffProjects.js")),
    preload: ({ params }) => {
      void getForum(params.forumId!);
      void getForumProjects(params.forumId!);
    },
  },
  { path: "/staff/projects/:projectId", component: guarded(STAFF, () => import("./StaffProject.js")), preload: ({ params }) => void getProject(params.projectId!) },
  // Signed-in data is not preloaded: before the guard has checked who is there, it would only be a 401.
  { path: "/taskforce", component: guarded(TASKFORCE, () => import("./TaskForceList.js")) },
  { path: "/taskforce/projects/:projectId", component: guarded(TASKFORCE, () => import("./TaskForceProject.js")), preload: ({ params }) => void getProject(params.projectId!) },
];
