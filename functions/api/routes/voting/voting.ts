import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { AppError, invalid } from "../../../../core/shared/errors.js";
import { Ballot } from "../../../../core/voting/ballot.js";
import { RateLimit } from "../../../../core/shared/rate-limit.js";
import { Results } from "../../../../core/voting/results.js";
import { Round } from "../../../../core/voting/round.js";
import { Verification } from "../../../../core/voting/verification.js";
import { Access, assertSessionTeam } from "../../access.js";
import { clientOf, idempotencyKeyOf } from "../../client.js";
import { Cookies, dropCookie, readCookie, writeCookie } from "../../cookies.js";
import type { Env } from "../../env.js";
import { Errors, IdParam, body, idempotencyHeader, json, secured } from "../../schemas.js";

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
  method: "get",
  path: "/forums/{forumId}/rounds",
  tags: ["voting"],
  summary: "A forum's voting rounds, newest first (public)",
  request: { params: IdParam("forumId") },
  responses: { 200: json(z.object({ rounds: z.array(RoundWithStatus) }), "Rounds"), 404: Errors[404] },
});

const getRound = createRoute({
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
  summary: "Close a round now (staff); no ballot lands after",
  ...Access.staff,
  request: { params: IdParam("roundId") },
  responses: { 200: json(Round.Info, "Closed"), 401: Errors[401], 403: Errors[403], 404: Errors[404] },
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

const requestCode = createRoute({
  method: "post",
  path: "/verifications",
  tags: ["voting"],
  summary: "Send a one-time code to a mobile number (6 digits, 5 minutes, single use); at most one a minute",
  request: body(Verification.RequestInput),
  responses: { 202: json(Verification.Requested, "Sent"), 400: Errors[400], 429: Errors[429] },
});

const confirmCode = createRoute({
  method: "post",
  path: "/verifications/confirm",
  tags: ["voting"],
  summary: "Check the code; sets a short-lived HttpOnly voter cookie (30 minutes)",
  request: body(Verification.ConfirmInput),
  responses: {
    200: json(z.object({ verified: z.literal(true), expiresInSeconds: z.number() }), "Verified"),
    400: Errors[400],
    422: Errors[422],
    429: Errors[429],
  },
});

const voterStatus = createRoute({
  method: "get",
  path: "/verifications/me",
  tags: ["voting"],
  summary: "Whether this browser holds a valid voter cookie, and for how much longer",
  responses: { 200: json(z.object({ verified: z.boolean(), expiresInSeconds: z.number().optional() }), "Status") },
});

const voterInRound = createRoute({
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

const forgetVoter = createRoute({
  method: "delete",
  path: "/verifications/me",
  tags: ["voting"],
  summary: "Give up the voter cookie (a shared device after voting): it stops working at once, everywhere",
  responses: { 204: { description: "Dropped" } },
});

const BallotInput = Ballot.SessionInput.partial({ sessionId: true });

const cast = createRoute({
  method: "post",
  path: "/rounds/{roundId}/ballots",
  tags: ["voting"],
  summary: "Cast a ballot: online with the voter cookie {choices}, or at a session by its facilitator or staff {sessionId, phone | name+birthDate, choices}",
  description:
    "One ballot per person per round across both channels. A retry with the same Idempotency-Key returns the first receipt; " +
    "a second, different ballot from the same person is a 409 already_voted that names the channel of the first.",
  security: [...secured, { voter: [] }],
  "x-access": "voter-or-session-team",
  request: { params: IdParam("roundId"), headers: idempotencyHeader, ...body(BallotInput) },
  responses: {
    201: json(Ballot.Cast, "Counted"),
    400: Errors[400],
    401: Errors[401],
    403: Errors[403],
    404: Errors[404],
    409: Errors[409],
    422: Errors[422],
  },
});

const verifyBallot = createRoute({
  method: "get",
  path: "/rounds/{roundId}/ballots/{receipt}",
  tags: ["voting"],
  summary: "What a ballot chose, by its receipt (for the voter to check)",
  request: { params: IdParam("roundId").extend({ receipt: z.string().min(1).max(40).openapi({ param: { name: "receipt", in: "path" } }) }) },
  responses: { 200: json(Ballot.Verified, "The ballot"), 400: Errors[400], 404: Errors[404] },
});

export const votingRoutes = new OpenAPIHono<Env>()
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
    const round = await Round.close(c.req.valid("param").roundId);
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
  })
  .openapi(requestCode, async (c) => {
    const who = clientOf(c);
    const limits: RateLimit.Rule[] = [
      { bucket: `verify-client:${who.client}`, limit: 10, windowSeconds: 3600 },
      { bucket: `verify-ip:${who.ip}`, limit: Number(process.env.GONGNON_VERIFY_PER_IP ?? 300), windowSeconds: 3600 },
    ];
    return c.json(await Verification.request(c.req.valid("json").phone, limits), 202);
  })
  .openapi(confirmCode, async (c) => {
    const { phone, code } = c.req.valid("json");
    const person = await Verification.confirm(phone, code);
    const { token, maxAge } = Verification.voterToken(person);
    // SameSite=Strict: no other site can make the browser send it; ballots are JSON, which forms cannot send.
    writeCookie(c, Cookies.voter, token, { httpOnly: true, sameSite: "Strict", maxAge });
    return c.json({ verified: true as const, expiresInSeconds: maxAge }, 200);
  })
  .openapi(voterStatus, async (c) => {
    const token = await Verification.inspectVoterToken(readCookie(c, Cookies.voter));
    return c.json(token ? { verified: true, expiresInSeconds: token.expiresInSeconds } : { verified: false }, 200);
  })
  .openapi(voterInRound, async (c) => {
    const { roundId } = c.req.valid("param");
    await Round.cached(roundId);
    const person = await Verification.fromVoterToken(readCookie(c, Cookies.voter));
    if (!person) return c.json({ verified: false, voted: false }, 200);
    return c.json({ verified: true, ...(await Ballot.voterStatus(roundId, person)) }, 200);
  })
  .openapi(forgetVoter, async (c) => {
    await Verification.revokeVoterToken(readCookie(c, Cookies.voter));
    dropCookie(c, Cookies.voter);
    return c.body(null, 204);
  })
  .openapi(cast, async (c) => {
    const { roundId } = c.req.valid("param");
    const input = c.req.valid("json");
    const idempotencyKey = idempotencyKeyOf(c);
    const { sessionId, ...rest } = input;
    if (sessionId !== undefined) {
      await assertSessionTeam(c, sessionId);
      return c.json(await Ballot.castAtSession(roundId, { sessionId, ...rest }, idempotencyKey), 201);
    }
    if (rest.phone !== undefined || rest.name !== undefined || rest.birthDate !== undefined) {
      throw invalid("session_required", "sessionId", "회차 현장 투표에는 회차(sessionId)가 필요합니다.", "A ballot cast for someone at a session needs the sessionId.");
    }
    const person = await Verification.fromVoterToken(readCookie(c, Cookies.voter));
    if (!person) {
      throw new AppError("unauthorized", "voter_verification_required", {
        ko: "온라인 투표는 휴대전화 인증이 필요합니다. 인증번호를 받아 입력하세요 (인증은 30분 유효).",
        en: "Online voting needs a verified mobile number; request and enter a code (valid for 30 minutes).",
      });
    }
    return c.json(await Ballot.castOnline(roundId, person, { choices: rest.choices }, idempotencyKey), 201);
  })
  .openapi(verifyBallot, async (c) => {
    const { roundId, receipt } = c.req.valid("param");
    return c.json(await Ballot.verify(roundId, receipt), 200);
  });
