import { handle } from "hono/aws-lambda";
import { onAws } from "./aws.js";
import { createRecordsApi } from "./api/records.js";

/** The records Lambda: journeys, projects, the funnel, governance (API Gateway sends it RECORD_ROUTES). */
onAws();
export const handler = handle(createRecordsApi());
