import { handle } from "hono/aws-lambda";
import { createApi } from "./api/app.js";
import { onAws } from "./aws.js";

/**
 * The files Lambda: imports and exports of spreadsheets, and the OpenAPI document. It serves the
 * whole app (API Gateway sends it only FILE_ROUTES), so the hot Lambda never loads that code.
 */
onAws();
export const handler = handle(createApi());
