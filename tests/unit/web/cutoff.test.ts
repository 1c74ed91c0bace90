import { describe, expect, it } from "vitest";
import { cutoff, type Ranked } from "../../../web/src/voting/cutoff.js";

/** A ranking from vote counts, ranked as the results are: equal votes share a rank, the next rank skips (1, 2, 2, 4). */
function ranking(votes: number[]): Ranked[] {
  const sorted = [...votes].sort((a, b) => b - a);
  return sorted.map((v, i) => ({ proposalId: `p${i + 1}`, votes: v, rank: sorted.indexOf(v) + 1 }));
}

describe("cutoff: the top N core agendas", () => {
  it("takes the top N when nothing is tied at the cutoff", () => {
    expect(cutoff(ranking([9, 8, 7, 6, 5]), 3)).toEqual({ sure: ["p1", "p2", "p3"], tied: [], needed: 0 });
  });

  it("flags a tie across the cutoff for staff, keeping those above it", () => {
    // p3, p4 and p5 share rank 3: p1 and p2 fill two of the four places, so staff pick two of the three.
    expect(cutoff(ranking([9, 8, 5, 5, 5, 1]), 4)).toEqual({ sure: ["p1", "p2"], tied: ["p3", "p4", "p5"], needed: 2, rank: 3, votes: 5 });
  });

  it("needs no decision when a tie ends exactly at the cutoff", () => {
    expect(cutoff(ranking([9, 7, 7, 3]), 3)).toEqual({ sure: ["p1", "p2", "p3"], tied: [], needed: 0 });
  });

  it("flags a tie that starts at the top", () => {
    expect(cutoff(ranking([4, 4, 4]), 1)).toEqual({ sure: [], tied: ["p1", "p2", "p3"], needed: 1, rank: 1, votes: 4 });
  });

  it("takes every agenda when N is the whole ranking or more", () => {
    expect(cutoff(ranking([3, 3, 1]), 3).sure).toEqual(["p1", "p2", "p3"]);
    expect(cutoff(ranking([3, 3, 1]), 10)).toEqual({ sure: ["p1", "p2", "p3"], tied: [], needed: 0 });
  });

  it("chooses nothing for N of zero or less, or an empty ranking", () => {
    expect(cutoff(ranking([5, 4]), 0)).toEqual({ sure: [], tied: [], needed: 0 });
    expect(cutoff(ranking([5, 4]), -2)).toEqual({ sure: [], tied: [], needed: 0 });
    expect(cutoff([], 3)).toEqual({ sure: [], tied: [], needed: 0 });
  });

  it("flags agendas with no votes tied at the cutoff like any other tie", () => {
    expect(cutoff(ranking([2, 0, 0]), 2)).toEqual({ sure: ["p1"], tied: ["p2", "p3"], needed: 1, rank: 2, votes: 0 });
  });
});
