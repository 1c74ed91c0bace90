import type { SSTConfig } from "sst";
import { Api, Config, Function as LambdaFunction, StackContext, StaticSite, Table } from "sst/constructs";
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  OriginProtocolPolicy,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin, S3Origin } from "aws-cdk-lib/aws-cloudfront-origins";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { resolve } from "node:path";
import { TableDefinition } from "./core/shared/table-definition.js";
import { zodTrim } from "./functions/bundle/zod-trim.js";
import { FILE_ROUTES, GOVERNANCE_ROUTES, RECORD_ROUTES } from "./functions/file-routes.js";
import { CONTENT_SECURITY_POLICY, HSTS, PAGE_HEADERS } from "./functions/web/headers.js";

const webBuild = ".sst/web-dist";
/** The app shell's entry points (vite-plugin-pwa's names): served with no-cache, locally and by CloudFront. */
export const SHELL_FILES = ["/index.html", "/sw.js", "/manifest.webmanifest", "/registerSW.js"] as const;

/**
 * The whole infrastructure: one DynamoDB table, four Hono Lambdas behind an HTTP API (the hot one
 * for every /api route the others do not take; see functions/file-routes.ts), and the SolidJS app
 * on S3 + CloudFront. CloudFront also routes /api/* to the HTTP
 * API, so the browser sees a single origin and the session cookie stays first-party.
 */
export function Gongnon({ stack, app }: StackContext) {
  const prod = app.stage === "prod";

  const hmacKey = new Config.Secret(stack, "HmacKey");
  // The P-256 private key(s) consoles seal identifiers to (PKCS#8 PEM; the first is current).
  const sealingKey = new Config.Secret(stack, "SealingKey");

  const table = new Table(stack, "Data", {
    ...TableDefinition,
    cdk: {
      table: {
        // SST passes the deprecated pointInTimeRecovery flag by default; CDK refuses both at once.
        pointInTimeRecovery: undefined,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: prod,
        removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      },
    },
  });

  // What every API Lambda gets: the table, the secret, SNS for codes, and where the viewer's address is.
  const apiFunction = {
    bind: [table, hmacKey, sealingKey],
    permissions: [
      // One-time voting codes go out as SMS: SNS publishes to phone numbers only (no topic ARN matches).
      new PolicyStatement({ effect: Effect.ALLOW, actions: ["sns:Publish"], notResources: ["arn:aws:sns:*:*:*"] }),
    ],
    environment: {
      // CloudFront is the one proxy in front of the API: the viewer's address is the X-Forwarded-For
      // entry it appended (rate limits for anonymous proposals and codes key on it, hashed).
      GONGNON_TRUSTED_PROXIES: "1",
    },
  };
  // Imports, exports and the OpenAPI document: one Lambda of their own (createApi, the whole app),
  // so that a vote's or a check-in's cold start never loads spreadsheet code.
  const files = new LambdaFunction(stack, "Files", { ...apiFunction, handler: "functions/files-lambda.handler", timeout: "30 seconds" });
  // A receipt's journey, projects, cards and the funnel: a Lambda of their own, so that the hot one
  // (check-ins, proposals, ballots) stays small.
  const records = new LambdaFunction(stack, "Records", { ...apiFunction, handler: "functions/records-lambda.handler" });
  // The governance record and the pledge dashboard.
  const governance = new LambdaFunction(stack, "Governance", { ...apiFunction, handler: "functions/governance-lambda.handler" });

  const api = new Api(stack, "Api", {
    // The web app calls /api on its own origin (CloudFront routes it here): no cross-origin callers to allow.
    cors: false,
    accessLog: { retention: "one_month" },
    routes: {
      // The hot Lambda serves every route but the files' (functions/api/hot.ts, createHotApi).
      "ANY /api/{proxy+}": { function: { ...apiFunction, handler: "functions/lambda.handler" } },
      ...Object.fromEntries(FILE_ROUTES.map((route) => [route, { function: files }])),
      ...Object.fromEntries(RECORD_ROUTES.map((route) => [route, { function: records }])),
      ...Object.fromEntries(GOVERNANCE_ROUTES.map((route) => [route, { function: governance }])),
    },
  });

  const apiOrigin = new HttpOrigin(`${api.httpApiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
    protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
  });
  // Live results are the same for everyone and polled by every screen in a room (or a city):
  // CloudFront keeps each for the few seconds the API allows (Cache-Control: max-age=5).
  const resultsCache = new CachePolicy(stack, "ResultsCache", {
    comment: "Gongnon live results: honour the API's short max-age",
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.seconds(0),
    maxTtl: Duration.seconds(10),
  });

  // The pages' security headers, the same as the local server sends (functions/web/headers.ts), plus HSTS.
  const headersPolicy = (id: string, comment: string, extra: { header: string; value: string }[] = []) =>
    new ResponseHeadersPolicy(stack, id, {
      comment,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS.maxAgeSeconds), includeSubdomains: HSTS.includeSubdomains, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: "Permissions-Policy", value: PAGE_HEADERS["Permissions-Policy"], override: true }, ...extra.map((h) => ({ ...h, override: true }))],
      },
    });
  const pageHeaders = headersPolicy("PageHeaders", "Gongnon pages: CSP, nosniff, referrer policy, no framing, HSTS");
  // The app shell's entry points: a browser (and the service worker's update check) must ask for
  // them every time, or a new version (or a fix) would wait behind an old cached copy.
  const shellHeaders = headersPolicy("ShellHeaders", "Gongnon app shell (index.html, service worker, manifest): no-cache", [{ header: "Cache-Control", value: "no-cache" }]);
  const shellBehavior = {
    viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
    cachePolicy: CachePolicy.CACHING_DISABLED,
    responseHeadersPolicy: shellHeaders,
  };

  const site = new StaticSite(stack, "Web", {
    path: ".",
    // A build of its own, apart from web/dist, which the local server and the browser tests use.
    buildCommand: `npm run build:web -- --outDir ${JSON.stringify(resolve(webBuild))} --emptyOutDir`,
    buildOutput: webBuild,
    // SST's defaults make every .js immutable for a year; the service worker and the shell must not be.
    assets: { fileOptions: SHELL_FILES.map((file) => ({ files: file.slice(1), cacheControl: "no-cache" })) },
    cdk: {
      distribution: {
        // CloudFront's error responses apply to every behavior: they would turn the API's own
        // 403/404 JSON into index.html. Deep links are served by spaRouting below instead.
        errorResponses: [],
        defaultBehavior: {
          responseHeadersPolicy: pageHeaders,
          functionAssociations: [
            {
              function: new CloudFrontFunction(stack, "SpaRouting", {
                runtime: FunctionRuntime.JS_2_0,
                code: FunctionCode.fromInline(spaRouting),
              }),
              eventType: FunctionEventType.VIEWER_REQUEST,
            },
          ],
        },
        additionalBehaviors: {
          // More specific first: CloudFront takes the first pattern that matches.
          "/api/rounds/*/results": {
            origin: apiOrigin,
            viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
            allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
            cachePolicy: resultsCache,
          },
          "/api/*": {
            origin: apiOrigin,
            viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
            allowedMethods: AllowedMethods.ALLOW_ALL,
            // With caching disabled, the all-viewer policy also forwards Authorization (bearer tokens).
            cachePolicy: CachePolicy.CACHING_DISABLED,
            originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          },
        },
      },
    },
  });

  // The shell's files come from the site's bucket like every page, but are never cached at the edge.
  // (site.cdk is undefined only in `sst dev` without a deployed site.)
  if (site.cdk) {
    const shellOrigin = new S3Origin(site.cdk.bucket);
    for (const path of SHELL_FILES) (site.cdk.distribution as Distribution).addBehavior(path, shellOrigin, shellBehavior);
  }

  stack.addOutputs({
    ApiUrl: api.url,
    SiteUrl: site.url,
    TableName: table.tableName,
  });
}

/** CloudFront viewer-request function: a path whose last segment has no dot is a client-side route. */
export const spaRouting = `function handler(event) {
  var request = event.request;
  if (request.uri.split("/").pop().indexOf(".") === -1) request.uri = "/index.html";
  return request;
}`;

export default {
  config() {
    return { name: "gongnon", region: "ap-northeast-2" };
  },
  stacks(app) {
    app.setDefaultFunctionProps({
      runtime: "nodejs22.x",
      architecture: "arm_64",
      memorySize: "1024 MB",
      timeout: "20 seconds",
      // Each request is logged with its route, status and duration; X-Ray would add cost, not insight.
      tracing: "disabled",
      logRetention: "one_month",
      // ESM: sst/node/config fetches the bound secret with a top-level await at cold start.
      nodejs: {
        format: "esm",
        minify: true,
        esbuild: {
          // The nodejs22.x runtime ships the AWS SDK v3; bundling our own copy would add ~1.5 MB to
          // every cold start.
          external: ["@aws-sdk/*"],
          // Names are not read at run time (errors carry their own `name`); keeping them costs bytes.
          keepNames: false,
          plugins: [zodTrim],
        },
      },
    });
    if (app.stage !== "prod") app.setDefaultRemovalPolicy("destroy");
    app.stack(Gongnon);
  },
} satisfies SSTConfig;
