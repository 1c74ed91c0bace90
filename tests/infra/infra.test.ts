import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Match, Template } from "aws-cdk-lib/assertions";
import { App, getStack } from "sst/constructs";
import { initProject, useProject } from "sst/project.js";
import { beforeAll, describe, expect, it } from "vitest";
import { createTableInput, TableDefinition } from "../../core/shared/table.js";
import config, { Gongnon, SHELL_FILES } from "../../sst.config.js";
import { FILE_ROUTES, GOVERNANCE_ROUTES, RECORD_ROUTES } from "../../functions/file-routes.js";
import { CONTENT_SECURITY_POLICY, HSTS, PAGE_HEADERS } from "../../functions/web/headers.js";
import type { handler as lambdaHandler } from "../../functions/lambda.js";

/**
 * The infrastructure, synthesized offline (no AWS account, no network) exactly as `sst deploy`
 * would build it: the config's own stacks(), Lambda bundling and the web build included.
 */

const REGION = "ap-northeast-2";
const ACCOUNT = "123456789012";
/** The hot API Lambda, and the files Lambda (imports, exports, the OpenAPI document). */
const HANDLER = "functions/lambda.handler";
const FILES_HANDLER = "functions/files-lambda.handler";
const RECORDS_HANDLER = "functions/records-lambda.handler";
const GOVERNANCE_HANDLER = "functions/governance-lambda.handler";
const HANDLERS = [HANDLER, FILES_HANDLER, RECORDS_HANDLER, GOVERNANCE_HANDLER] as const;
/** The most the hot Lambda may load at start, minified (its one bundle file: no chunks). */
const HOT_BUNDLE_BUDGET = 350_000;

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

interface Synthesis {
  template: Template;
  /** Directory of each bundled API Lambda (by handler), as it would be zipped and uploaded. */
  bundles: Record<(typeof HANDLERS)[number], string>;
  seconds: number;
}

async function synthesize(stage: string): Promise<Synthesis> {
  const started = performance.now();
  await initProject({ stage });
  const { name, region } = await config.config();
  const app = new App({ mode: "deploy", stage, name, region, account: ACCOUNT });
  await config.stacks(app);
  await app.finish();
  const stack = getStack(Gongnon);
  const template = Template.fromStack(stack);
  const bundles = Object.fromEntries(HANDLERS.map((h) => [h, bundleDir(app, stack.artifactId, template, h)])) as Synthesis["bundles"];
  return { template, bundles, seconds: (performance.now() - started) / 1000 };
}

/** Finds a function's code asset in the cloud assembly's asset manifest. */
function bundleDir(app: App, artifactId: string, template: Template, handler: string): string {
  const [, fn] = apiFunction(template, handler);
  const key: string = fn.Properties.Code.S3Key;
  const assembly = app.synth();
  const manifest = JSON.parse(readFileSync(join(assembly.directory, `${artifactId}.assets.json`), "utf8"));
  const asset = manifest.files[key.replace(/\.zip$/, "")];
  return join(assembly.directory, asset.source.path);
}

function resources(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type)) as [string, Resource][];
}

function only(template: Template, type: string): [string, Resource] {
  const found = resources(template, type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
}

function apiFunction(template: Template, handler: string = HANDLER): [string, Resource] {
  const found = resources(template, "AWS::Lambda::Function").filter(([, r]) => r.Properties.Handler === handler);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** Every IAM statement attached to the role of the given function. */
function statementsOf(template: Template, fn: Resource): { Action: string | string[]; Resource: unknown }[] {
  const role = fn.Properties.Role["Fn::GetAtt"][0];
  return resources(template, "AWS::IAM::Policy")
    .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: role })))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
}

const dynamoType = { string: "S", number: "N", binary: "B" } as const;
const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) => (a.AttributeName ?? "").localeCompare(b.AttributeName ?? "");

let testStage: Synthesis;
let prodStage: Synthesis;

beforeAll(async () => {
  testStage = await synthesize("test");
  prodStage = await synthesize("prod");
  console.log(`[infra] synthesis: test ${testStage.seconds.toFixed(1)} s, prod ${prodStage.seconds.toFixed(1)} s`);
}, 240_000);

describe("table", () => {
  it("is the table core/shared/table.ts describes", () => {
    const [, table] = only(testStage.template, "AWS::DynamoDB::Table");
    const def = TableDefinition;
    const p = table.Properties;
    expect(p.KeySchema).toEqual([
      { AttributeName: def.primaryIndex.partitionKey, KeyType: "HASH" },
      { AttributeName: def.primaryIndex.sortKey, KeyType: "RANGE" },
    ]);
    expect([...p.AttributeDefinitions].sort(byName)).toEqual(
      Object.entries(def.fields)
        .map(([AttributeName, type]) => ({ AttributeName, AttributeType: dynamoType[type] }))
        .sort(byName),
    );
    expect(p.GlobalSecondaryIndexes).toEqual(
      Object.entries(def.globalIndexes).map(([IndexName, idx]) => ({
        IndexName,
        KeySchema: [
          { AttributeName: idx.partitionKey, KeyType: "HASH" },
          { AttributeName: idx.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      })),
    );
    expect(p.GlobalSecondaryIndexes.map((i: { IndexName: string }) => i.IndexName)).toContain("GSI1");
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: def.timeToLiveAttribute, Enabled: true });
    expect(p.TimeToLiveSpecification.AttributeName).toBe("expiresAt");
  });

  it("matches the table DynamoDB Local is given in the tests and locally", () => {
    const [, table] = only(testStage.template, "AWS::DynamoDB::Table");
    const local = createTableInput("local");
    expect(table.Properties.KeySchema).toEqual(local.KeySchema);
    expect([...table.Properties.AttributeDefinitions].sort(byName)).toEqual([...local.AttributeDefinitions!].sort(byName));
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect(table.Properties.BillingMode).toBe(local.BillingMode);
  });

  it("is on demand, with point-in-time recovery, named per stage", () => {
    const [, table] = only(testStage.template, "AWS::DynamoDB::Table");
    expect(table.Properties).toMatchObject({
      TableName: "test-gongnon-Data",
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    expect(table.Properties.ProvisionedThroughput).toBeUndefined();
    expect(table.Properties.StreamSpecification).toBeUndefined();
  });

  it("is retained and deletion-protected on prod, deleted with any other stage", () => {
    const [, testTable] = only(testStage.template, "AWS::DynamoDB::Table");
    expect(testTable.DeletionPolicy).toBe("Delete");
    expect(testTable.UpdateReplacePolicy).toBe("Delete");
    expect(testTable.Properties.DeletionProtectionEnabled).toBeFalsy();

    const [, prodTable] = only(prodStage.template, "AWS::DynamoDB::Table");
    expect(prodTable.DeletionPolicy).toBe("Retain");
    expect(prodTable.UpdateReplacePolicy).toBe("Retain");
    expect(prodTable.Properties).toMatchObject({
      TableName: "prod-gongnon-Data",
      DeletionProtectionEnabled: true,
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    const [, prodFn] = apiFunction(prodStage.template);
    expect(prodFn.Properties.Environment.Variables).toMatchObject({ SST_STAGE: "prod", SST_SSM_PREFIX: "/sst/gongnon/prod/" });
  });
});

describe("HTTP API", () => {
  it("sends the files' routes to the files Lambda, the records' to the records Lambda, and every other /api route to the hot one, without CORS", () => {
    const [apiId, api] = only(testStage.template, "AWS::ApiGatewayV2::Api");
    expect(api.Properties.ProtocolType).toBe("HTTP");
    expect(api.Properties.CorsConfiguration).toBeUndefined();

    const routes = resources(testStage.template, "AWS::ApiGatewayV2::Route");
    expect(routes.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(["ANY /api/{proxy+}", ...FILE_ROUTES, ...RECORD_ROUTES, ...GOVERNANCE_ROUTES].sort());
    const target = (key: string) => {
      const [, route] = routes.find(([, r]) => r.Properties.RouteKey === key)!;
      expect(route.Properties.ApiId).toEqual({ Ref: apiId });
      const integrationId = (route.Properties.Target["Fn::Join"][1] as unknown[]).find((x: any) => x?.Ref)! as { Ref: string };
      const integration = testStage.template.toJSON().Resources[integrationId.Ref] as Resource;
      expect(integration.Properties).toMatchObject({ IntegrationType: "AWS_PROXY", PayloadFormatVersion: "2.0" });
      return integration.Properties.IntegrationUri;
    };
    const [hotId] = apiFunction(testStage.template, HANDLER);
    const [filesId] = apiFunction(testStage.template, FILES_HANDLER);
    expect(target("ANY /api/{proxy+}")).toEqual({ "Fn::GetAtt": [hotId, "Arn"] });
    const [recordsId] = apiFunction(testStage.template, RECORDS_HANDLER);
    for (const key of FILE_ROUTES) expect(target(key), key).toEqual({ "Fn::GetAtt": [filesId, "Arn"] });
    for (const key of RECORD_ROUTES) expect(target(key), key).toEqual({ "Fn::GetAtt": [recordsId, "Arn"] });
    const [governanceId] = apiFunction(testStage.template, GOVERNANCE_HANDLER);
    for (const key of GOVERNANCE_ROUTES) expect(target(key), key).toEqual({ "Fn::GetAtt": [governanceId, "Arn"] });
    expect(resources(testStage.template, "AWS::Lambda::Function").filter(([, f]) => f.Properties.Handler?.startsWith("functions/"))).toHaveLength(4);
  });

  it("keeps a month of access logs", () => {
    testStage.template.hasResourceProperties("AWS::Logs::LogGroup", { RetentionInDays: 30 });
    only(testStage.template, "AWS::ApiGatewayV2::Stage");
    testStage.template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });
});

describe.each(HANDLERS)("API function %s", (handler) => {
  it("runs Node 22 on arm64 with the default props", () => {
    const [, fn] = apiFunction(testStage.template, handler);
    expect(fn.Properties).toMatchObject({
      Runtime: "nodejs22.x",
      Architectures: ["arm64"],
      MemorySize: 1024,
      // Reading or writing a spreadsheet may take longer than a ballot.
      Timeout: handler === FILES_HANDLER ? 30 : 20,
    });
    expect(fn.Properties.TracingConfig).toBeUndefined();
  });

  it("gets the table and the secret through SST bindings, never the key itself", () => {
    const [tableId] = only(testStage.template, "AWS::DynamoDB::Table");
    const [, fn] = apiFunction(testStage.template, handler);
    expect(fn.Properties.Environment.Variables).toMatchObject({
      // Read by core/shared/config.ts tableName()
      SST_Table_tableName_Data: { Ref: tableId },
      // Resolved from SSM by sst/node/config at cold start
      SST_Secret_value_HmacKey: "__FETCH_FROM_SSM__",
      SST_Secret_value_SealingKey: "__FETCH_FROM_SSM__",
      SST_APP: "gongnon",
      SST_STAGE: "test",
      SST_SSM_PREFIX: "/sst/gongnon/test/",
    });
    // The secrets' values are set with `sst secrets set HmacKey` (SealingKey); nothing in the template holds them.
    const ssmNames = resources(testStage.template, "AWS::SSM::Parameter").map(([, p]) => p.Properties.Name);
    expect(ssmNames.some((n: string) => n.includes("Secret"))).toBe(false);
  });

  it("may use the table and its indexes, and read the secret's parameters", () => {
    const [tableId] = only(testStage.template, "AWS::DynamoDB::Table");
    const [, fn] = apiFunction(testStage.template, handler);
    const statements = statementsOf(testStage.template, fn);

    const dynamo = statements.filter((s) => s.Action === "dynamodb:*");
    expect(dynamo).toHaveLength(1);
    expect(dynamo[0]!.Resource).toEqual([
      { "Fn::GetAtt": [tableId, "Arn"] },
      { "Fn::Join": ["", [{ "Fn::GetAtt": [tableId, "Arn"] }, "/*"]] },
    ]);

    // One statement per secret (HmacKey, SealingKey), each for its own parameters only.
    const ssm = statements.filter((s) => s.Action === "ssm:GetParameters");
    expect(ssm).toHaveLength(2);
    const arns = JSON.stringify(ssm.map((s) => s.Resource));
    expect(arns.match(/Secret\/[A-Za-z]+\/value/g)?.every((m) => /HmacKey|SealingKey/.test(m))).toBe(true);
    expect(arns).toContain(`:ssm:${REGION}:${ACCOUNT}:parameter/sst/gongnon/test/Secret/HmacKey/value`);
    expect(arns).toContain(`:ssm:${REGION}:${ACCOUNT}:parameter/sst/gongnon/.fallback/Secret/HmacKey/value`);
    expect(arns).toContain(`:ssm:${REGION}:${ACCOUNT}:parameter/sst/gongnon/test/Secret/SealingKey/value`);
  });

  it("may text one-time codes through SNS to phone numbers, and to no topic", () => {
    const [, fn] = apiFunction(testStage.template, handler);
    const sns = statementsOf(testStage.template, fn).filter((s) => s.Action === "sns:Publish");
    expect(sns).toEqual([{ Action: "sns:Publish", Effect: "Allow", NotResource: "arn:aws:sns:*:*:*" }]);
    // The viewer's address for rate limits: CloudFront is the one trusted proxy.
    expect(fn.Properties.Environment.Variables.GONGNON_TRUSTED_PROXIES).toBe("1");
  });

  /** Runs a bundle's handler on an API Gateway v2 event in a separate Node process, as Lambda loads it. */
  function invoke(handler: (typeof HANDLERS)[number], method: string, url: string, body?: unknown): { statusCode: number; body: string } {
    const [path, query = ""] = url.split("?") as [string, string?];
    const dir = testStage.bundles[handler];
    const bundle = join(dir, `${handler.split(".")[0]}.mjs`);
    expect(existsSync(bundle), bundle).toBe(true);
    // The nodejs22.x runtime provides the AWS SDK v3, which the bundles leave out: here, the project's copy.
    if (!existsSync(join(dir, "node_modules"))) symlinkSync(join(useProject().paths.root, "node_modules"), join(dir, "node_modules"), "dir");
    const event = {
      version: "2.0",
      routeKey: "ANY /api/{proxy+}",
      rawPath: path,
      rawQueryString: query,
      body: body === undefined ? null : JSON.stringify(body),
      headers: { host: "example.execute-api.ap-northeast-2.amazonaws.com", "accept-language": "ko", ...(body === undefined ? {} : { "content-type": "application/json" }) },
      requestContext: {
        accountId: ACCOUNT,
        apiId: "example",
        authentication: null,
        authorizer: {},
        domainName: "example.execute-api.ap-northeast-2.amazonaws.com",
        domainPrefix: "example",
        http: { method, path, protocol: "HTTP/1.1", sourceIp: "203.0.113.1", userAgent: "vitest" },
        requestId: "req",
        routeKey: "ANY /api/{proxy+}",
        stage: "$default",
        time: "01/Jan/2026:00:00:00 +0000",
        timeEpoch: 0,
      },
      isBase64Encoded: false,
    } satisfies Parameters<typeof lambdaHandler>[0];
    // A separate Node process, as Lambda would load it: the file's own ESM, no test transform.
    const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
      const res = await handler(JSON.parse(process.env.EVENT), {});
      process.stdout.write(JSON.stringify(res));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      env: { PATH: process.env.PATH, EVENT: JSON.stringify(event), SST_APP: "gongnon", SST_STAGE: "test", GONGNON_QUIET_LOG: "1" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout) as { statusCode: number; body: string };
  }

  it("is bundled as ESM whose handler, run by plain Node, answers an API Gateway v2 event", () => {
    if (handler === GOVERNANCE_HANDLER) {
      // An as-of date that is not a date: validation answers before any table is asked.
      const res = invoke(handler, "GET", "/api/pledges/dashboard?asOf=yesterday");
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body).error).toMatchObject({ code: "invalid_input", field: "asOf" });
    } else if (handler === RECORDS_HANDLER) {
      // A step that is not one of the funnel's: validation answers before any table is asked.
      const res = invoke(handler, "GET", "/api/forums/f1/funnel/nope");
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body).error).toMatchObject({ code: "invalid_input", field: "step" });
    } else if (handler === FILES_HANDLER) {
      const res = invoke(handler, "GET", "/api/openapi.json");
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body).openapi).toBe("3.1.0");
    } else {
      // Validation (zod, trimmed in the bundle) answers before any table is asked.
      const res = invoke(handler, "POST", "/api/verifications", { phone: 42 });
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body).error).toMatchObject({ code: "invalid_input", field: "phone" });
      const doc = invoke(handler, "GET", "/api/openapi.json");
      expect(doc.statusCode).toBe(404);
    }
  });
});

describe("the hot Lambda's cold start", () => {
  it(`loads at most ${HOT_BUNDLE_BUDGET / 1000} KB (one file, no chunks), with no spreadsheet code and no OpenAPI generator`, () => {
    const dir = testStage.bundles[HANDLER];
    expect(readdirSync(join(dir, "functions")).filter((f) => /\.m?js$/.test(f))).toEqual(["lambda.mjs"]);
    const code = readFileSync(join(dir, "functions", "lambda.mjs"), "utf8");
    const bytes = Buffer.byteLength(code);
    console.log(`[infra] hot Lambda bundle: ${bytes} bytes; files Lambda: ${statSync(join(testStage.bundles[FILES_HANDLER], "functions", "files-lambda.mjs")).size} bytes`);
    expect(bytes).toBeLessThanOrEqual(HOT_BUNDLE_BUDGET);
    // Markers of what belongs to the files Lambda only: the XLSX reader's messages, the OpenAPI document.
    const files = readFileSync(join(testStage.bundles[FILES_HANDLER], "functions", "files-lambda.mjs"), "utf8");
    // …and no projects or governance code (the records Lambda's): the funnel's counters, a card's quarter rule.
    const records = readFileSync(join(testStage.bundles[RECORDS_HANDLER], "functions", "records-lambda.mjs"), "utf8");
    for (const marker of ["quarter_outside_period", "approved_above_proposed"]) {
      expect(code).not.toContain(marker);
      expect(records).toContain(marker);
    }
    for (const marker of ["file_too_many_cells", "Gongnon API"]) {
      expect(code).not.toContain(marker);
      expect(files).toContain(marker);
    }
  });

  it.each([RECORDS_HANDLER, GOVERNANCE_HANDLER] as const)("%s, which also serves residents' reads (a receipt, the funnel, the dashboard), keeps the same budget", (handler) => {
    const dir = testStage.bundles[handler];
    const file = `${handler.split(".")[0]!.split("/")[1]}.mjs`;
    expect(readdirSync(join(dir, "functions")).filter((f) => /\.m?js$/.test(f))).toEqual([file]);
    const bytes = statSync(join(dir, "functions", file)).size;
    console.log(`[infra] ${handler}: ${bytes} bytes`);
    expect(bytes).toBeLessThanOrEqual(HOT_BUNDLE_BUDGET);
    const code = readFileSync(join(dir, "functions", file), "utf8");
    expect(code).not.toContain("file_too_many_cells");
    expect(code).not.toContain("Gongnon API");
  });
});

describe("web", () => {
  const distribution = () => only(testStage.template, "AWS::CloudFront::Distribution")[1].Properties.DistributionConfig;

  it("serves the built web app from a private bucket", () => {
    only(testStage.template, "AWS::S3::Bucket");
    testStage.template.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    only(testStage.template, "Custom::S3Uploader");
    const out = join(useProject().paths.root, ".sst", "web-dist", "index.html");
    expect(existsSync(out), out).toBe(true);
    expect(distribution()).toMatchObject({ Enabled: true, DefaultRootObject: "index.html" });
  });

  it("routes /api/* to the HTTP API on the same origin, uncached, with cookies and headers", () => {
    const [apiId] = only(testStage.template, "AWS::ApiGatewayV2::Api");
    const config = distribution();
    const behaviors = config.CacheBehaviors as Record<string, any>[];
    expect(behaviors.map((b) => b.PathPattern)).toEqual(["/api/rounds/*/results", "/api/*", ...SHELL_FILES]);
    const api = behaviors[1]!;
    expect(api).toMatchObject({
      PathPattern: "/api/*",
      ViewerProtocolPolicy: "https-only",
      AllowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"],
      CachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", // Managed-CachingDisabled
      OriginRequestPolicyId: "b689b0a8-53d0-40ab-baf2-68738e2966ac", // Managed-AllViewerExceptHostHeader
    });
    const origin = (config.Origins as Record<string, any>[]).find((o) => o.Id === api.TargetOriginId)!;
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: "https-only" });
    expect(origin.DomainName).toEqual({
      "Fn::Join": ["", [{ Ref: apiId }, `.execute-api.${REGION}.`, { Ref: "AWS::URLSuffix" }]],
    });
  });

  it("lets CloudFront keep live results for the few seconds the API allows, on the same origin", () => {
    const config = distribution();
    const [results, api] = config.CacheBehaviors as Record<string, any>[];
    expect(results).toMatchObject({ PathPattern: "/api/rounds/*/results", AllowedMethods: ["GET", "HEAD"], TargetOriginId: api!.TargetOriginId });
    const [policyId, policy] = only(testStage.template, "AWS::CloudFront::CachePolicy");
    expect(results.CachePolicyId).toEqual({ Ref: policyId });
    expect(policy.Properties.CachePolicyConfig).toMatchObject({ MinTTL: 0, DefaultTTL: 0, MaxTTL: 10 });
  });

  it("compresses what it serves: the pages and the API", () => {
    const config = distribution();
    expect(config.DefaultCacheBehavior.Compress).toBe(true);
    for (const b of config.CacheBehaviors as Record<string, any>[]) expect(b.Compress, b.PathPattern).toBe(true);
  });

  /** The response headers policy a behavior uses. */
  const headersPolicyOf = (behavior: Record<string, any>) => {
    const id = behavior.ResponseHeadersPolicyId.Ref as string;
    return testStage.template.toJSON().Resources[id] as Resource;
  };

  it("serves index.html, the service worker and the manifest uncached, from the site's bucket, with no-cache", () => {
    const config = distribution();
    const behaviors = config.CacheBehaviors as Record<string, any>[];
    const origins = config.Origins as Record<string, any>[];
    for (const path of SHELL_FILES) {
      const b = behaviors.find((x) => x.PathPattern === path)!;
      expect(b, path).toMatchObject({ AllowedMethods: ["GET", "HEAD"], CachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", ViewerProtocolPolicy: "redirect-to-https" });
      expect(origins.find((o) => o.Id === b.TargetOriginId)!.S3OriginConfig, path).toBeDefined();
      const policy = headersPolicyOf(b).Properties.ResponseHeadersPolicyConfig;
      expect(policy.CustomHeadersConfig.Items).toContainEqual({ Header: "Cache-Control", Value: "no-cache", Override: true });
      expect(policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).toBe(CONTENT_SECURITY_POLICY);
    }
    // And the bucket's copies say so too (SST's default would make sw.js immutable for a year).
    const [, uploader] = only(testStage.template, "Custom::S3Uploader");
    const options = JSON.stringify(uploader.Properties);
    for (const path of SHELL_FILES) expect(options).toContain(JSON.stringify({ files: path.slice(1), cacheControl: "no-cache" }).slice(1, -1));
  });

  it("sends the pages' security headers (the local server's own set) and HSTS", () => {
    const config = distribution();
    const policy = headersPolicyOf(config.DefaultCacheBehavior);
    const sec = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(sec.ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: CONTENT_SECURITY_POLICY, Override: true });
    expect(sec.ContentSecurityPolicy.ContentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(sec.ContentTypeOptions).toEqual({ Override: true });
    expect(sec.FrameOptions).toEqual({ FrameOption: "DENY", Override: true });
    expect(sec.ReferrerPolicy).toEqual({ ReferrerPolicy: PAGE_HEADERS["Referrer-Policy"], Override: true });
    expect(sec.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: HSTS.maxAgeSeconds, IncludeSubdomains: true, Override: true });
    const custom = policy.Properties.ResponseHeadersPolicyConfig.CustomHeadersConfig.Items;
    expect(custom).toContainEqual({ Header: "Permissions-Policy", Value: PAGE_HEADERS["Permissions-Policy"], Override: true });
  });

  it("answers deep links with index.html without touching the API's error statuses", () => {
    const config = distribution();
    // Distribution-wide error responses would also rewrite the API's 403/404 JSON.
    expect(config.CustomErrorResponses).toBeUndefined();
    const associations = config.DefaultCacheBehavior.FunctionAssociations;
    expect(associations).toHaveLength(1);
    expect(associations[0].EventType).toBe("viewer-request");
    const fnId = associations[0].FunctionARN["Fn::GetAtt"][0];
    const cfFunction = testStage.template.toJSON().Resources[fnId] as Resource;
    expect(cfFunction.Properties.FunctionConfig.Runtime).toBe("cloudfront-js-2.0");

    const route = new Function(`${cfFunction.Properties.FunctionCode}\nreturn handler;`)() as (e: unknown) => { uri: string };
    const uri = (path: string) => route({ request: { uri: path } }).uri;
    expect(uri("/")).toBe("/index.html");
    expect(uri("/forums/0abc/sessions")).toBe("/index.html");
    expect(uri("/assets/index-3f2a.js")).toBe("/assets/index-3f2a.js");
    expect(uri("/favicon.svg")).toBe("/favicon.svg");
  });
});

describe("outputs", () => {
  it("exports the API URL, the site URL and the table name", () => {
    const [tableId] = only(testStage.template, "AWS::DynamoDB::Table");
    const [distributionId] = only(testStage.template, "AWS::CloudFront::Distribution");
    const [apiId] = only(testStage.template, "AWS::ApiGatewayV2::Api");
    const outputs = testStage.template.toJSON().Outputs;
    expect(outputs.TableName.Value).toEqual({ Ref: tableId });
    expect(outputs.ApiUrl.Value).toEqual({ "Fn::GetAtt": [apiId, "ApiEndpoint"] });
    expect(outputs.SiteUrl.Value).toEqual({ "Fn::Join": ["", ["https://", { "Fn::GetAtt": [distributionId, "DomainName"] }]] });
  });
});
