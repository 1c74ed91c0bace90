import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import type { CodeSender } from "../core/voting/code-sender.js";

let client: SNSClient | undefined;

/** Sends one-time codes as SMS through Amazon SNS (transactional, +82 numbers). */
export const snsSender: CodeSender.Sender = async (m) => {
  client ??= new SNSClient({});
  try {
    await send(m);
  } catch (err) {
    // SNS messages can quote the number ("Invalid parameter: PhoneNumber …"): only the error's name goes on.
    throw new Error(`SMS not sent (SNS ${(err as Error).name})`);
  }
};

async function send(m: CodeSender.Message) {
  await client!.send(
    new PublishCommand({
      PhoneNumber: `+82${m.phone.slice(1)}`,
      Message: m.text,
      MessageAttributes: {
        "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
        ...(process.env.GONGNON_SMS_SENDER_ID ? { "AWS.SNS.SMS.SenderID": { DataType: "String", StringValue: process.env.GONGNON_SMS_SENDER_ID } } : {}),
      },
    }),
  );
}
