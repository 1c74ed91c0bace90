import { z } from "zod";
import { BallotList } from "./ballot-list.js";
import { Proposal } from "../proposals/proposal.js";
import { Round } from "./round.js";

/** A round's results from its sharded counters, and a recount from the ballots themselves. */
export namespace Results {
  const ByChannel = z.object({ online: z.number(), session: z.number() });

  export const Tally = z.object({
    proposalId: z.string(),
    title: z.string(),
    field: z.string(),
    votes: z.number(),
    byChannel: ByChannel,
    /** Competition ranking: equal votes share a rank (1, 2, 2, 4). */
    rank: z.number(),
  });
  export type Tally = z.infer<typeof Tally>;

  export const View = z.object({
    roundId: z.string(),
    title: z.string(),
    status: Round.Status,
    maxChoices: z.number(),
    /** True while the round hides its results until it closes: only the turnout is shown. */
    hidden: z.boolean(),
    ballots: z.number(),
    byChannel: ByChannel,
    tallies: z.array(Tally),
    coreAgendaIds: z.array(z.string()),
    /**
     * After the close, while the grace period runs and a console that took table ballots for the
     * round has not reported an empty outbox since: the figures may still grow.
     */
    provisional: z.boolean(),
    /** When the grace period ends (only while provisional). */
    provisionalUntil: z.string().optional(),
    /** Consoles still holding (or not yet reported on) ballots for the round. */
    tabletsWaiting: z.number(),
    /** Once closed: the published ballot list's digest and size (the kept one once final). */
    ballotList: z.object({ hash: z.string(), count: z.number(), final: z.boolean() }).optional(),
    at: z.string(),
  });
  export type View = z.infer<typeof View>;

  export const Recount = z.object({
    roundId: z.string(),
    ballots: z.object({ counted: z.number(), counters: z.number() }),
    byChannel: z.object({ counted: ByChannel, counters: ByChannel }),
    /** Agendas whose counters differ from the ballots (there must be none). */
    differences: z.array(z.object({ proposalId: z.string(), counted: z.number(), counters: z.number() })),
    ok: z.boolean(),
    /** Per agenda, only when the results are not hidden. */
    tallies: z.array(z.object({ proposalId: z.string(), votes: z.number() })).optional(),
  });
  export type Recount = z.infer<typeof Recount>;

  /** Many screens poll the same results: an instance answers from a second-old reading. */
  const MEMO_MS = 1_000;
  const memo = new Map<string, { view: View; until: number }>();

  export async function get(roundId: string): Promise<View> {
    const hit = memo.get(roundId);
    if (hit && hit.until > Date.now()) return hit.view;
    const round = await Round.mustGet(roundId);
    const status = Round.statusOf(round);
    const hidden = round.hideResultsUntilClosed && status !== "closed";
    const [turnout, tallies, proposals, waiting] = await Promise.all([
      Round.turnout(round),
      hidden ? Promise.resolve(undefined) : Round.tallies(round),
      hidden ? Promise.resolve([]) : Proposal.all(round.forumId),
      status === "closed" ? Round.tabletsWaiting(round) : Promise.resolve(0),
    ]);
    const provisional = waiting > 0;
    const list = status === "closed" ? await BallotList.summary(round, !provisional) : undefined;
    const view: View = {
      roundId,
      title: round.title,
      status,
      maxChoices: round.maxChoices,
      hidden,
      ballots: turnout.ballots,
      byChannel: { online: turnout.online, session: turnout.session },
      tallies: tallies ? rank(round, tallies, proposals) : [],
      coreAgendaIds: round.coreAgendaIds,
      provisional,
      provisionalUntil: provisional ? new Date(Round.graceEndsAt(round)).toISOString() : undefined,
      tabletsWaiting: waiting,
      ballotList: list,
      at: new Date().toISOString(),
    };
    if (memo.size > 1000) memo.clear();
    memo.set(roundId, { view, until: Date.now() + MEMO_MS });
    return view;
  }

  export function forget(roundId?: string) {
    if (roundId) memo.delete(roundId);
    else memo.clear();
  }

  function rank(round: Round.Info, tallies: Map<string, { votes: number; online: number; session: number }>, proposals: Proposal.Info[]): Tally[] {
    const byId = new Map(proposals.map((p) => [p.id, p]));
    const rows = round.proposalIds.map((id) => {
      const t = tallies.get(id) ?? { votes: 0, online: 0, session: 0 };
      const p = byId.get(id);
      return { proposalId: id, title: p?.title ?? "—", field: p?.field ?? "", votes: t.votes, byChannel: { online: t.online, session: t.session }, rank: 0 };
    });
    rows.sort((a, b) => b.votes - a.votes || a.title.localeCompare(b.title, "ko"));
    rows.forEach((r, i) => (r.rank = i > 0 && rows[i - 1]!.votes === r.votes ? rows[i - 1]!.rank : i + 1));
    return rows;
  }

  /** Counts every ballot again and compares with the counters, read consistently. */
  export async function recount(roundId: string): Promise<Recount> {
    const round = await Round.mustGet(roundId);
    const [ballots, turnout, tallies] = await Promise.all([Round.ballots(round), Round.turnout(round, true), Round.tallies(round, true)]);
    const counted = new Map(round.proposalIds.map((p) => [p, 0]));
    const channels = { online: 0, session: 0 };
    for (const b of ballots) {
      channels[b.channel]++;
      for (const c of b.choices) counted.set(c, (counted.get(c) ?? 0) + 1);
    }
    const differences = [...counted]
      .map(([proposalId, n]) => ({ proposalId, counted: n, counters: tallies.get(proposalId)?.votes ?? 0 }))
      .filter((d) => d.counted !== d.counters);
    const ok =
      differences.length === 0 && ballots.length === turnout.ballots && channels.online === turnout.online && channels.session === turnout.session;
    const hidden = round.hideResultsUntilClosed && Round.statusOf(round) !== "closed";
    return {
      roundId,
      ballots: { counted: ballots.length, counters: turnout.ballots },
      byChannel: { counted: channels, counters: { online: turnout.online, session: turnout.session } },
      differences: hidden ? differences.map((d) => ({ proposalId: d.proposalId, counted: -1, counters: -1 })) : differences,
      ok,
      tallies: hidden ? undefined : [...counted].map(([proposalId, votes]) => ({ proposalId, votes })),
    };
  }
}
