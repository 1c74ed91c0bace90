import { describe, expect, it } from "vitest";
import { Money } from "../../../core/projects/money.js";

/** Amounts in 천원, shown as Korean budget tables and prose show them. */
describe("money", () => {
  it("reads as budget tables and as prose", () => {
    expect(Money.thousands(225_500)).toBe("225,500천원");
    expect(Money.prose(225_500)).toBe("2억 2,550만 원");
    expect(Money.prose(161_500)).toBe("1억 6,150만 원");
    expect(Money.prose(85_000)).toBe("8,500만 원");
    expect(Money.prose(500_000)).toBe("5억 원");
    expect(Money.prose(3)).toBe("3천 원");
    expect(Money.prose(0)).toBe("0원");
    expect(Money.english(225_500)).toBe("KRW 225.5 million");
  });
});
