import { lazy } from "solid-js";
import type { RouteDefinition } from "@solidjs/router";
import { CONSOLE, guarded, STAFF } from "../app/routing.js";
import { getSession } from "../attendance/queries.js";
import { getResults, getRound } from "./queries.js";

/** Voting's routes: each page a chunk of its own (with this feature's strings and voting.css), its data preloaded. */
export const votingRoutes: RouteDefinition[] = [
  { path: "/rounds/:roundId", component: lazy(() => import("./Vote.js")), preload: ({ params }) => void getRound(params.roundId!) },
  { path: "/rounds/:roundId/results", component: lazy(() => import("./RoundResults.js")), preload: ({ params }) => void getResults(params.roundId!) },
  { path: "/rounds/:roundId/ballots/:receipt", component: lazy(() => import("./BallotCheck.js")) },
  {
    path: "/console/:sessionId/vote/:roundId",
    component: guarded(CONSOLE, () => import("./TableBallot.js")),
    preload: ({ params }) => {
      void getSession(params.sessionId!);
      void getRound(params.roundId!);
    },
  },
  { path: "/staff/forums/:forumId/rounds", component: guarded(STAFF, () => import("./StaffRounds.js")) },
  { path: "/staff/rounds/:roundId", component: guarded(STAFF, () => import("./StaffRound.js")) },
];
