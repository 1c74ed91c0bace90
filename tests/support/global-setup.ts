import chromium from "@sparticuz/chromium";
import type { TestProject } from "vitest/node";
import { startDynamoLocal, type LocalDynamo } from "../../scripts/dynamo-local.js";

/**
 * One DynamoDB Local (in memory) per test run; every test file makes its own table in it. The
 * headless Chromium is extracted here, once, before any test file runs: test files asking for it
 * at the same time would race on the extraction (one runs the file while another still writes it).
 */
let dynamo: LocalDynamo | undefined;

export async function setup(project: TestProject) {
  const [started, browser] = await Promise.all([startDynamoLocal(), chromium.executablePath()]);
  dynamo = started;
  project.provide("dynamoEndpoint", dynamo.endpoint);
  project.provide("chromiumPath", browser);
}

export async function teardown() {
  await dynamo?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    /** The extracted headless Chromium's executable. */
    chromiumPath: string;
  }
}
