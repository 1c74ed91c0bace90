import { Router, type RouteDefinition } from "@solidjs/router";
import { lazy } from "solid-js";
import { render } from "solid-js/web";
import Layout from "./Layout.js";
import "./styles/fonts.css";
import "./styles/tokens.css";
import "./styles/app.css";
import { accountsRoutes } from "../accounts/routes.js";
import { attendanceRoutes } from "../attendance/routes.js";
import { governanceRoutes } from "../governance/routes.js";
import { projectsRoutes } from "../projects/routes.js";
import { proposalsRoutes } from "../proposals/routes.js";
import { votingRoutes } from "../voting/routes.js";

/**
 * The entry: the shell (Layout, the router) and each feature's route table. Every page is a lazy
 * chunk of its feature (see app/routing.tsx), so the first page loads the shell, its own page and
 * its data, not the whole app.
 */
const routes: RouteDefinition[] = [
  ...attendanceRoutes,
  ...proposalsRoutes,
  ...votingRoutes,
  ...projectsRoutes,
  ...governanceRoutes,
  ...accountsRoutes,
  { path: "*404", component: lazy(() => import("./NotFound.js")) },
];

render(() => <Router root={Layout}>{routes}</Router>, document.getElementById("app")!);
