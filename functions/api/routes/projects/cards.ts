import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { Card } from "../../../../core/projects/card.js";
import { Access } from "../../access.js";
import { ProjectAccess } from "./team.js";
import { requireUser } from "../../auth.js";
import type { Env } from "../../env.js";
import { Errors, IdParam, body, json } from "../../schemas.js";

/** Quarterly management cards (관리카드): the project's task force files them, staff sign them off. */

const QuarterParam = z.object({
  quarter: z
    .string()
    .regex(/^20\d\dQ[1-4]$/, { error: "분기는 2024Q1 형식으로 적어 주세요 / the quarter is written like 2024Q1" })
    .openapi({ param: { name: "quarter", in: "path" }, example: "2024Q1" }),
});

const file = createRoute({
  method: "post",
  path: "/projects/{projectId}/cards",
  tags: ["projects"],
  summary: "File a quarter's management card (the project's task force, staff); filing a quarter again updates it, keeping the earlier version",
  ...ProjectAccess.team,
  request: { params: IdParam("projectId"), ...body(Card.Input) },
  responses: {
    200: json(Card.Info, "Updated (the earlier version is in its history)"),
    201: json(Card.Info, "Filed"),
    400: Errors[400],
    401: Errors[401],
    403: Errors[403],
    404: Errors[404],
    409: Errors[409],
  },
});

const list = createRoute({
  method: "get",
  path: "/projects/{projectId}/cards",
  tags: ["projects"],
  summary: "A project's cards, whole (the project's task force, staff)",
  ...ProjectAccess.team,
  request: { params: IdParam("projectId") },
  responses: { 200: json(z.object({ cards: z.array(Card.Info) }), "Cards"), 401: Errors[401], 403: Errors[403] },
});

const signOff = createRoute({
  method: "post",
  path: "/projects/{projectId}/cards/{quarter}/sign-off",
  tags: ["projects"],
  summary: "Sign a quarter's card off (staff)",
  ...Access.staff,
  request: { params: IdParam("projectId").extend(QuarterParam.shape) },
  responses: { 200: json(Card.Info, "Signed off"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

export const cardRoutes = new OpenAPIHono<Env>()
  .openapi(file, async (c) => {
    const actor = requireUser(c);
    const card = await Card.file(c.req.valid("param").projectId, c.req.valid("json"), { userId: actor.userId, name: actor.name });
    return c.json(card, card.version === 1 ? 201 : 200);
  })
  .openapi(list, async (c) => c.json({ cards: await Card.list(c.req.valid("param").projectId) }, 200))
  .openapi(signOff, async (c) => {
    const actor = requireUser(c);
    const { projectId, quarter } = c.req.valid("param");
    return c.json(await Card.signOff(projectId, quarter, { userId: actor.userId, name: actor.name }), 200);
  });
