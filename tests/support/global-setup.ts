import type { TestProject } from "vitest/node";
import { startDynamoLocal, type LocalDynamo } from "../../scripts/dynamo-local.js";

/** One DynamoDB Local (in memory) per test run; every test file makes its own table in it. */
let dynamo: LocalDynamo | undefined;

export async function setup(project: TestProject) {
  dynamo = await startDynamoLocal();
  project.provide("dynamoEndpoint", dynamo.endpoint);
}

export async function teardown() {
  await dynamo?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
