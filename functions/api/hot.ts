import { base } from "./base.js";
import { authRoutes } from "./routes/accounts/auth.js";
import { userRoutes } from "./routes/accounts/users.js";
import { consoleRoutes } from "./routes/attendance/console.js";
import { forumRoutes } from "./routes/attendance/forums.js";
import { sessionRoutes } from "./routes/attendance/sessions.js";
import { proposalRoutes } from "./routes/proposals/proposals.js";
import { ballotRoutes } from "./routes/voting/ballots.js";
import { roundRoutes } from "./routes/voting/rounds.js";
import { verificationRoutes } from "./routes/voting/verifications.js";

/**
 * The hot Lambda's app: what residents, facilitators and staff call through a cycle's busy days —
 * sign-in, accounts, forums, sessions, check-ins, proposals, rounds, codes and ballots. It imports
 * no route of the records Lambda (projects, the funnel, governance: records.ts) or of the files
 * Lambda (imports, exports, the OpenAPI document: app.ts), so its cold start carries neither.
 */

/** The routes on the hot path: everything residents, facilitators and staff call, but files. */
export const hotRoutes = (app: ReturnType<typeof base>) =>
  app
    .route("/", authRoutes)
    .route("/", userRoutes)
    .route("/", forumRoutes)
    .route("/", sessionRoutes)
    .route("/", consoleRoutes)
    .route("/", proposalRoutes)
    .route("/", roundRoutes)
    .route("/", verificationRoutes)
    .route("/", ballotRoutes);

/**
 * The API Lambda that serves check-ins, ballots, proposals and the rest: every route but the
 * files' (imports, exports) and the OpenAPI document, so that its cold start carries neither
 * spreadsheet code nor the document's generator.
 */
export function createHotApi() {
  return hotRoutes(base());
}

