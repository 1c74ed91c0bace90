import { translator } from "../app/i18n.js";
import { dictionary as shared } from "../app/strings.js";

/** Signing in and the accounts page, Korean first. */
const ko = {
  "login.title": "로그인",
  "login.lead": "구청 담당자, 공론장 진행자, 실행추진반용 로그인입니다.",
  "login.email": "이메일",
  "login.password": "비밀번호",
  "login.submit": "로그인",
  "login.pending": "확인 중…",
  "login.wait": "{n}초 후에 다시 시도할 수 있습니다.",
  "login.already": "{name}님으로 로그인되어 있습니다.",
  "login.continue": "계속하기",

  "users.title": "계정 관리",
  "users.lead": "담당 공무원, 진행자, 실행추진반 계정을 만들고 사용을 중지할 수 있습니다.",
  "users.list": "계정 목록",
  "users.col.name": "이름",
  "users.col.role": "역할",
  "users.col.status": "상태",
  "users.col.actions": "관리",
  "users.active": "사용 중",
  "users.disabled": "사용 중지",
  "users.disable": "사용 중지",
  "users.enable": "다시 사용",
  "users.disableLabel": "{name} 계정 사용 중지",
  "users.enableLabel": "{name} 계정 다시 사용",
  "users.create": "계정 만들기",
  "users.name": "이름",
  "users.email": "이메일",
  "users.role": "역할",
  "users.roleStaffOnly": "담당 공무원은 진행자와 실행추진반 계정만 만들 수 있습니다.",
  "users.password": "초기 비밀번호",
  "users.passwordHint": "10자 이상. 처음 로그인할 사람에게 따로 알려 주세요.",
  "users.submit": "계정 만들기",
  "users.created": "{name}({email}) 계정을 만들었습니다.",
  "users.you": "나",
} as const;

const en: Record<keyof typeof ko, string> = {
  "login.title": "Sign in",
  "login.lead": "For district office staff, forum facilitators and task forces.",
  "login.email": "Email",
  "login.password": "Password",
  "login.submit": "Sign in",
  "login.pending": "Checking…",
  "login.wait": "You can try again in {n} seconds.",
  "login.already": "You are signed in as {name}.",
  "login.continue": "Continue",

  "users.title": "Accounts",
  "users.lead": "Create staff, facilitator and task-force accounts, and disable them.",
  "users.list": "All accounts",
  "users.col.name": "Name",
  "users.col.role": "Role",
  "users.col.status": "Status",
  "users.col.actions": "Manage",
  "users.active": "Active",
  "users.disabled": "Disabled",
  "users.disable": "Disable",
  "users.enable": "Enable",
  "users.disableLabel": "Disable the account of {name}",
  "users.enableLabel": "Enable the account of {name}",
  "users.create": "Create an account",
  "users.name": "Name",
  "users.email": "Email",
  "users.role": "Role",
  "users.roleStaffOnly": "Staff can only create facilitator and task-force accounts.",
  "users.password": "Initial password",
  "users.passwordHint": "At least 10 characters. Tell it to the person separately.",
  "users.submit": "Create account",
  "users.created": "Created the account of {name} ({email}).",
  "users.you": "you",
};

export const dictionary = { ko, en };

/** Keys the code builds from a value (e.g. `role.${role}`): tests/unit/web/strings.test.ts counts them used by these patterns. */
export const built: string[] = [];

export const t = translator(shared, dictionary);
export type Key = Parameters<typeof t>[0];
