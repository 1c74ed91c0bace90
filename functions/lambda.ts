import { handle } from "hono/aws-lambda";
import { Config } from "sst/node/config";
import { CodeSender } from "../core/voting/code-sender.js";
import { setHmacKeyProvider } from "../core/shared/config.js";
import { createApi } from "./api/app.js";
import { snsSender } from "./sms-sender.js";

// SST binds the HmacKey secret; sst/node/config resolves it from SSM at cold start.
setHmacKeyProvider(() => (Config as unknown as Record<string, string>).HmacKey);
// One-time voting codes go out as SMS.
CodeSender.set(snsSender);

export const handler = handle(createApi());
