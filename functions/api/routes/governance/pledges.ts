import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { History, Pledge } from "../../../../core/governance/pledge.js";
import { Access } from "../../access.js";
import type { Env } from "../../env.js";
import { Errors, IdParam, body, json } from "../../schemas.js";

/** Pledge items and the dashboard that computes their actuals from the record; the history series. */

const dashboard = createRoute({
  ...Access.public,
  method: "get",
  path: "/pledges/dashboard",
  tags: ["governance"],
  summary: "The pledge dashboard as of a date: per indicator target, actual (counted from the record), rate and weight; the weighted total; the formula; the budget (public)",
  request: { query: Pledge.AsOf },
  responses: { 200: json(Pledge.Dashboard, "The dashboard"), 400: Errors[400], 404: Errors[404] },
});

const list = createRoute({
  ...Access.public,
  method: "get",
  path: "/pledges",
  tags: ["governance"],
  summary: "The pledges with their indicators, targets and counting rules (public)",
  responses: { 200: json(z.object({ pledges: z.array(Pledge.Info) }), "Pledges") },
});

const get = createRoute({
  ...Access.public,
  method: "get",
  path: "/pledges/{pledgeId}",
  tags: ["governance"],
  summary: "A pledge (public)",
  request: { params: IdParam("pledgeId") },
  responses: { 200: json(Pledge.Info, "The pledge"), 404: Errors[404] },
});

const create = createRoute({
  method: "post",
  path: "/pledges",
  tags: ["governance"],
  summary: "Define a pledge: indicators, weights (adding up to 100%), yearly and quarterly targets, the rule that counts each actual, the budget (staff)",
  ...Access.staff,
  request: body(Pledge.Input),
  responses: { 201: json(Pledge.Info, "Created"), 400: Errors[400], 401: Errors[401], 403: Errors[403] },
});

const replace = createRoute({
  method: "put",
  path: "/pledges/{pledgeId}",
  tags: ["governance"],
  summary: "Replace a pledge's definition (staff)",
  ...Access.staff,
  request: { params: IdParam("pledgeId"), ...body(Pledge.Input) },
  responses: { 200: json(Pledge.Info, "Replaced"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

const HistoryView = History.Info.extend({ counted: z.record(z.string(), z.number()) });

const history = createRoute({
  ...Access.public,
  method: "get",
  path: "/history",
  tags: ["governance"],
  summary: "Yearly series before Gongnon, entered by hand, beside what Gongnon counted itself (public)",
  responses: { 200: json(z.object({ series: z.array(HistoryView) }), "Series") },
});

const putHistory = createRoute({
  method: "put",
  path: "/history/{series}",
  tags: ["governance"],
  summary: "Enter a yearly series by hand (staff)",
  ...Access.staff,
  request: { params: z.object({ series: z.enum(History.SERIES).openapi({ param: { name: "series", in: "path" } }) }), ...body(History.Input) },
  responses: { 200: json(History.Info, "Entered"), 400: Errors[400], 401: Errors[401], 403: Errors[403] },
});

export const pledgeRoutes = new OpenAPIHono<Env>()
  .openapi(dashboard, async (c) => {
    const { asOf, pledgeId } = c.req.valid("query");
    const id = pledgeId ?? (await Pledge.current()).id;
    return c.json(await Pledge.dashboard(id, asOf), 200);
  })
  .openapi(list, async (c) => c.json({ pledges: await Pledge.list() }, 200))
  .openapi(get, async (c) => c.json(await Pledge.mustGet(c.req.valid("param").pledgeId), 200))
  .openapi(create, async (c) => c.json(await Pledge.create(c.req.valid("json")), 201))
  .openapi(replace, async (c) => c.json(await Pledge.replace(c.req.valid("param").pledgeId, c.req.valid("json")), 200))
  .openapi(history, async (c) => {
    const [series, counted] = await Promise.all([History.list(), History.counted()]);
    return c.json({ series: series.map((s) => ({ ...s, counted: counted[s.series] })) }, 200);
  })
  .openapi(putHistory, async (c) => c.json(await History.put(c.req.valid("param").series, c.req.valid("json")), 200));
