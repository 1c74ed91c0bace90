import fc from "fast-check";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { RateLimit } from "../../core/shared/rate-limit.js";
import { useTable } from "../support/harness.js";

/**
 * A burst at a window's edge cannot pass twice the limit: with fixed windows, `limit` requests in
 * the last moment of one window and `limit` more in the first moment of the next all pass (2×
 * within a second). The sliding estimate (this window's count plus the previous window's,
 * weighted by its overlap) lets the second burst take only what the first left, give or take one.
 * Time is passed in (`now`), so the edge is hit exactly; the counts are real, in DynamoDB Local.
 */
beforeAll(async () => {
  await useTable();
});

const W = 60;
const bucket = () => `edge-test:${randomBytes(6).toString("hex")}`;

async function burst(rule: RateLimit.Rule, n: number, now: number): Promise<number> {
  let passed = 0;
  for (let i = 0; i < n; i++) {
    try {
      await RateLimit.hit([rule], now);
      passed++;
    } catch (err) {
      expect((err as { kind?: string }).kind).toBe("rate_limited");
    }
  }
  return passed;
}

/** A time `fraction` of the way into window `k` (in ms). */
const at = (k: number, fraction: number) => (k + fraction) * W * 1000;

describe("rate limits: a sliding window, not a fixed one", () => {
  it("limit 10 per minute: 30 requests at 59.4 s and 30 at 60.6 s pass 11 in all, not 20", async () => {
    const rule = { bucket: bucket(), limit: 10, windowSeconds: W };
    const k = Math.floor(Date.now() / 1000 / W) + 10;
    const first = await burst(rule, 30, at(k, 0.99));
    const second = await burst(rule, 30, at(k + 1, 0.01));
    expect(first).toBe(10);
    // The previous window weighs 99% of its 10 → room for 10 − ⌊9.9⌋ = 1.
    expect(second).toBeLessThanOrEqual(1);
    expect(first + second).toBeLessThan(2 * rule.limit);
  });

  it("at any pair of edge offsets, two bursts straddling the edge never pass twice the limit (property)", async () => {
    let k = Math.floor(Date.now() / 1000 / W) + 100;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 12 }), fc.double({ min: 0.8, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 0.2, noNaN: true }), async (limit, before, after) => {
        const rule = { bucket: bucket(), limit, windowSeconds: W };
        k += 3;
        const first = await burst(rule, 2 * limit, at(k, before));
        const second = await burst(rule, 2 * limit, at(k + 1, after));
        expect(first).toBe(limit);
        expect(first + second).toBeLessThan(2 * limit);
        // The second burst gets what the sliding estimate leaves: limit − ⌊limit·(1 − after)⌋.
        expect(second).toBeLessThanOrEqual(limit - Math.floor(limit * (1 - after)));
      }),
      { numRuns: 25 },
    );
  });

  it("a window later the whole limit is back", async () => {
    const rule = { bucket: bucket(), limit: 5, windowSeconds: W };
    const k = Math.floor(Date.now() / 1000 / W) + 1000;
    expect(await burst(rule, 10, at(k, 0.5))).toBe(5);
    expect(await burst(rule, 10, at(k + 2, 0.5))).toBe(5);
  });
});
