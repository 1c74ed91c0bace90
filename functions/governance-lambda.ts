import { handle } from "hono/aws-lambda";
import { createGovernanceApi } from "./api/governance.js";
import { onAws } from "./aws.js";

/** The governance Lambda: bodies, meetings, tasks, the pledge dashboard (API Gateway sends it GOVERNANCE_ROUTES). */
onAws();
export const handler = handle(createGovernanceApi());
