import { Card } from "../projects/card.js";
import { Decision } from "../projects/decision.js";
import { Project } from "../projects/project.js";

/**
 * The demo cycle's road beyond its 15 core agendas, as the seed tells it: the subcommittees
 * drafted execution plans; the council's full meeting (2023-09) selected 4 projects worth exactly
 * 225,500천원; the district council funded 3 worth exactly 161,500천원; the task forces reported
 * every quarter of 2024 — one project done, one running late, one with its last card overdue.
 * Agendas are indexes into the demo's core agendas (0 = the first core agenda).
 */
export namespace DemoProjects {
  export const COUNCIL = { on: "2023-09-15", name: "관악구 협치회의 제2차 전체회의" };
  export const BUDGET = { on: "2023-12-15", name: "관악구의회 제2차 정례회 본회의 (2024년도 예산안 의결)" };
  export const PROPOSED = 225_500;
  export const APPROVED = 161_500;

  type Quarter = [quarter: string, progress: number, spend: number, status: Card.Status, signed: boolean, note?: string];

  interface Plan {
    title: string;
    field: string;
    agendas: number[];
    purpose: string;
    content: string;
    lines: [string, number][];
    taskForce: [publicMembers: number, privateMembers: number];
    council: { selected: true; amount?: number; reason?: string } | { selected: false; code: Decision.ReasonCode; reason: string };
    budget?: { funded: true } | { funded: false; code: Decision.ReasonCode; reason: string };
    cards?: Quarter[];
    done?: boolean;
  }

  export const PLANS: Plan[] = [
    {
      title: "골목상권 살리기 공동 마케팅",
      field: "행정경제",
      agendas: [0, 6, 13],
      purpose: "문 닫는 가게가 늘어난 골목상권에 손님을 다시 모읍니다.",
      content: "상인회와 주민이 함께 골목 지도와 공동 할인 행사를 만들고, 지역화폐 가맹점을 늘립니다.",
      lines: [
        ["골목 지도 제작", 12_000],
        ["공동 할인 행사", 30_000],
        ["지역화폐 가맹점 홍보", 18_000],
      ],
      taskForce: [2, 6],
      council: { selected: true },
      budget: { funded: true },
      cards: [
        ["2024Q1", 20, 12_000, "on_track", true],
        ["2024Q2", 45, 15_000, "on_track", true],
        ["2024Q3", 75, 18_000, "on_track", true],
        ["2024Q4", 100, 15_000, "on_track", true],
      ],
      done: true,
    },
    {
      title: "버스정류장 온열의자 설치",
      field: "도시건설",
      agendas: [1, 7],
      purpose: "겨울 아침 버스를 기다리는 어르신과 학생들의 추위를 덜어 줍니다.",
      content: "이용객이 많은 정류장부터 온열의자를 설치하고 주민이 관리 상태를 알립니다.",
      lines: [
        ["온열의자 구입·설치", 52_000],
        ["전기 공사", 10_000],
      ],
      taskForce: [3, 4],
      council: { selected: true, amount: 58_500, reason: "설치 정류장 수 조정 (35곳 → 33곳)" },
      budget: { funded: true },
      cards: [
        ["2024Q1", 25, 10_000, "on_track", true],
        ["2024Q2", 40, 12_000, "on_track", true],
        ["2024Q3", 50, 8_000, "delayed", true, "부품 수급이 늦어 설치가 밀렸습니다"],
        ["2024Q4", 65, 11_500, "delayed", false, "남은 정류장은 2025년 상반기에 설치합니다"],
      ],
    },
    {
      title: "빈 점포 팝업상점 운영",
      field: "행정경제",
      agendas: [4, 10, 13],
      purpose: "비어 있는 점포를 청년 창업자와 마을기업의 팝업상점으로 씁니다.",
      content: "건물주와 협약해 빈 점포를 석 달씩 빌려 주고, 판로와 홍보를 돕습니다.",
      lines: [
        ["점포 임차료 지원", 28_000],
        ["운영 교육과 홍보", 15_000],
      ],
      taskForce: [2, 5],
      council: { selected: true },
      budget: { funded: true },
      cards: [
        ["2024Q1", 30, 9_000, "on_track", true],
        ["2024Q2", 55, 11_000, "on_track", true],
        ["2024Q3", 80, 12_000, "on_track", false],
      ],
    },
    {
      title: "공영주차장 확충",
      field: "도시건설",
      agendas: [5, 11],
      purpose: "주택가 주차난을 덜고 골목의 불법 주정차를 줄입니다.",
      content: "학교와 교회의 주차장을 저녁에 공유하고, 자투리땅에 소규모 공영주차장을 만듭니다.",
      lines: [
        ["부지 정비", 40_000],
        ["공유 주차 협약과 안내", 24_000],
      ],
      taskForce: [3, 3],
      council: { selected: true },
      budget: { funded: false, code: "budget", reason: "2024년도 재정 여건상 다음 해에 다시 검토" },
    },
    {
      title: "도림천 자전거 도로 연결",
      field: "도시건설",
      agendas: [3, 9],
      purpose: "끊긴 자전거 도로를 이어 안전하게 다닐 수 있게 합니다.",
      content: "도림천 산책로와 생활권 자전거 도로 사이의 끊긴 구간 2.1km를 잇습니다.",
      lines: [["도로 공사", 120_000]],
      taskForce: [2, 3],
      council: { selected: false, code: "feasibility", reason: "하천 구역 점용 허가와 부지 확보가 어려움" },
    },
    {
      title: "경로당 스마트 돌봄",
      field: "복지보건",
      agendas: [12],
      purpose: "경로당에 나오지 못하는 어르신의 안부를 살핍니다.",
      content: "경로당과 어르신 댁을 잇는 안부 확인 기기와 방문 돌봄을 운영합니다.",
      lines: [["돌봄 기기와 운영", 35_000]],
      taskForce: [2, 4],
      council: { selected: false, code: "duplicate", reason: "보건소의 방문 건강관리 사업과 겹침" },
    },
  ];

  const MEMBER_NAMES = ["김민서", "이준호", "박서윤", "최도현", "정하은", "강지훈", "조수빈", "윤태양"];

  /** Writes the plans, decisions and cards through the real write paths; returns the projects. */
  export async function load(forumId: string, coreAgendaIds: string[], tick: () => void = () => undefined): Promise<Project.Info[]> {
    const out: Project.Info[] = [];
    for (const [i, plan] of PLANS.entries()) {
      let p = await Project.create(forumId, {
        title: plan.title,
        purpose: plan.purpose,
        content: plan.content,
        field: plan.field,
        period: { startsOn: "2024-01-01", endsOn: "2024-12-31" },
        agendaIds: plan.agendas.map((a) => coreAgendaIds[a]!),
        taskForce: {
          publicMembers: plan.taskForce[0],
          privateMembers: plan.taskForce[1],
          members: MEMBER_NAMES.slice(0, 2).map((n, k) => ({ name: `${n}${i + 1}`, side: k === 0 ? ("public" as const) : ("private" as const) })),
        },
        budgetLines: plan.lines.map(([item, amount]) => ({ item, amount })),
      });
      p = await Decision.record(
        p.id,
        plan.council.selected
          ? { kind: "council", outcome: "selected", decidedOn: COUNCIL.on, meeting: COUNCIL, amount: plan.council.amount, reason: plan.council.reason }
          : { kind: "council", outcome: "not_selected", decidedOn: COUNCIL.on, meeting: COUNCIL, reasonCode: plan.council.code, reason: plan.council.reason },
      );
      if (plan.budget) {
        p = await Decision.record(
          p.id,
          plan.budget.funded
            ? { kind: "budget", outcome: "funded", decidedOn: BUDGET.on, meeting: BUDGET }
            : { kind: "budget", outcome: "rejected", decidedOn: BUDGET.on, meeting: BUDGET, reasonCode: plan.budget.code, reason: plan.budget.reason },
        );
      }
      const by = { userId: `demo-taskforce-${i + 1}`, name: `${plan.title} 실행추진반` };
      for (const [quarter, progress, spend, status, signed, note] of plan.cards ?? []) {
        await Card.file(
          p.id,
          {
            quarter,
            progress,
            status,
            spend,
            milestonesDone: `${quarter.slice(5)}분기 계획한 일을 마쳤습니다.${note ? ` ${note}.` : ""}`,
            milestonesNext: progress < 100 ? "다음 분기 계획대로 추진합니다." : "사업을 마무리하고 성과를 나눕니다.",
            issues: note ?? "",
            meetingOn: `${quarter.slice(0, 4)}-${String(Number(quarter.slice(5)) * 3).padStart(2, "0")}-20`,
          },
          by,
        );
        if (signed) await Card.signOff(p.id, quarter, { userId: "demo-staff", name: "협치과 담당" });
      }
      if (plan.done) await Project.update(p.id, { stage: "done", reason: "모든 분기 목표를 이루었습니다" });
      out.push(await Project.mustGet(p.id));
      tick();
    }
    return out;
  }
}
