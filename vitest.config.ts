import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 2,
    env: { GONGNON_QUIET_LOG: "1", SST_TELEMETRY_DISABLED: "1", AWS_EC2_METADATA_DISABLED: "true" },
  },
});
