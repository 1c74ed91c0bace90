import { describe, expect, it } from "vitest";
import { Demo } from "../../../core/demo/demo.js";
import { DemoProposals } from "../../../core/demo/proposals.js";

/** The demo reads as residents and staff wrote it: in Korean, with particles chosen, not "을(를)". */
describe("the demo's texts", () => {
  const plan = DemoProposals.plan();
  const UNCHOSEN = /\((을|를|이|가|은|는|과|와|으로|로)\)/;

  it("choose every particle by the final consonant", () => {
    for (const p of plan) expect(p.body, p.body).not.toMatch(UNCHOSEN);
    // Spot checks against what a Korean reader expects.
    const bodies = plan.map((p) => p.body).join("\n");
    expect(bodies).not.toMatch(/판매장를|활성화을|정비으로|설치으로/);
  });

  it("vary like residents' own words, and keep the seed's 153 agendas", () => {
    expect(plan).toHaveLength(153);
    expect(new Set(plan.map((p) => p.body)).size).toBeGreaterThan(120);
    const openings = new Set(plan.map((p) => p.body.split(" ")[0]));
    expect(openings.size).toBeGreaterThan(10);
  });

  it("the forum's description is Korean content, with no English translation in it", () => {
    expect(Demo.FORUM.description).not.toMatch(/[A-Za-z]/);
    expect(Demo.FORUM.description).not.toMatch(UNCHOSEN);
  });
});
