import { Ballot } from "../voting/ballot.js";
import { CheckIn } from "../attendance/checkin.js";
import { DemoGovernance } from "./governance.js";
import { DemoProjects } from "./projects.js";
import { DemoProposals } from "./proposals.js";
import { Forum } from "../attendance/forum.js";
import { Identity as IdentityHash } from "../attendance/identity.js";
import { Proposal } from "../proposals/proposal.js";
import { Round } from "../voting/round.js";
import { Session } from "../attendance/session.js";

/**
 * The demo cycle from the seed: "2023 협치관악 공론장 「협치! 자치! 옹~치!」", 2023-04-17 to 04-27,
 * 6 sessions, 262 attendances by 149 distinct (invented) people. The people are generated
 * deterministically so tests can check that none of their numbers or names is ever stored.
 */
export namespace Demo {
  export const FORUM = {
    title: "2023 협치관악 공론장 「협치! 자치! 옹~치!」",
    startsOn: "2023-04-17",
    endsOn: "2023-04-27",
    // A past cycle: its intake is closed, so the online portal now sends proposals to the standing inbox.
    intake: "closed" as const,
    description:
      "관악구 동 권역별 공론장입니다. 주민이 직접 지역의 의제를 발굴하고 함께 숙의하여, 그 결과가 2024년 협치사업으로 이어집니다.",
  };

  export const SESSIONS = [
    { title: "1회차 · 1권역 공론장", startsAt: "2023-04-17T19:00", venue: "관악구청 대강당", area: "1권역 (보라매·청림·성현·행운·청룡)", attendances: 48 },
    { title: "2회차 · 2권역 공론장", startsAt: "2023-04-19T19:00", venue: "낙성대동 주민센터", area: "2권역 (낙성대·인헌·남현·은천)", attendances: 41 },
    { title: "3회차 · 3권역 공론장", startsAt: "2023-04-20T19:00", venue: "신림동 주민센터", area: "3권역 (신림·서원·신원·서림)", attendances: 45 },
    { title: "4회차 · 4권역 공론장", startsAt: "2023-04-24T19:00", venue: "난곡동 주민센터", area: "4권역 (난곡·난향·삼성·대학)", attendances: 43 },
    { title: "5회차 · 5권역 공론장", startsAt: "2023-04-25T19:00", venue: "조원동 주민센터", area: "5권역 (조원·미성·신사·중앙)", attendances: 39 },
    { title: "6회차 · 전체 공론장", startsAt: "2023-04-27T19:00", venue: "관악구청 대강당", area: "관악구 전체", attendances: 46 },
  ] as const;

  export const PEOPLE = 149;

  function rng(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const SURNAMES = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"];
  const GIVEN = ["민준", "서연", "도윤", "지우", "하준", "서현", "은우", "지민", "예준", "수아"];

  /** The invented people: most by mobile number, every tenth by name + birth date. */
  export function people(): IdentityHash.Input[] {
    const rand = rng(20230417);
    const out: IdentityHash.Input[] = [];
    const used = new Set<string>();
    for (let i = 0; i < PEOPLE; i++) {
      if (i % 10 === 9) {
        const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(rand() * GIVEN.length)]}${i}`;
        const y = 1950 + Math.floor(rand() * 55);
        const m = 1 + Math.floor(rand() * 12);
        const d = 1 + Math.floor(rand() * 28);
        out.push({ name, birthDate: `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` });
        continue;
      }
      let phone: string;
      do {
        phone = `010-${String(2000 + Math.floor(rand() * 8000))}-${String(Math.floor(rand() * 10000)).padStart(4, "0")}`;
      } while (used.has(phone));
      used.add(phone);
      out.push({ phone });
    }
    return out;
  }

  /** The vote that chose the 15 core agendas: all 149 participants and 151 residents who voted online. */
  export const ROUND = {
    title: "2023 공론장 핵심 의제 선정 투표",
    maxChoices: 3,
    opensAt: "2023-04-24T09:00",
    closesAt: "2023-04-27T21:30",
    voters: 300,
    coreAgendas: 15,
  } as const;

  /** Residents who voted online without coming to a session (phones 010-1xxx-xxxx, unlike the participants'). */
  export function onlineVoters(): IdentityHash.Input[] {
    const rand = rng(20230427);
    const used = new Set<string>();
    const out: IdentityHash.Input[] = [];
    while (out.length < ROUND.voters - PEOPLE) {
      const phone = `010-1${String(Math.floor(rand() * 1000)).padStart(3, "0")}-${String(Math.floor(rand() * 10000)).padStart(4, "0")}`;
      if (used.has(phone)) continue;
      used.add(phone);
      out.push({ phone });
    }
    return out;
  }

  /**
   * Every voter's three choices, as indexes into the 153 agendas. Fifteen agendas (every tenth)
   * get 60, 58, …, 32 votes; the others one or two: a ranking whose top 15 has no tie at the cutoff.
   * The votes are laid out agenda by agenda and dealt to voters 300 apart, so no voter gets an
   * agenda twice (no agenda has 300 votes).
   */
  export function ballots(agendas = DemoProposals.TOTAL): number[][] {
    const favourites = Array.from({ length: ROUND.coreAgendas }, (_, k) => k * 10);
    const counts = new Map<number, number>(favourites.map((a, k) => [a, 60 - 2 * k]));
    const others = Array.from({ length: agendas }, (_, i) => i).filter((i) => !counts.has(i));
    const rest = ROUND.voters * ROUND.maxChoices - [...counts.values()].reduce((a, b) => a + b, 0);
    others.forEach((a, i) => counts.set(a, i < rest - others.length ? 2 : 1));
    const votes = [...counts.entries()].sort((x, y) => x[0] - y[0]).flatMap(([a, n]) => Array.from({ length: n }, () => a));
    return Array.from({ length: ROUND.voters }, (_, v) => [votes[v]!, votes[v + ROUND.voters]!, votes[v + 2 * ROUND.voters]!]);
  }

  /** Which people came to which session: everyone at least once, the sizes as in SESSIONS. */
  export function attendance(): number[][] {
    const rand = rng(262149);
    const bySession: Set<number>[] = SESSIONS.map(() => new Set<number>());
    for (let p = 0; p < PEOPLE; p++) bySession[p % SESSIONS.length]!.add(p);
    SESSIONS.forEach((s, i) => {
      const set = bySession[i]!;
      while (set.size < s.attendances) set.add(Math.floor(rand() * PEOPLE));
    });
    return bySession.map((s) => [...s]);
  }

  /**
   * Loads the demo forum, its sessions, its check-ins (through the real check-in transaction) and
   * its 153 published agendas (through the real proposal write).
   */
  export async function load(onProgress?: (done: number, total: number) => void): Promise<Forum.Info> {
    const forum = await Forum.create(FORUM);
    const sessions: Session.Info[] = [];
    for (const s of SESSIONS) {
      sessions.push(await Session.create(forum.id, { title: s.title, startsAt: s.startsAt, venue: s.venue, area: s.area }));
    }
    const who = people();
    const checkIns = attendance().flatMap((members, i) => members.map((p) => ({ session: sessions[i]!, person: who[p]! })));
    const agendas = DemoProposals.plan();
    const total = checkIns.length + agendas.length + ROUND.voters + DemoProjects.PLANS.length + DemoGovernance.TICKS;
    let done = 0;
    const tick = () => onProgress?.(++done, total);
    await inParallel(checkIns, async (c) => {
      await CheckIn.record({ sessionId: c.session.id, forumId: forum.id, identity: c.person });
      tick();
    });
    const proposalIds: string[] = new Array(agendas.length);
    await inParallel(agendas, async (a, i) => {
      const session = a.session === undefined ? undefined : sessions[a.session]!;
      // Agendas carry their session's time; online ones are spread over the forum's days.
      const at = session ? new Date(Date.parse(session.startsAt) + 3600_000 + i * 1000) : new Date(Date.parse("2023-04-17T09:00:00+09:00") + i * 11 * 3600_000);
      await Proposal.create(
        {
          forumId: forum.id,
          title: a.title,
          body: a.body,
          field: a.field,
          area: a.area,
          source: session ? "session" : "online",
          sessionId: session?.id,
          sessionTitle: session?.title,
          table: a.table,
          status: "published",
        },
        { at: at.toISOString() },
      ).then((created) => (proposalIds[i] = created.id));
      tick();
    });

    // The vote, replayed through the real ballot transaction at its time: participants of the last
    // session voted at its tables, everyone else online. Then it closes and its top 15 become core agendas.
    const round = await Round.create(forum.id, {
      title: ROUND.title,
      proposalIds,
      maxChoices: ROUND.maxChoices,
      opensAt: ROUND.opensAt,
      closesAt: ROUND.closesAt,
      channels: ["online", "session"],
      hideResultsUntilClosed: true,
      requireCheckIn: false,
    });
    const last = sessions[sessions.length - 1]!;
    const atLast = new Set(attendance()[sessions.length - 1]);
    const voters = [...who, ...onlineVoters()];
    const votedAt = (v: number) => new Date(Date.parse(`${ROUND.opensAt}:00+09:00`) + v * 997_000);
    await inParallel(ballots(), async (choices, v) => {
      const table = atLast.has(v);
      await Ballot.cast({
        roundId: round.id,
        person: IdentityHash.of(voters[v]!),
        channel: table ? "session" : "online",
        sessionId: table ? last.id : undefined,
        choices: choices.map((a) => proposalIds[a]!),
        at: table ? new Date(Date.parse(last.startsAt) + 3600_000 + v * 1000) : votedAt(v),
      });
      tick();
    });
    await Round.close(round.id, new Date(Date.parse(`${ROUND.closesAt}:00+09:00`)));
    const favourites = Array.from({ length: ROUND.coreAgendas }, (_, k) => proposalIds[k * 10]!);
    await Round.chooseCoreAgendas(round.id, favourites);
    // Then the road beyond: execution plans, the two councils' decisions, the quarterly cards.
    const projects = await DemoProjects.load(forum.id, favourites, tick);
    // And the governance record the pledge is measured from: bodies, meetings, tasks, the pledge.
    await DemoGovernance.load(projects, tick);
    return Forum.mustGet(forum.id);
  }

  async function inParallel<T>(items: T[], run: (item: T, index: number) => Promise<void>, width = 8) {
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < items.length; i = next++) await run(items[i]!, i);
    };
    await Promise.all(Array.from({ length: width }, worker));
  }
}
