import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "../shared/errors.js";
import { Proposal } from "../proposals/proposal.js";
import { Round } from "./round.js";

/**
 * A tally anyone can check: once a round has closed, every ballot is published as (the SHA-256 of
 * its receipt, the channel, the choices), ordered by that hash (an order unrelated to time or
 * person), with no voter, no session and no time. A voter finds their own line by hashing their
 * receipt; anyone can add the lines up and compare with the published totals
 * (`npm run verify-tally -- <url>`). The list's digest (SHA-256 of the CSV's bytes) is kept on
 * the round from the first reading once the count is final, and shown beside the results, so a
 * later change to any ballot would show.
 */
export namespace BallotList {
  export const Line = z.object({ receiptHash: z.string(), channel: Round.Channel, choices: z.array(z.string()) });
  export type Line = z.infer<typeof Line>;

  export const View = z.object({
    roundId: z.string(),
    title: z.string(),
    closedAt: z.string(),
    /** False while the grace period runs and a console may still hold ballots: the list can grow. */
    final: z.boolean(),
    count: z.number(),
    /** SHA-256 (hex) of the CSV form's bytes, as computed now. */
    hash: z.string(),
    /** The digest kept when the count became final; differs from `hash` only if a ballot changed since. */
    published: z.object({ hash: z.string(), count: z.number(), at: z.string() }).optional(),
    proposals: z.array(z.object({ id: z.string(), title: z.string() })),
    totals: z.array(z.object({ proposalId: z.string(), votes: z.number() })),
    ballots: z.array(Line),
  });
  export type View = z.infer<typeof View>;

  /** The receipt's hash as the list shows it: hex SHA-256 of the canonical code (XXXX-XXXX-XXXX). */
  export const receiptHash = (receipt: string) => createHash("sha256").update(receipt, "utf8").digest("hex");

  /** The CSV form (ASCII, CRLF): what the digest is taken of. */
  export function csv(lines: Line[]): string {
    return ["receipt_sha256,channel,choices", ...lines.map((l) => `${l.receiptHash},${l.channel},${l.choices.join(" ")}`)].map((l) => `${l}\r\n`).join("");
  }

  export const digest = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

  const notYet = (title: string) =>
    new AppError("conflict", "round_not_closed", {
      ko: `‘${title}’ 투표가 마감된 뒤에 투표 명부가 공개됩니다.`,
      en: `The ballot list of ‘${title}’ is published once the round has closed.`,
    });

  /** The round's lines, ordered by receipt hash. */
  async function lines(round: Round.Info): Promise<Line[]> {
    return (await Round.ballots(round))
      .map((b) => ({ receiptHash: receiptHash(b.receipt), channel: b.channel, choices: [...b.choices].sort() }))
      .sort((a, b) => a.receiptHash.localeCompare(b.receiptHash));
  }

  /** What the results show of the list: the kept digest once final (kept at the first final reading), else the current one. */
  export async function summary(round: Round.Info, final: boolean): Promise<{ hash: string; count: number; final: boolean }> {
    if (round.ballotList) return { hash: round.ballotList.hash, count: round.ballotList.count, final: true };
    const all = await lines(round);
    const current = { hash: digest(csv(all)), count: all.length };
    if (!final) return { ...current, final: false };
    const kept = await Round.keepBallotList(round.id, { ...current, at: new Date().toISOString() });
    return { hash: kept.hash, count: kept.count, final: true };
  }

  export async function get(roundId: string): Promise<View> {
    const round = await Round.mustGet(roundId);
    if (Round.statusOf(round) !== "closed") throw notYet(round.title);
    const [all, proposals, waiting] = await Promise.all([lines(round), Proposal.all(round.forumId), Round.tabletsWaiting(round)]);
    const hash = digest(csv(all));
    const final = waiting === 0;
    const published = round.ballotList ?? (final ? await Round.keepBallotList(round.id, { hash, count: all.length, at: new Date().toISOString() }) : undefined);
    const votes = new Map(round.proposalIds.map((id) => [id, 0]));
    for (const l of all) for (const c of l.choices) votes.set(c, (votes.get(c) ?? 0) + 1);
    const titles = new Map(proposals.map((p) => [p.id, p.title]));
    return {
      roundId: round.id,
      title: round.title,
      closedAt: new Date(Round.closedAtMs(round)).toISOString(),
      final,
      count: all.length,
      hash,
      published,
      proposals: round.proposalIds.map((id) => ({ id, title: titles.get(id) ?? "—" })),
      totals: round.proposalIds.map((id) => ({ proposalId: id, votes: votes.get(id) ?? 0 })),
      ballots: all,
    };
  }
}
