import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../../../../core/shared/errors.js";
import { Body } from "../../../../core/governance/body.js";
import { DateOnly } from "../../../../core/shared/time.js";
import { Access } from "../../access.js";
import { isStaff } from "../../auth.js";
import type { Env } from "../../env.js";
import { Errors, IdParam, body, json } from "../../schemas.js";

/** The governance bodies, their composition and members (names for staff, or where the district publishes them). */

const BodyView = Body.Info.extend({ composition: Body.Composition });
/** The composition on a day (a report's date); absent: today in Korea. */
const On = z.object({ on: DateOnly.optional() });
const MemberView = Body.Member.extend({ endingSoon: z.boolean() });

const list = createRoute({
  ...Access.public,
  method: "get",
  path: "/bodies",
  tags: ["governance"],
  summary: "The governance bodies with their composition on a day (today unless ?on=): members by seat and subcommittee, the size limit, terms ending within 60 days (public)",
  request: { query: On },
  responses: { 200: json(z.object({ bodies: z.array(BodyView) }), "Bodies") },
});

const one = createRoute({
  ...Access.public,
  method: "get",
  path: "/bodies/{bodyId}",
  tags: ["governance"],
  summary: "A body and its composition (public)",
  request: { params: IdParam("bodyId"), query: On },
  responses: { 200: json(BodyView, "The body"), 400: Errors[400], 404: Errors[404] },
});

const create = createRoute({
  method: "post",
  path: "/bodies",
  tags: ["governance"],
  summary: "Set up a body: size limit, subcommittees, terms and renewals (staff)",
  ...Access.staff,
  request: body(Body.CreateInput),
  responses: { 201: json(Body.Info, "Created"), 400: Errors[400], 401: Errors[401], 403: Errors[403] },
});

const update = createRoute({
  method: "patch",
  path: "/bodies/{bodyId}",
  tags: ["governance"],
  summary: "Change a body (staff)",
  ...Access.staff,
  request: { params: IdParam("bodyId"), ...body(Body.UpdateInput) },
  responses: { 200: json(Body.Info, "Changed"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

const members = createRoute({
  ...Access.public,
  method: "get",
  path: "/bodies/{bodyId}/members",
  tags: ["governance"],
  summary: "A body's members with their seats, subcommittees and terms (staff; the public only where the body publishes its names)",
  request: { params: IdParam("bodyId") },
  responses: { 200: json(z.object({ members: z.array(MemberView) }), "Members"), 403: Errors[403], 404: Errors[404] },
});

const appoint = createRoute({
  method: "post",
  path: "/bodies/{bodyId}/members",
  tags: ["governance"],
  summary: "Appoint a member for a term (staff); 409 beyond the body's size limit",
  ...Access.staff,
  request: { params: IdParam("bodyId"), ...body(Body.MemberInput) },
  responses: { 201: json(Body.Member, "Appointed"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404], 409: Errors[409] },
});

const change = createRoute({
  method: "patch",
  path: "/bodies/{bodyId}/members/{memberId}",
  tags: ["governance"],
  summary: "Change a member's display name, seat or subcommittee (staff)",
  ...Access.staff,
  request: { params: IdParam("bodyId").extend(IdParam("memberId").shape), ...body(Body.MemberUpdate) },
  responses: { 200: json(Body.Member, "Changed"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

const renew = createRoute({
  method: "post",
  path: "/bodies/{bodyId}/members/{memberId}/terms",
  tags: ["governance"],
  summary: "Reappoint a member for another term (staff); 409 beyond the allowed renewals or overlapping a term",
  ...Access.staff,
  request: { params: IdParam("bodyId").extend(IdParam("memberId").shape), ...body(Body.Term) },
  responses: { 200: json(Body.Member, "Renewed"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404], 409: Errors[409] },
});

const view = async (b: Body.Info, on?: string) => ({ ...b, composition: Body.composition(b, await Body.members(b.id), on) });

export const bodyRoutes = new OpenAPIHono<Env>()
  .openapi(list, async (c) => {
    const { on } = c.req.valid("query");
    return c.json({ bodies: await Promise.all((await Body.list()).map((b) => view(b, on))) }, 200);
  })
  .openapi(one, async (c) => c.json(await view(await Body.mustGet(c.req.valid("param").bodyId), c.req.valid("query").on), 200))
  .openapi(create, async (c) => c.json(await Body.create(c.req.valid("json")), 201))
  .openapi(update, async (c) => c.json(await Body.update(c.req.valid("param").bodyId, c.req.valid("json")), 200))
  .openapi(members, async (c) => {
    const b = await Body.mustGet(c.req.valid("param").bodyId);
    if (!isStaff(c) && !b.publicNames) {
      throw new AppError("forbidden", "names_not_public", {
        ko: `${b.name} 위원의 이름은 공개하지 않습니다. 구성 현황(인원, 분과)을 보세요.`,
        en: `The names of ${b.name}'s members are not public; see its composition.`,
      });
    }
    return c.json({ members: (await Body.members(b.id)).map((m) => ({ ...m, endingSoon: Body.flagEnding(m) })) }, 200);
  })
  .openapi(appoint, async (c) => c.json(await Body.addMember(c.req.valid("param").bodyId, c.req.valid("json")), 201))
  .openapi(change, async (c) => {
    const { bodyId, memberId } = c.req.valid("param");
    return c.json(await Body.updateMember(bodyId, memberId, c.req.valid("json")), 200);
  })
  .openapi(renew, async (c) => {
    const { bodyId, memberId } = c.req.valid("param");
    return c.json(await Body.renew(bodyId, memberId, c.req.valid("json")), 200);
  });
