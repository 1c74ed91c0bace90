import { handle } from "hono/aws-lambda";
import { createHotApi } from "./api/hot.js";
import { onAws } from "./aws.js";

/** The hot API Lambda: every route but the files' (see functions/files-lambda.ts). */
onAws();
export const handler = handle(createHotApi());
