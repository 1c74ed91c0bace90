import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { Auth } from "../../../../core/accounts/auth.js";
import { notFound } from "../../../../core/shared/errors.js";
import { Session } from "../../../../core/attendance/session.js";
import { User } from "../../../../core/accounts/user.js";
import { Access } from "../../access.js";
import { requireUser } from "../../auth.js";
import type { Env } from "../../env.js";
import { Errors, IdParam, body, json } from "../../schemas.js";

const UserInfo = User.Info;

const create = createRoute({
  method: "post",
  path: "/users",
  tags: ["users"],
  summary: "Create a staff or facilitator account (admins may create any role; staff only facilitators)",
  ...Access.staff,
  request: body(User.CreateInput),
  responses: { 201: json(UserInfo, "Created"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 409: Errors[409] },
});

const list = createRoute({
  method: "get",
  path: "/users",
  tags: ["users"],
  summary: "List accounts (staff)",
  ...Access.staff,
  responses: { 200: json(z.object({ users: z.array(UserInfo) }), "Accounts"), 401: Errors[401], 403: Errors[403] },
});

const update = createRoute({
  method: "patch",
  path: "/users/{userId}",
  tags: ["users"],
  summary: "Change name, role, password, or disable an account (staff: facilitator accounts; admins: any)",
  ...Access.staff,
  request: { params: IdParam("userId"), ...body(User.UpdateInput) },
  responses: { 200: json(UserInfo, "Updated"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

const mySessions = createRoute({
  method: "get",
  path: "/me/sessions",
  tags: ["sessions"],
  summary: "The sessions assigned to the signed-in facilitator",
  ...Access.signedIn,
  responses: { 200: json(z.object({ sessions: z.array(Session.Info) }), "Sessions"), 401: Errors[401] },
});

export const userRoutes = new OpenAPIHono<Env>()
  .openapi(create, async (c) => {
    const actor = requireUser(c);
    const input = c.req.valid("json");
    User.assertCanManage(actor.role, input.role);
    return c.json(await User.create(input), 201);
  })
  .openapi(list, async (c) => c.json({ users: await User.list() }, 200))
  .openapi(update, async (c) => {
    const actor = requireUser(c);
    const { userId } = c.req.valid("param");
    const input = c.req.valid("json");
    const target = await User.fromID(userId);
    if (!target) throw notFound({ ko: "사용자", en: "User" });
    User.assertCanManage(actor.role, target.role);
    if (input.role) User.assertCanManage(actor.role, input.role);
    const updated = await User.update(userId, input);
    Auth.forgetUser(userId);
    return c.json(updated, 200);
  })
  .openapi(mySessions, async (c) => {
    const actor = requireUser(c);
    return c.json({ sessions: await Session.listForFacilitator(actor.userId) }, 200);
  });
