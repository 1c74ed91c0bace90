import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The SNS code sender against a local HTTP endpoint that answers as SNS does: what leaves the
 * Lambda is a Publish to the number in E.164 form (+8210…), as a transactional SMS.
 */
const received: URLSearchParams[] = [];
const server = createServer(async (req: IncomingMessage, res) => {
  let body = "";
  for await (const chunk of req) body += String(chunk);
  const params = new URLSearchParams(body);
  received.push(params);
  if (params.get("PhoneNumber") === "+821099999999") {
    res.writeHead(400, { "content-type": "text/xml" });
    res.end(
      `<ErrorResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>Invalid parameter: PhoneNumber Reason: +821099999999 is not valid</Message></Error><RequestId>r-2</RequestId></ErrorResponse>`,
    );
    return;
  }
  res.writeHead(200, { "content-type": "text/xml" });
  res.end(
    `<PublishResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>`,
  );
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  process.env.AWS_ENDPOINT_URL_SNS = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.AWS_REGION = "ap-northeast-2";
  process.env.AWS_ACCESS_KEY_ID = "test";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
});
afterAll(() => server.close());

describe("the SNS code sender", () => {
  it("publishes a transactional SMS to the +82 number", async () => {
    const { snsSender } = await import("../../../functions/sms-sender.js");
    await snsSender({ phone: "01012345678", code: "123456", text: "[공론] 인증번호 123456" });
    expect(received).toHaveLength(1);
    const p = received[0]!;
    expect(p.get("Action")).toBe("Publish");
    expect(p.get("PhoneNumber")).toBe("+821012345678");
    expect(p.get("Message")).toBe("[공론] 인증번호 123456");
    const attrs = [...p.entries()].filter(([k]) => k.startsWith("MessageAttributes")).map(([, v]) => v);
    expect(attrs).toEqual(expect.arrayContaining(["AWS.SNS.SMS.SMSType", "Transactional"]));
  });

  it("a refusal from SNS does not carry the number on into errors and logs", async () => {
    const { snsSender } = await import("../../../functions/sms-sender.js");
    const err = await snsSender({ phone: "01099999999", code: "123456", text: "x" }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).toMatch(/SMS not sent \(SNS /);
    expect(`${(err as Error).message} ${(err as Error).stack}`).not.toContain("99999999");
  });
});
