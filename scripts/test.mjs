// Runs every suite with vitest and ends with the line "N passed, N failed".
// Exits non-zero on any failure, or when no test ran.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const out = ".test-results/vitest.json";
mkdirSync(".test-results", { recursive: true });
rmSync(out, { force: true });
// Start as a fresh machine does, with no browser extracted: the global setup extracts it once,
// before any test file runs, so every run proves the browser suites need nothing left behind.
rmSync(join(tmpdir(), "chromium"), { force: true });
const args = ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...process.argv.slice(2)];
const run = spawnSync("npx", args, {
  stdio: "inherit",
  env: { ...process.env, SST_TELEMETRY_DISABLED: "1", AWS_EC2_METADATA_DISABLED: "true" },
});
let passed = 0;
let failed = 0;
if (existsSync(out)) {
  const report = JSON.parse(readFileSync(out, "utf8"));
  passed = report.numPassedTests ?? 0;
  // A suite that fails to load has no failed tests of its own: count it as one failure.
  failed = Math.max(report.numFailedTests ?? 0, report.numFailedTestSuites ?? 0);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
