import { Body } from "../governance/body.js";
import { DesignatedTask, Meeting } from "../governance/meeting.js";
import { History, Pledge } from "../governance/pledge.js";
import type { Project } from "../projects/project.js";

/**
 * The demo's governance record, from the seed: the four bodies with invented members of the right
 * counts, the meeting log from 2022-07 to the end of 2023 — the seed's 31 dated entries (days
 * invented, the seed gives months) and one invented meeting the seed's log misses — the advisory
 * group's designated tasks, the pledge "6-2 협치행정 구현" with its four indicators, targets and
 * counting rules, its budget, and the history series entered by hand. As of 2023-12-31 the
 * dashboard reads 16 / 3 / 18 / 6 → 66.7 / 33.3 / 45.0 / 37.5 → 46.5%.
 */
export namespace DemoGovernance {
  export const PLEDGE_TITLE = "6-2 협치행정 구현";

  const SURNAMES = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권"];
  const GIVEN = ["민수", "지영", "현우", "서진", "도윤", "하은", "준호", "수민", "예린", "태윤", "소연", "건우"];
  const nameOf = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`;

  type M = Omit<Meeting.Input, "kind"> & { kind: Meeting.Kind };
  const COUNCIL_SUBS = ["행정경제", "복지보건", "도시건설", "청년문화"];
  const COMMITTEE_SUBS = ["지역경제", "보건복지", "교육문화", "도시환경", "행정혁신"];
  const ADVISORY_SUBS = ["기획경제", "행정혁신", "보건복지", "청년문화", "청정도시", "안전건설교통"];

  /** The governance council's entries of the seed's log (18: 7 from 2022-07, 11 in 2023). */
  const council = (selectedProjects: string[]): M[] => [
    { kind: "steering", ordinal: 5, on: "2022-07-21", title: "관악구 협치회의 제5차 운영위원회 회의", agenda: ["2023년 협치의제 우선순위 결정", "2022년 실행 협치과제 사업예산 변경 (2050 관악구 탄소중립의 첫걸음)"] },
    { kind: "full", ordinal: 2, on: "2022-08-25", title: "관악구 협치회의 제2차 전체회의", agenda: ["2023년 협치과제 실행계획서(안) 검토·승인"] },
    { kind: "subcommittee", subcommittees: COUNCIL_SUBS, ordinal: 3, on: "2022-08-30", title: "관악구 협치회의 제3차 분과위원회 회의", agenda: ["2023년 협치과제별 실행계획서(안) 분과별 확정", "2022년 실행 협치과제 2/4분기 실행 상황 보고"] },
    { kind: "steering", ordinal: 6, on: "2022-09-22", title: "관악구 협치회의 제6차 운영위원회 회의", agenda: ["2022년 실행 협치과제 사업예산 변경 (관악형 광장문화 조성)"] },
    { kind: "steering", ordinal: 7, on: "2022-10-20", title: "관악구 협치회의 제7차 운영위원회 회의", agenda: ["협치과제 추진 현황 점검"] },
    { kind: "subcommittee", subcommittees: COUNCIL_SUBS, ordinal: 4, on: "2022-10-27", title: "관악구 협치회의 제4차 분과위원회 회의", agenda: ["2022년 실행 협치과제 사업예산 변경 (자원순환을 통한 행복마을 만들기)"] },
    { kind: "subcommittee", subcommittees: COUNCIL_SUBS, ordinal: 5, on: "2022-12-15", title: "관악구 협치회의 제5차 분과위원회 회의", agenda: ["2022년 실행 협치과제 3/4분기 실행 상황 보고", "2022년 관악구 민관협치 운영 평가"] },
    { kind: "steering", ordinal: 1, on: "2023-01-19", title: "관악구 협치회의 제1차 운영위원회 회의", agenda: ["2023년 지역협치 운영 일정 및 협치과제 발굴 방안 논의", "2023년 지역사회 협치과제 실행추진반 구성 및 운영 방안 논의", "관악구 지역협치 3개년('23~'25) 기본계획 초안 검토"] },
    { kind: "full", ordinal: 1, on: "2023-03-20", title: "제3기 관악구 협치회의 위촉식 및 제1차 전체회의", agenda: ["협치회의 위원 위촉장 수여, 민간공동의장 선출", "지역 협치 추진 경과 및 2022년 협치과제 추진 현황 보고"], decisions: ["2023년 지역 협치 추진 계획(안) 승인"] },
    { kind: "subcommittee", subcommittees: COUNCIL_SUBS, ordinal: 1, on: "2023-04-13", title: "관악구 협치회의 제1차 분과위원회 회의", agenda: ["제3기 관악구 협치회의 분과별 위원장·부위원장 선출", "2023년 실행 협치과제 1/4분기 실행 상황 보고"] },
    { kind: "steering", ordinal: 2, on: "2023-05-18", title: "관악구 협치회의 제2차 운영위원회 회의", agenda: ["기획형 협치과제 발굴 논의", "2023년 실행 협치과제 실행계획 변경 (청소년 여가·문화 활동 공간 지원)", "협치회의 위원 리더십 강화 워크숍 운영", "협치기반구축 관련 조직 개선 또는 운영 방안"] },
    { kind: "subcommittee", subcommittees: COUNCIL_SUBS, ordinal: 2, on: "2023-06-15", title: "관악구 협치회의 제2차 분과위원회 회의", agenda: ["공론장 도출 의제 및 온라인 관악청 주민 정책제안을 바탕으로 분과별 중심의제 선정", "기획형 의제(중장기적 사업 실행) 발굴 논의"] },
    { kind: "subcommittee", subcommittees: COUNCIL_SUBS, ordinal: 3, on: "2023-07-06", title: "관악구 협치회의 제3차 분과위원회 (2023. 6.~7.)", agenda: ["분과별 중심의제 및 기획형 의제(중장기 사업) 실행계획서(안) 작성 및 논의"] },
    { kind: "extended_subcommittee", subcommittees: COUNCIL_SUBS, ordinal: 1, on: "2023-07-27", title: "관악구 협치회의 제1차 확대분과회의", agenda: ["2024년 실행 예정 분과별 협치의제 세부계획서(안) 작성 논의", "2023년 실행 협치과제 2/4분기 실행 상황 보고"], decisions: ["분과별 협치의제 선정 의결"] },
    { kind: "extended_subcommittee", subcommittees: COUNCIL_SUBS, ordinal: 2, on: "2023-08-24", title: "관악구 협치회의 제2차 확대분과회의", agenda: ["2024년 지역사회 협치의제 실행계획서(안) 최종 논의"] },
    {
      kind: "full",
      ordinal: 2,
      on: "2023-09-15",
      title: "관악구 협치회의 제2차 전체회의",
      agenda: ["2024년 지역사회 협치과제(안) 최종 심의·의결"],
      decisions: ["총 4개, 225,500천 원 규모 협치과제 선정 (구의회 심의 결과 총 3개 과제 161,500천 원 예산편성)"],
      projectIds: selectedProjects,
    },
    { kind: "steering", ordinal: 3, on: "2023-10-19", title: "관악구 협치회의 제3차 운영위원회", agenda: ["협치제도 기반 강화 및 내실화 방안 논의", "2023년 협치관악 성과공유회 기획 논의"] },
    { kind: "subcommittee", subcommittees: COUNCIL_SUBS, ordinal: 4, on: "2023-12-14", title: "관악구 협치회의 제4차 분과위원회", agenda: ["2023년 실행 협치과제 4/4분기 관리카드 점검", "2024년 협치제도 운영 관련 의견 수렴"] },
  ];

  /** The committee's: 2 full meetings in 2022; in 2023 two full, two planning (the second invented), two rounds of its five subcommittees. */
  const COMMITTEE: M[] = [
    { kind: "full", ordinal: 1, on: "2022-08-18", title: "더불어으뜸관악 혁신·협치위원회 제1차 전체회의", agenda: ["구정운영 4개년 계획안 심의"], decisions: ["구정운영 4개년 계획안 의결"] },
    { kind: "full", ordinal: 2, on: "2022-12-22", title: "더불어으뜸관악 혁신·협치위원회 제2차 전체회의", agenda: ["민선8기 공약실천계획안 심의"] },
    { kind: "full", ordinal: 1, on: "2023-03-23", title: "제3기 더불어으뜸관악 혁신·협치위원회 제1차 전체회의", agenda: ["제3기 위원 위촉 및 공동위원장 선출", "위원회 운영 계획 보고", "민선8기 구정운영 4개년 계획 보고"], policyProposals: 5 },
    { kind: "subcommittee", subcommittees: COMMITTEE_SUBS, ordinal: 1, on: "2023-06-20", title: "더불어으뜸관악 혁신·협치위원회 제1차 분과회의 (5개 분과)", agenda: ["분과별 분과위원장, 간사 선출", "분과위원회 운영 계획 보고", "2023년 주요업무 내용 공유"] },
    { kind: "subcommittee", subcommittees: COMMITTEE_SUBS, ordinal: 2, on: "2023-09-14", title: "더불어으뜸관악 혁신·협치위원회 제2차 분과회의 (5개 분과, 2023. 6.~9.)", agenda: ["1차 회의 시 정책제안 처리 결과보고", "제안 내용 보완 및 추가제안 자유토론"] },
    { kind: "planning", ordinal: 1, on: "2023-10-12", title: "제3기 더불어으뜸관악 혁신·협치위원회 제1차 기획회의", agenda: ["기획위원회 구성 현황 보고", "위원회 운영 현황 보고 (개최 현황 및 정책제안 검토 결과)", "2024년 위원회 운영 방향 및 자유토론"] },
    { kind: "full", ordinal: 2, on: "2023-11-16", title: "제3기 더불어으뜸관악 혁신·협치위원회 제2차 전체회의", agenda: ["위원회 운영 현황 보고", "분과별 활동내역 발표 (5개 분과)", "민선 8기 공약실천계획 변경사항 보고 (1건)", "2024년 위원회 운영방향 논의"] },
    { kind: "planning", ordinal: 2, on: "2023-12-20", title: "제3기 더불어으뜸관악 혁신·협치위원회 제2차 기획회의", agenda: ["2024년 분과별 활동 계획 점검"] },
  ];

  const ADVISORY: M[] = [
    { kind: "other", on: "2023-06-29", title: "제3기 관악구 정책자문단 구성·운영 계획 수립", agenda: ["구성인원 150명 내외 (청년·여성 보강)", "구성방법: 연임 여부 조사 + 공개모집", "운영방법: 정기회의, 분과회의, 수시 자문"] },
    { kind: "full", on: "2023-08-30", title: "제3기 정책자문단 구성 및 위촉식", attendance: 128, agenda: ["제2기 연임자 103명, 제3기 지원자 25명 위촉", "6개 분과 구성"] },
    { kind: "subcommittee", subcommittees: ADVISORY_SUBS, on: "2023-10-26", title: "정책자문단 분과회의 (6개 분과)", agenda: ["분과별 분과위원장, 간사 선정", "정책제안 및 분과별 운영방안 논의"] },
  ];

  const TASKS: DesignatedTask.Input[] = [
    { topic: "강감찬축제 운영·개선 관련 의견 제시", startsOn: "2022-10-07", endsOn: "2022-10-09", method: "offline_survey", invited: 195, participated: 35, summary: "축제 관람 후 오프라인 설문조사" },
    { topic: "강감찬축제 운영·개선 관련 의견 제시 (1차)", startsOn: "2023-10-13", endsOn: "2023-10-15", method: "offline_survey", invited: 128, participated: 43, summary: "축제 관람 후 오프라인 설문조사" },
    { topic: "관악별빛산책 체험 후 만족도 및 의견 제시 (2차)", startsOn: "2023-12-08", endsOn: "2023-12-20", method: "online_survey", invited: 127, participated: 73, summary: "행사 참여 후 온라인(홈페이지) 설문조사" },
  ];

  export async function load(selectedProjects: Project.Info[], tick: () => void = () => undefined) {
    const committee = await Body.create({ name: "더불어으뜸관악 혁신·협치위원회", kind: "committee", sizeLimit: 36, subcommittees: COMMITTEE_SUBS, steering: true, termYears: 2, maxRenewals: 1, order: 1, description: "당연직 9명, 위촉직 27명. 전체위원회, 기획위원회, 5개 분과위원회." });
    const advisory = await Body.create({ name: "관악구 정책자문단", kind: "advisory", sizeLimit: 150, subcommittees: ADVISORY_SUBS, termYears: 2, order: 2, description: "150명 내외, 6개 분과. 구정 주요 정책 자문과 지정과제 활동." });
    const councilBody = await Body.create({ name: "관악구 협치회의", kind: "council", sizeLimit: 40, subcommittees: COUNCIL_SUBS, steering: true, termYears: 2, order: 3, description: "40인 이내, 행정과 민간이 함께 구성. 운영위원회와 4개 분과위원회." });
    const experts = await Body.create({ name: "협치전문가", kind: "experts", sizeLimit: 3, subcommittees: [], termYears: 2, order: 4, publicNames: true, description: "협치조정관 1명, 협치지원관 2명." });

    const appoint = async (body: Body.Info, n: number, seat: (i: number) => Body.Seat, term: (i: number) => Body.Term, subs: string[], offset: number) => {
      for (let i = 0; i < n; i++) {
        await Body.addMember(body.id, { displayName: nameOf(offset + i), seat: seat(i), subcommittee: subs.length ? subs[i % subs.length] : undefined, term: term(i) });
      }
    };
    // The committee: 9 ex officio, 27 appointed (2-year terms from the 3rd committee's start).
    await appoint(committee, 36, (i) => (i < 9 ? "ex_officio" : "appointed"), () => ({ startsOn: "2023-03-23", endsOn: "2025-03-22" }), COMMITTEE_SUBS, 0);
    // The advisory group: 102 reappointed from the 2nd group, 25 new.
    await appoint(advisory, 127, () => "civil", (i) => (i < 102 ? { startsOn: "2023-07-04", endsOn: "2025-07-03" } : { startsOn: "2023-08-30", endsOn: "2025-08-29" }), ADVISORY_SUBS, 40);
    // The council: administration and civil society, 38 of its 40 seats.
    await appoint(councilBody, 38, (i) => (i < 12 ? "public" : "civil"), () => ({ startsOn: "2023-03-20", endsOn: "2025-03-19" }), COUNCIL_SUBS, 170);
    await Body.addMember(experts.id, { displayName: "협치조정관 " + nameOf(210), seat: "civil", term: { startsOn: "2023-01-02", endsOn: "2024-12-31" } });
    for (let i = 0; i < 2; i++) await Body.addMember(experts.id, { displayName: `협치지원관 ${nameOf(211 + i)}`, seat: "civil", term: { startsOn: "2023-01-02", endsOn: "2024-12-31" } });
    tick();

    const selected = selectedProjects.filter((p) => p.decisions.some((d) => d.kind === "council" && d.outcome === "selected" && !d.supersededBy)).map((p) => p.id);
    for (const m of council(selected)) await Meeting.create(councilBody.id, m);
    for (const m of COMMITTEE) await Meeting.create(committee.id, m);
    for (const m of ADVISORY) await Meeting.create(advisory.id, m);
    for (const t of TASKS) await DesignatedTask.create(advisory.id, t);
    tick();

    const pledge = await Pledge.create({
      title: PLEDGE_TITLE,
      fromYear: 2022,
      toYear: 2026,
      items: [
        {
          key: "committee",
          title: "혁신·협치위원회 운영",
          indicator: "개최 횟수",
          unit: "회",
          weight: 30,
          targets: { "2022": 3, "2023": 6, "2024": 6, "2025": 6, "2026": 3 },
          quarterly: { year: "2023", targets: [1, 2, 2, 1] },
          rule: { source: "meetings", bodyId: committee.id, kinds: ["full", "planning", "subcommittee"], subcommittees: "each" },
        },
        {
          key: "advisory",
          title: "정책자문단 운영",
          indicator: "지정 과제",
          unit: "회",
          weight: 30,
          targets: { "2023": 2, "2024": 3, "2025": 3, "2026": 1 },
          quarterly: { year: "2023", targets: [0, 0, 1, 1] },
          rule: { source: "tasks", bodyId: advisory.id },
        },
        {
          key: "council",
          title: "지역사회 협치기반 강화 및 내실화",
          indicator: "개최 횟수",
          unit: "회",
          weight: 20,
          targets: { "2022": 5, "2023": 10, "2024": 10, "2025": 10, "2026": 5 },
          quarterly: { year: "2023", targets: [2, 3, 3, 2] },
          rule: { source: "meetings", bodyId: councilBody.id, kinds: ["full", "steering", "subcommittee", "extended_subcommittee"], subcommittees: "once" },
        },
        {
          key: "forums",
          title: "지역사회 협치과제 발굴 및 실행",
          indicator: "공론장 개최 횟수",
          unit: "회",
          weight: 20,
          targets: { "2023": 4, "2024": 4, "2025": 4, "2026": 4 },
          quarterly: { year: "2023", targets: [0, 4, 0, 0] },
          rule: { source: "sessions" },
        },
      ],
      budget: {
        unit: "million KRW",
        plan: { "2022": 871, "2023": 476, "2024": 476, "2025": 475, "2026": 238 },
        byItem: [
          { item: "혁신·협치위원회 운영", amount: 116 },
          { item: "정책자문단 운영", amount: 73 },
          { item: "협치회의 운영 및 협치전문가 운용", amount: 500 },
          { item: "지역사회 협치과제 발굴 및 실행", amount: 1_847, projects: true },
        ],
        executed: { "2022": 712, "2023": 463 },
      },
    });

    const years = (values: (number | null)[]) => Object.fromEntries(values.map((v, i) => [String(2018 + i), v]));
    const source = "관악구 공약 이행계획 「6-2 협치행정 구현」 (2018~2023 실적)";
    await History.put("council-meetings", { title: "협치회의 운영", unit: "회", values: years([16, 14, 20, 15, 14, 11]), source });
    await History.put("forum-sessions", { title: "공론장 운영", unit: "회", values: years([null, 6, 26, 16, 4, 6]), source });
    await History.put("projects-found", { title: "협치과제 발굴 건수 (발굴연도 기준)", unit: "건", values: years([27, 15, 8, 5, 6, 3]), source });
    await History.put("projects-budget", { title: "협치과제 규모 (발굴연도 기준)", unit: "백만 원", values: years([772, 685, 508, 724, 394, 161]), source });
    tick();
    return { pledge, bodies: [committee, advisory, councilBody, experts] };
  }

  export const TICKS = 3;
}
