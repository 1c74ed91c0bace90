import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "../dynamo-local.js";
import { median, round, type Bench } from "./harness.js";

/**
 * Cold starts, measured on the synthesized assets (the app synthesized offline exactly as `sst
 * deploy` would build it, plus a minimal Hono "hello" Lambda built the same way in the same app):
 * for each bundle its size, and the median over RUNS fresh Node processes of the time to import it
 * and answer one request, beside the hello Lambda's, with the ratio.
 */
const RUNS = 7;
const ACCOUNT = "123456789012";

interface Target {
  name: string;
  handler: string;
  /** The request each fresh process answers. */
  method: string;
  path: string;
}

const TARGETS: Target[] = [
  { name: "hot API (check-ins, ballots, proposals, …)", handler: "functions/lambda.handler", method: "GET", path: "/api/forums" },
  { name: "files (imports, exports, OpenAPI document)", handler: "functions/files-lambda.handler", method: "GET", path: "/api/openapi.json" },
  { name: "minimal Hono \"hello\" (baseline)", handler: "scripts/bench/hello-lambda.handler", method: "GET", path: "/api/hello" },
];

export async function coldStartBench(bench: Bench) {
  process.env.NODE_ENV = "test"; // offline synthesis: no SST bootstrap lookup in AWS (STACK.md)
  const { initProject } = await import("sst/project.js");
  const { App, Function: LambdaFunction } = await import("sst/constructs");
  const config = (await import("../../sst.config.js")).default;
  console.log("cold start: synthesizing the app offline (the Lambdas as sst deploy bundles them)…");
  await initProject({ stage: "bench" });
  const { name, region } = await config.config();
  const app = new App({ mode: "deploy", stage: "bench", name, region, account: ACCOUNT });
  await config.stacks(app);
  function Hello({ stack }: { stack: import("sst/constructs").Stack }) {
    new LambdaFunction(stack, "Hello", { handler: "scripts/bench/hello-lambda.handler" });
  }
  app.stack(Hello);
  await app.finish();
  const assembly = app.synth();
  const bundles = new Map<string, string>();
  for (const s of app.node.children) {
    const stack = s as unknown as { artifactId?: string; templateFile?: string };
    if (!stack.artifactId) continue;
    const template = JSON.parse(readFileSync(join(assembly.directory, `${stack.artifactId}.template.json`), "utf8"));
    const manifest = JSON.parse(readFileSync(join(assembly.directory, `${stack.artifactId}.assets.json`), "utf8"));
    for (const r of Object.values<any>(template.Resources)) {
      if (r.Type !== "AWS::Lambda::Function" || !TARGETS.some((t) => t.handler === r.Properties.Handler)) continue;
      const asset = manifest.files[String(r.Properties.Code.S3Key).replace(/\.zip$/, "")];
      bundles.set(r.Properties.Handler, join(assembly.directory, asset.source.path));
    }
  }
  const rows = [];
  for (const t of TARGETS) {
    const dir = bundles.get(t.handler);
    if (!dir) throw new Error(`no bundle for ${t.handler}`);
    const file = join(dir, `${t.handler.split(".")[0]}.mjs`);
    const code = statSync(file).size;
    const chunks = readdirSync(dir, { recursive: true }).filter((f) => /\.m?js$/.test(String(f))).length;
    // The runtime provides the AWS SDK v3 the bundles leave out: here, the project's copy.
    if (!existsSync(join(dir, "node_modules"))) symlinkSync(join(projectRoot, "node_modules"), join(dir, "node_modules"), "dir");
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(startOnce(file, t, bench));
    rows.push({ name: t.name, handler: t.handler, bytes: code, files: chunks, medianMs: round(median(times)), runsMs: times.map((x) => round(x)) });
  }
  const hello = rows[rows.length - 1]!;
  return {
    runs: RUNS,
    budgetBytes: 350_000,
    bundles: rows.map((r) => ({ ...r, ratioToHello: round(r.medianMs / hello.medianMs, 2) })),
  };
}

/** One fresh Node process: import the bundle, answer one API Gateway v2 event; the ms that took. */
function startOnce(file: string, t: Target, bench: Bench): number {
  const event = {
    version: "2.0",
    routeKey: "ANY /api/{proxy+}",
    rawPath: t.path,
    rawQueryString: "",
    body: null,
    headers: { host: "example.execute-api.ap-northeast-2.amazonaws.com", "accept-language": "ko" },
    requestContext: {
      accountId: ACCOUNT,
      apiId: "example",
      domainName: "example.execute-api.ap-northeast-2.amazonaws.com",
      domainPrefix: "example",
      http: { method: t.method, path: t.path, protocol: "HTTP/1.1", sourceIp: "203.0.113.1", userAgent: "bench" },
      requestId: "req",
      routeKey: "ANY /api/{proxy+}",
      stage: "$default",
      time: "01/Jan/2026:00:00:00 +0000",
      timeEpoch: 0,
    },
    isBase64Encoded: false,
  };
  const script = `const t0 = performance.now();
    const { handler } = await import(${JSON.stringify(pathToFileURL(file).href)});
    const res = await handler(JSON.parse(process.env.EVENT), {});
    const ms = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error("status " + res.statusCode + " " + res.body);
    process.stdout.write(String(ms));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    env: {
      PATH: process.env.PATH,
      EVENT: JSON.stringify(event),
      SST_APP: "gongnon",
      SST_STAGE: "bench",
      GONGNON_QUIET_LOG: "1",
      // The hot Lambda's request reads the table: the bench's DynamoDB Local.
      DYNAMODB_ENDPOINT: bench.dynamo.endpoint,
      TABLE_NAME: "bench",
      AWS_REGION: "ap-northeast-2",
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`${t.handler}: ${run.stderr}`);
  return Number(run.stdout);
}

export type ColdStartResults = Awaited<ReturnType<typeof coldStartBench>>;

export function coldStartMarkdown(r: ColdStartResults): string {
  return [
    `| Lambda bundle (synthesized assets, minified, AWS SDK from the runtime) | bytes | files | import + one request, median of ${r.runs} fresh processes (ms) | ratio to "hello" |`,
    `|---|---|---|---|---|`,
    ...r.bundles.map((b) => `| ${b.name} | ${b.bytes.toLocaleString("en")}${b.handler === "functions/lambda.handler" ? (b.bytes <= r.budgetBytes ? " (budget 350,000: met)" : " (budget 350,000: **exceeded**)") : ""} | ${b.files} | ${b.medianMs} | ${b.ratioToHello} |`),
    ``,
  ].join("\n");
}
