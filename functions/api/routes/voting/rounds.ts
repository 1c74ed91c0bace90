import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { Results } from "../../../../core/voting/results.js";
import { Round } from "../../../../core/voting/round.js";
import { Access } from "../../access.js";
import type { Env } from "../../env.js";
import { Errors, IdParam, body, json } from "../../schemas.js";

/** Voting rounds: their rules, the close, core agendas, live results and the recount. */

const RoundWithStatus = Round.Info.extend({ status: Round.Status });

const createRound = createRoute({
  method: "post",
  path: "/forums/{forumId}/rounds",
  tags: ["voting"],
  summary: "Create a voting round (staff): ballot, max choices, times (KST without offset), channels, hidden results, check-in required",
  ...Access.staff,
  request: { params: IdParam("forumId"), ...body(Round.CreateInput) },
  responses: { 201: json(Round.Info, "Created"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

const listRounds = createRoute({
  ...Access.public,
  method: "get",
  path: "/forums/{forumId}/rounds",
  tags: ["voting"],
  summary: "A forum's voting rounds, newest first (public)",
  request: { params: IdParam("forumId") },
  responses: { 200: json(z.object({ rounds: z.array(RoundWithStatus) }), "Rounds"), 404: Errors[404] },
});

const getRound = createRoute({
  ...Access.public,
  method: "get",
  path: "/rounds/{roundId}",
  tags: ["voting"],
  summary: "A round with its status, turnout and the proposals on its ballot (public)",
  request: { params: IdParam("roundId") },
  responses: { 200: json(Round.View, "The round"), 404: Errors[404] },
});

const updateRound = createRoute({
  method: "patch",
  path: "/rounds/{roundId}",
  tags: ["voting"],
  summary: "Change a round's rules (staff); 409 rules_locked once a ballot exists",
  ...Access.staff,
  request: { params: IdParam("roundId"), ...body(Round.UpdateInput) },
  responses: { 200: json(Round.Info, "Changed"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404], 409: Errors[409] },
});

const closeRound = createRoute({
  method: "post",
  path: "/rounds/{roundId}/close",
  tags: ["voting"],
  summary: "Close a round now (staff); after it, only table ballots queued before it land, within the round's grace period",
  description: "409 tablets_pending while a console reported table ballots for the round still in its outbox; ?force=true closes anyway.",
  ...Access.staff,
  request: { params: IdParam("roundId"), query: z.object({ force: z.enum(["true", "false"]).optional() }) },
  responses: { 200: json(Round.Info, "Closed"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404], 409: Errors[409] },
});

const coreAgendas = createRoute({
  method: "post",
  path: "/rounds/{roundId}/core-agendas",
  tags: ["voting"],
  summary: "Make proposals of a closed round core agendas (staff); their receipt pages say so",
  ...Access.staff,
  request: { params: IdParam("roundId"), ...body(z.object({ proposalIds: z.array(z.string().min(1).max(64)).min(1).max(300) }).strict()) },
  responses: { 200: json(Round.Info, "Chosen"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404], 409: Errors[409] },
});

const results = createRoute({
  ...Access.public,
  method: "get",
  path: "/rounds/{roundId}/results",
  tags: ["voting"],
  summary: "Live results: totals per agenda with the split by channel, or only the turnout while results are hidden (public)",
  request: { params: IdParam("roundId") },
  responses: { 200: json(Results.View, "Results"), 404: Errors[404] },
});

const recount = createRoute({
  method: "post",
  path: "/rounds/{roundId}/recount",
  tags: ["voting"],
  summary: "Recount from the ballots and compare with the counters (staff); there must be no difference",
  ...Access.staff,
  request: { params: IdParam("roundId") },
  responses: { 200: json(Results.Recount, "The recount"), 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

export const roundRoutes = new OpenAPIHono<Env>()
  .openapi(createRound, async (c) => {
    return c.json(await Round.create(c.req.valid("param").forumId, c.req.valid("json")), 201);
  })
  .openapi(listRounds, async (c) => {
    const rounds = await Round.listByForum(c.req.valid("param").forumId);
    return c.json({ rounds: rounds.map((r) => ({ ...r, status: Round.statusOf(r) })) }, 200);
  })
  .openapi(getRound, async (c) => c.json(await Round.view(c.req.valid("param").roundId), 200))
  .openapi(updateRound, async (c) => {
    return c.json(await Round.update(c.req.valid("param").roundId, c.req.valid("json")), 200);
  })
  .openapi(closeRound, async (c) => {
    const round = await Round.close(c.req.valid("param").roundId, undefined, { force: c.req.valid("query").force === "true" });
    Results.forget(round.id);
    return c.json(round, 200);
  })
  .openapi(coreAgendas, async (c) => {
    const round = await Round.chooseCoreAgendas(c.req.valid("param").roundId, c.req.valid("json").proposalIds);
    Results.forget(round.id);
    return c.json(round, 200);
  })
  .openapi(results, async (c) => {
    const view = await Results.get(c.req.valid("param").roundId);
    // The same for everyone: shared caches (CloudFront) may keep it for a few seconds.
    c.header("Cache-Control", "public, max-age=5");
    return c.json(view, 200);
  })
  .openapi(recount, async (c) => {
    return c.json(await Results.recount(c.req.valid("param").roundId), 200);
  });
