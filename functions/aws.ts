import { Config } from "sst/node/config";
import { setHmacKeyProvider } from "../core/shared/config.js";
import { CodeSender } from "../core/voting/code-sender.js";
import { snsSender } from "./sms-sender.js";

/** What every Lambda plugs into core: the bound HmacKey secret and the SNS code sender. */
export function onAws() {
  // SST binds the HmacKey secret; sst/node/config resolves it from SSM at cold start.
  setHmacKeyProvider(() => (Config as unknown as Record<string, string>).HmacKey);
  // One-time voting codes go out as SMS.
  CodeSender.set(snsSender);
}
