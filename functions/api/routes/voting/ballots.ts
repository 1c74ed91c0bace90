import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { BallotList } from "../../../../core/voting/ballot-list.js";
import { invalid } from "../../../../core/shared/errors.js";
import { Ballot } from "../../../../core/voting/ballot.js";
import { Round } from "../../../../core/voting/round.js";
import { Verification } from "../../../../core/voting/verification.js";
import { Access, assertSessionTeam } from "../../access.js";
import { idempotencyKeyOf, replayed } from "../../client.js";
import { Cookies, readCookie } from "../../cookies.js";
import type { Env } from "../../env.js";
import { Errors, IdParam, body, idempotencyHeader, json, replayable, secured } from "../../schemas.js";

/** Ballots, online (the voter cookie) or at a session's table (its facilitators, staff), and checking one. */

const voterInRound = createRoute({
  ...Access.public,
  method: "get",
  path: "/rounds/{roundId}/voter",
  tags: ["voting"],
  summary: "For the verified voter of this browser: has this number voted in the round already, and how (never what)",
  security: [{ voter: [] }],
  request: { params: IdParam("roundId") },
  responses: {
    200: json(z.object({ verified: z.boolean(), voted: z.boolean(), channel: Round.Channel.optional() }), "Status"),
    404: Errors[404],
  },
});

const BallotInput = Ballot.SessionInput.partial({ sessionId: true });

const cast = createRoute({
  method: "post",
  path: "/rounds/{roundId}/ballots",
  tags: ["voting"],
  summary: "Cast a ballot: online with the voter cookie {choices}, or at a session by its facilitator or staff {sessionId, phone | name+birthDate | sealed, choices, castAt?}",
  description:
    "One ballot per person per round across both channels. A retry with the same Idempotency-Key returns the first receipt (for 7 days; " +
    "409 in_progress while the first request still runs); a second, different ballot from the same person is a 409 already_voted that names " +
    "the channel of the first. At a session, castAt (when the console queued it, server-corrected) is judged against the round's times: " +
    "a ballot queued before the close is taken until the round's grace period ends.",
  security: [...secured, { voter: [] }],
  "x-access": "voter-or-session-team",
  request: { params: IdParam("roundId"), headers: idempotencyHeader, ...body(BallotInput) },
  responses: {
    201: replayable(Ballot.Cast, "Counted"),
    400: Errors[400],
    401: Errors[401],
    403: Errors[403],
    404: Errors[404],
    409: Errors[409],
    422: Errors[422],
  },
});

const verifyBallot = createRoute({
  ...Access.public,
  method: "get",
  path: "/rounds/{roundId}/ballots/{receipt}",
  tags: ["voting"],
  summary: "What a ballot chose, by its receipt (for the voter to check)",
  request: { params: IdParam("roundId").extend({ receipt: z.string().min(1).max(40).openapi({ param: { name: "receipt", in: "path" } }) }) },
  responses: { 200: json(Ballot.Verified, "The ballot"), 400: Errors[400], 404: Errors[404] },
});

const ballotListJson = createRoute({
  ...Access.public,
  method: "get",
  path: "/rounds/{roundId}/ballots.json",
  tags: ["voting"],
  summary: "The published ballot list of a closed round: every ballot as (SHA-256 of its receipt, channel, choices), no voter, no time (public)",
  description: "Ordered by the receipt hash. `hash` is the SHA-256 of the CSV form's bytes; `published` is the digest kept when the count became final. 409 before the close.",
  request: { params: IdParam("roundId") },
  responses: { 200: json(BallotList.View, "The list"), 404: Errors[404], 409: Errors[409] },
});

const ballotListCsv = createRoute({
  ...Access.public,
  method: "get",
  path: "/rounds/{roundId}/ballots.csv",
  tags: ["voting"],
  summary: "The same list as CSV (receipt_sha256,channel,choices; ASCII, CRLF): its SHA-256 is the list's hash (public)",
  request: { params: IdParam("roundId") },
  responses: { 200: { content: { "text/csv": { schema: z.string() } }, description: "The list" }, 404: Errors[404], 409: Errors[409] },
});

export const ballotRoutes = new OpenAPIHono<Env>()
  .openapi(ballotListJson, async (c) => {
    c.header("Cache-Control", "public, max-age=30");
    return c.json(await BallotList.get(c.req.valid("param").roundId), 200);
  })
  .openapi(ballotListCsv, async (c) => {
    const list = await BallotList.get(c.req.valid("param").roundId);
    c.header("Cache-Control", "public, max-age=30");
    c.header("Content-Disposition", `attachment; filename="ballots-${list.roundId}.csv"`);
    return c.body(BallotList.csv(list.ballots), 200, { "Content-Type": "text/csv; charset=utf-8" });
  })
  .openapi(voterInRound, async (c) => {
    const { roundId } = c.req.valid("param");
    await Round.cached(roundId);
    const person = await Verification.fromVoterToken(readCookie(c, Cookies.voter));
    if (!person) return c.json({ verified: false, voted: false }, 200);
    return c.json({ verified: true, ...(await Ballot.voterStatus(roundId, person)) }, 200);
  })
  .openapi(cast, async (c) => {
    const { roundId } = c.req.valid("param");
    const input = c.req.valid("json");
    const idempotencyKey = idempotencyKeyOf(c);
    const { sessionId, ...rest } = input;
    if (sessionId !== undefined) {
      await assertSessionTeam(c, sessionId);
      return c.json(replayed(c, await Ballot.castAtSession(roundId, { sessionId, ...rest }, idempotencyKey)), 201);
    }
    if (rest.phone !== undefined || rest.name !== undefined || rest.birthDate !== undefined || rest.sealed !== undefined || rest.castAt !== undefined) {
      throw invalid("session_required", "sessionId", "회차 현장 투표에는 회차(sessionId)가 필요합니다.", "A ballot cast for someone at a session needs the sessionId.");
    }
    // The token's deny-list entry is checked inside the ballot's transaction: no read first.
    const voter = Verification.voterClaim(readCookie(c, Cookies.voter));
    if (!voter) throw Verification.verificationRequired();
    return c.json(replayed(c, await Ballot.castOnline(roundId, voter, { choices: rest.choices }, idempotencyKey)), 201);
  })
  .openapi(verifyBallot, async (c) => {
    const { roundId, receipt } = c.req.valid("param");
    return c.json(await Ballot.verify(roundId, receipt), 200);
  });
