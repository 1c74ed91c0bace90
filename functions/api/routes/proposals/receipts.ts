import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { Journey } from "../../../../core/projects/journey.js";
import { Proposal } from "../../../../core/proposals/proposal.js";
import type { Env } from "../../env.js";
import { Errors, json } from "../../schemas.js";
import { Access } from "../../access.js";

/**
 * A proposal by its receipt code, with its journey down the funnel to the projects and their
 * money: served by the records Lambda (it reads projects), not the hot one.
 */

const byReceipt = createRoute({
  ...Access.public,
  method: "get",
  path: "/proposals/{receipt}",
  tags: ["proposals"],
  summary: "A proposal and its history, by receipt code (public to whoever holds the code)",
  request: { params: z.object({ receipt: z.string().min(1).max(40).openapi({ param: { name: "receipt", in: "path" }, example: "7K3M-Q9XA-2RTB" }) }) },
  responses: { 200: json(Proposal.ReceiptView.extend({ journey: Journey.View }), "The proposal and its journey down the funnel"), 400: Errors[400], 404: Errors[404] },
});

export const receiptRoutes = new OpenAPIHono<Env>()
  .openapi(byReceipt, async (c) => {
    const view = await Proposal.fromReceipt(c.req.valid("param").receipt);
    // The journey of the proposal its merges led to (itself when it was not merged).
    const last = view.mergedInto ? await Proposal.mustGet(view.mergedInto.id) : await Proposal.mustGet(view.proposal.id);
    return c.json({ ...view, journey: await Journey.of(last) }, 200);
  });
