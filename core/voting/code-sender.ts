import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

/**
 * The port through which one-time codes reach a phone. On AWS the Lambda entry point plugs in an
 * SMS sender (SNS); locally a sender that writes to the server log and an outbox file. Core never
 * knows which.
 */
export namespace CodeSender {
  export interface Message {
    /** The normalised domestic number (01012345678): only the sender sees it, never a log or the table. */
    phone: string;
    code: string;
    text: string;
  }
  export type Sender = (m: Message) => Promise<void>;

  let sender: Sender | undefined;

  export function set(next: Sender) {
    sender = next;
  }

  export async function send(m: Message): Promise<void> {
    if (!sender) throw new Error("No code sender configured: the host must call CodeSender.set().");
    await sender(m);
  }

  /** 010-****-5678: enough to tell messages apart, not enough to identify anyone. */
  export const mask = (phone: string) => `${phone.slice(0, 3)}-****-${phone.slice(-4)}`;

  /**
   * The local sender: one JSON line per message in `file` (the data folder's outbox), and a log
   * line; both show the masked number and the code, as a developer's phone would.
   */
  export function outbox(file: string, log: (line: Record<string, unknown>) => void = () => undefined): Sender {
    mkdirSync(dirname(file), { recursive: true });
    return async (m) => {
      const entry = { at: new Date().toISOString(), to: mask(m.phone), code: m.code, text: m.text };
      appendFileSync(file, JSON.stringify(entry) + "\n", { mode: 0o600 });
      log({ msg: "verification code (local outbox)", to: entry.to, code: m.code });
    };
  }
}
