import { Hono } from "hono";
import { handle } from "hono/aws-lambda";

/** The smallest Hono Lambda, built as the API's are: the baseline of the cold-start table. */
const app = new Hono();
app.get("*", (c) => c.json({ hello: "world" }));
export const handler = handle(app);
