/** A line of a round's ranking, as far as the cutoff cares: tied agendas share a rank. */
export interface Ranked {
  proposalId: string;
  rank: number;
  votes: number;
}

/** Where the top N of a ranking ends, for choosing the core agendas. */
export interface Cutoff {
  /** Chosen for sure: ranked above the cutoff (or all of the top N when there is no tie at it). */
  sure: string[];
  /** Tied at the cutoff, left to staff: they must pick `needed` of them (or more, to keep them all). */
  tied: string[];
  needed: number;
  /** The rank and the votes the tied agendas share. */
  rank?: number;
  votes?: number;
}

/**
 * The top `n` of a ranking (in rank order). With no tie at the cutoff the top N are simply chosen;
 * with a tie (the Nth and the (N+1)th share a rank) those above it are chosen and the tied ones are
 * flagged for staff to resolve.
 */
export function cutoff(tallies: readonly Ranked[], n: number): Cutoff {
  if (n <= 0) return { sure: [], tied: [], needed: 0 };
  if (n >= tallies.length) return { sure: tallies.map((x) => x.proposalId), tied: [], needed: 0 };
  const rank = tallies[n - 1]!.rank;
  const above = tallies.filter((x) => x.rank < rank);
  const at = tallies.filter((x) => x.rank === rank);
  if (above.length + at.length <= n) return { sure: [...above, ...at].map((x) => x.proposalId), tied: [], needed: 0 };
  return { sure: above.map((x) => x.proposalId), tied: at.map((x) => x.proposalId), needed: n - above.length, rank, votes: at[0]!.votes };
}
