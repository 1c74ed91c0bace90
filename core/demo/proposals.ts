import { josa } from "es-hangul";

/**
 * The demo cycle's 153 agendas, invented in the seed's spirit: by field (the council's four
 * subcommittees), raised at the six sessions' tables or sent online. Deterministic, so tests can
 * count on them.
 */
export namespace DemoProposals {
  export const TOPICS: Record<string, string[]> = {
    행정경제: [
      "골목상권 활성화", "전통시장 주차장 확충", "청년 창업 공간 지원", "지역화폐 가맹점 확대", "소상공인 온라인 판로 지원",
      "주민참여예산 홍보 강화", "동 주민센터 야간 민원 창구", "공공 와이파이 확대", "마을기업 육성", "사회적경제 상품 판매장",
      "빈 점포를 활용한 팝업상점", "주민자치회 역량 강화 교육", "구정 소식지 쉬운 말 쓰기", "어르신 디지털 민원 도우미", "공유 창고 운영",
    ],
    복지보건: [
      "경로당 스마트 돌봄", "어르신 무더위 쉼터 운영 연장", "1인 가구 고독사 예방", "장애인 이동 지원 확대", "아동 돌봄센터 확충",
      "치매 안심 마을 만들기", "방문 건강관리 확대", "마을 건강 걷기 모임", "발달장애인 주간활동 지원", "우울감 상담 창구",
      "식품 나눔 냉장고", "야간 소아 진료 안내", "독거 어르신 안부 확인", "공공 산후조리 지원", "반려동물 돌봄 교육",
    ],
    도시건설: [
      "보행로 정비", "골목길 가로등 확충", "버스정류장 온열의자 설치", "어린이 보호구역 안전 펜스", "도림천 산책로 정비",
      "공원 화장실 개선", "불법 주정차 단속 강화", "자전거 도로 연결", "경사로 미끄럼 방지", "재활용 분리수거 거점",
      "빗물 침수 예방 시설", "관악산 둘레길 쉼터", "공영주차장 확충", "쓰레기 무단투기 감시", "노후 놀이터 개선",
    ],
    청년문화: [
      "청소년여가문화공간 조성", "청년 1인 가구 네트워크", "청년 주거 상담 창구", "마을 작은 도서관", "동네 문화 축제",
      "청소년 진로 체험", "생활체육 프로그램 확대", "청년 취업 멘토링", "공유 연습실", "거리 공연 무대",
      "독서 모임 지원", "대학생 재능 나눔", "청소년 방과후 쉼터", "마을 영화 상영회", "청년 정책 참여단",
    ],
  };

  /** The neighbourhoods (동) of each session's area, and of the whole district for online ones. */
  export const DONGS = [
    ["보라매", "청림", "성현", "행운", "청룡"],
    ["낙성대", "인헌", "남현", "은천"],
    ["신림", "서원", "신원", "서림"],
    ["난곡", "난향", "삼성", "대학"],
    ["조원", "미성", "신사", "중앙"],
    ["보라매", "신림", "낙성대", "난곡", "조원"],
  ];

  export const PER_SESSION = [23, 22, 22, 22, 22, 21];
  export const ONLINE = 21;
  export const TOTAL = 153;

  /** What residents say they see, by field: the reason a proposal gives. */
  const SITUATIONS: Record<string, string[]> = {
    행정경제: [
      "문을 닫는 가게가 하나둘 늘어 골목이 저녁이면 조용해졌습니다",
      "가게 사장님들이 손님이 줄었다고 한숨을 쉬십니다",
      "구청까지 가기 어려운 분들이 많습니다",
      "주민들이 구의 소식을 잘 모르고 지나가는 일이 많습니다",
      "젊은 사람들이 동네에서 일자리를 찾기 어렵습니다",
    ],
    복지보건: [
      "혼자 사시는 어르신이 우리 통에만 여러 분 계십니다",
      "여름마다 더위로 힘들어하시는 이웃이 계십니다",
      "아이를 맡길 곳이 부족해 맞벌이 부부들이 애를 먹습니다",
      "아픈 가족을 돌보는 분들이 쉴 틈이 없습니다",
      "병원에 혼자 가기 어려운 분들이 늘었습니다",
    ],
    도시건설: [
      "밤길이 어두워 퇴근길이 무섭다는 이웃이 많습니다",
      "아이들 등굣길에 차가 너무 빨리 지나갑니다",
      "비가 많이 오면 골목에 물이 고여 다니기 어렵습니다",
      "유모차나 휠체어로는 다니기 힘든 길이 많습니다",
      "주말이면 쓰레기가 쌓여 냄새가 납니다",
    ],
    청년문화: [
      "청소년들이 방과 후에 갈 곳이 마땅치 않습니다",
      "혼자 사는 청년들이 이웃을 사귈 기회가 없습니다",
      "동네에서 문화 행사를 보기 어렵습니다",
      "연습할 공간이 없어 멀리까지 다니는 학생들이 있습니다",
      "청년들의 목소리가 구정에 잘 닿지 않습니다",
    ],
  };

  /** How residents put it: Korean particles chosen by the last syllable (es-hangul), never "을(를)". */
  const BODIES: ((p: { dong: string; topic: string; situation: string }) => string)[] = [
    ({ dong, topic, situation }) => `${dong}동에 20년 넘게 살고 있습니다. ${situation}. ${josa(topic, "을/를")} 꼭 추진해 주셨으면 합니다.`,
    ({ topic, situation }) => `${situation}. 그래서 ${josa(topic, "이/가")} 필요하다고 생각합니다. 주민들도 함께 힘을 보태겠습니다.`,
    ({ dong, topic, situation }) => `요즘 ${josa(`${dong}동`, "은/는")} 이런 걱정이 있습니다. ${situation}. ${josa(topic, "을/를")} 제안합니다.`,
    ({ topic, situation }) => `${josa(topic, "을/를")} 제안합니다. ${situation}. 작은 것부터라도 시작하면 좋겠습니다.`,
    ({ dong, topic }) => `이웃들과 이야기해 보니 ${josa(topic, "이/가")} 가장 시급하다는 의견이 많았습니다. ${dong}동부터 시범으로 해 보면 어떨까요?`,
    ({ topic, situation }) => `${situation}. 다른 구에서는 ${josa(topic, "으로/로")} 효과를 봤다고 들었습니다. 우리 구에도 도입해 주세요.`,
    ({ dong, topic, situation }) => `${dong}동 주민입니다. ${situation}. ${josa(topic, "와/과")} 함께 주민이 직접 참여하는 방법도 찾았으면 합니다.`,
  ];

  export interface Plan {
    title: string;
    body: string;
    field: string;
    area: string;
    /** Index into the demo sessions, or undefined for an online proposal. */
    session?: number;
    table?: number;
  }

  /** All 153: every topic appears in several neighbourhoods, each (topic, 동) pair once. */
  export function plan(): Plan[] {
    const fields = Object.keys(TOPICS);
    const out: Plan[] = [];
    const used = new Set<string>();
    let k = 0;
    const next = (dongs: string[], session?: number, table?: number) => {
      for (;;) {
        const field = fields[k % fields.length]!;
        const topics = TOPICS[field]!;
        const topic = topics[Math.floor(k / fields.length) % topics.length]!;
        const dong = dongs[(k * 7 + Math.floor(k / 5)) % dongs.length]!;
        k++;
        const title = topic === "청소년여가문화공간 조성" && !used.has(topic) ? topic : `${dong}동 ${topic}`;
        if (used.has(title)) continue;
        used.add(title);
        const situations = SITUATIONS[field]!;
        const body = BODIES[(k * 3 + (session ?? 6)) % BODIES.length]!({ dong, topic, situation: situations[(k + Math.floor(k / 4)) % situations.length]! });
        out.push({ title, body, field, area: `${dong}동`, session, table });
        return;
      }
    };
    PER_SESSION.forEach((n, s) => {
      for (let i = 0; i < n; i++) next(DONGS[s]!, s, 1 + (i % 8));
    });
    for (let i = 0; i < ONLINE; i++) next(DONGS[5]!);
    return out;
  }
}
