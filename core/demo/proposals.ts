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
        const body = `${dong}동 주민들이 ${topic}을(를) 제안합니다. ${
          session === undefined ? "온라인관악청으로 접수된 제안입니다." : `${session + 1}회차 ${table}번 탁자 토론에서 나온 의견입니다.`
        }`;
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
