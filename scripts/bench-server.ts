import { startServer } from "../functions/local/server.js";

/** The API alone, in its own process, for `npm run bench` (env: DYNAMODB_ENDPOINT, TABLE_NAME, GONGNON_HMAC_KEY). */
process.env.GONGNON_QUIET_LOG = "1";
const srv = await startServer({ port: 0 });
process.stdout.write(`LISTENING ${srv.url}\n`);
process.on("SIGTERM", () => process.exit(0));
