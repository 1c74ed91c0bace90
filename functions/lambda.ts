import { handle } from "hono/aws-lambda";
import { Config } from "sst/node/config";
import { setHmacKeyProvider } from "../core/config.js";
import { createApi } from "./api/app.js";

// SST binds the HmacKey secret; sst/node/config resolves it from SSM at cold start.
setHmacKeyProvider(() => (Config as unknown as Record<string, string>).HmacKey);

export const handler = handle(createApi());
