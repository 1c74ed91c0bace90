import { translator } from "./i18n.js";

/**
 * What every page shares: the app's name, the header and footer, the roles, common words. Each
 * feature's `strings.ts` builds its `t` from this dictionary plus its own.
 */
const ko = {
  "app.name": "공론 Gongnon",
  "app.tagline": "주민이 함께 만드는 참여 공론",
  "masthead": "이 누리집은 구청 참여 공론장 운영 플랫폼입니다.",
  "skip": "본문 바로가기",
  "nav.label": "주 메뉴",
  "nav.menu": "메뉴",
  "nav.forums": "공론장",
  "nav.staff": "공론장 관리",
  "nav.users": "계정 관리",
  "nav.console": "내 회차",
  "nav.taskforce": "내 사업",
  "nav.login": "로그인",
  "nav.logout": "로그아웃",
  "nav.propose": "제안하기",
  "nav.governance": "공약 이행 현황",
  "nav.governanceStaff": "거버넌스 관리",
  "lang.label": "언어 선택",
  "role.admin": "관리자",
  "role.staff": "담당 공무원",
  "role.facilitator": "진행자",
  "role.taskforce": "실행추진반",
  "footer.privacy":
    "출석 확인에 쓰인 휴대전화 번호·이름·생년월일은 저장하지 않습니다. 한 사람을 알아보는 데 필요한 암호화된 가명 값만 보관합니다.",
  "footer.api": "API 문서",
  "common.newWindow": "(새 창)",
  "common.loading": "불러오는 중…",
  "common.loadFailed": "정보를 불러오지 못했습니다.",
  "common.pageLoadFailed": "페이지를 불러오지 못했습니다",
  "common.retry": "다시 시도",
  "common.optional": "선택",
  "common.save": "저장",
  "common.people": "{n}명",
  "common.count": "{n}건",
  "common.period": "기간",
  "common.notFound": "페이지를 찾을 수 없습니다",
  "common.notFoundBody": "주소가 바뀌었거나 없는 페이지입니다.",
  "common.home": "처음으로",
  "common.forbidden": "이 화면을 쓸 권한이 없습니다.",
  "common.fullscreen": "전체 화면",
  "common.exitFullscreen": "전체 화면 끝내기",
  "common.signInAgain": "다시 로그인하기",
  "common.charCount": "{n} / {max}자",
  "common.charMin": "{min}자 이상",
} as const;

const en: Record<keyof typeof ko, string> = {
  "app.name": "공론 Gongnon",
  "app.tagline": "Participatory forums, made together",
  "masthead": "This is the participatory forum platform of the district office.",
  "skip": "Skip to main content",
  "nav.label": "Main menu",
  "nav.menu": "Menu",
  "nav.forums": "Forums",
  "nav.staff": "Manage forums",
  "nav.users": "Accounts",
  "nav.console": "My sessions",
  "nav.taskforce": "My projects",
  "nav.login": "Sign in",
  "nav.logout": "Sign out",
  "nav.propose": "Propose",
  "nav.governance": "Pledge progress",
  "nav.governanceStaff": "Manage governance",
  "lang.label": "Language",
  "role.admin": "Administrator",
  "role.staff": "Staff",
  "role.facilitator": "Facilitator",
  "role.taskforce": "Task force",
  "footer.privacy":
    "Phone numbers, names and birth dates used to check people in are never stored; only an encrypted pseudonym needed to recognise a person is kept.",
  "footer.api": "API reference",
  "common.newWindow": "(opens in a new window)",
  "common.loading": "Loading…",
  "common.loadFailed": "Could not load this information.",
  "common.pageLoadFailed": "This page could not be loaded",
  "common.retry": "Try again",
  "common.optional": "optional",
  "common.save": "Save",
  "common.people": "{n}",
  "common.count": "{n}",
  "common.period": "Period",
  "common.notFound": "Page not found",
  "common.notFoundBody": "The address may have changed, or the page does not exist.",
  "common.home": "Go to the home page",
  "common.forbidden": "You do not have permission to use this page.",
  "common.fullscreen": "Full screen",
  "common.exitFullscreen": "Exit full screen",
  "common.signInAgain": "Sign in again",
  "common.charCount": "{n} / {max} characters",
  "common.charMin": "at least {min}",
};

export const dictionary = { ko, en };

/** Keys the code builds from a value (e.g. `role.${role}`): tests/unit/web/strings.test.ts counts them used by these patterns. */
export const built: string[] = ["role.*"];

export const t = translator(dictionary);
export type Key = Parameters<typeof t>[0];
