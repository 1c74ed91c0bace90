import { Config } from "sst/node/config";
import { setHmacKeyProvider } from "../core/shared/config.js";
import { Sealed } from "../core/shared/sealing.js";
import { CodeSender } from "../core/voting/code-sender.js";
import { snsSender } from "./sms-sender.js";

/** What every Lambda plugs into core: the bound HmacKey and SealingKey secrets and the SNS code sender. */
export function onAws() {
  // SST binds the secrets; sst/node/config resolves them from SSM at cold start.
  setHmacKeyProvider(() => (Config as unknown as Record<string, string>).HmacKey);
  Sealed.setKeyProvider(() => (Config as unknown as Record<string, string>).SealingKey);
  // One-time voting codes go out as SMS.
  CodeSender.set(snsSender);
}
