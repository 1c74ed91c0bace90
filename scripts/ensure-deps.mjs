// Installs dependencies when they are missing or older than package-lock.json, so that
// `npm start` and `npm test` work on a fresh clone with nothing installed by hand.
import { execSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const lock = existsSync("package-lock.json") ? readFileSync("package-lock.json") : readFileSync("package.json");
const want = createHash("sha256").update(lock).digest("hex");
const marker = "node_modules/.gongnon-deps";
const have = existsSync(marker) ? readFileSync(marker, "utf8").trim() : "";
if (have !== want || !existsSync("node_modules/.bin/vitest")) {
  console.log("[gongnon] installing dependencies (npm ci)…");
  const cmd = existsSync("package-lock.json") ? "npm ci --no-audit --no-fund" : "npm install --no-audit --no-fund";
  execSync(cmd, { stdio: "inherit" });
  writeFileSync(marker, want + "\n");
}
// DynamoDB Local needs Java 17+. Install it where we can (root on Debian/Ubuntu), else say how.
const hasJava = () => {
  try {
    execSync("java -version", { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
if (!hasJava()) {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (root && existsSync("/usr/bin/apt-get")) {
    console.log("[gongnon] installing Java for DynamoDB Local (apt-get install openjdk-17-jre-headless)…");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless", { stdio: "inherit" });
  }
  if (!hasJava()) {
    console.error("[gongnon] Java 17+ is needed for DynamoDB Local. On Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless");
    process.exit(1);
  }
}
