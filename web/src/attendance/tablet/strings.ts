import { translator } from "../../app/i18n.js";
import { dictionary as shared } from "../../app/strings.js";

/** The venue tablet's person entry and keypad, shared by the check-in console and the table ballot. */
const ko = {
  "person.modeLabel": "확인 방법",
  "person.modePhone": "휴대전화",
  "person.modeName": "이름 + 생년월일",
  "person.phone": "휴대전화 번호",
  "person.name": "이름",
  "person.birthDate": "생년월일",
  "person.birthDateHint": "8자리 숫자. 예: 19900131",
  "person.keypad": "숫자 키패드",
  "person.backspace": "지우기",
  "person.clear": "전체 삭제",
  "outbox.title": "이 태블릿의 보낼 목록",
  "outbox.summary": "이 태블릿: {saved}건 저장, {recorded}건 기록",
  "outbox.pending": "보내지 않음 {n}건",
  "outbox.attention": "확인 필요 {n}건",
  "outbox.sendNow": "지금 보내기",
  "outbox.empty": "아직 이 태블릿에 저장한 항목이 없습니다.",
  "outbox.signIn": "로그인이 끝나 보내지 못하고 있습니다. 다시 로그인하면 이어서 보냅니다.",
  "outbox.state.saved": "이 태블릿에 저장됨",
  "outbox.state.sending": "보내는 중",
  "outbox.state.recorded": "기록됨",
  "outbox.state.attention": "확인 필요",
  "outbox.kind.checkin": "출석",
  "outbox.kind.agenda": "의제",
  "outbox.kind.ballot": "현장 투표",
  "outbox.outcome.new": "첫 참석",
  "outbox.outcome.returning": "다시 참석",
  "outbox.outcome.repeat": "이미 출석(중복 아님)",
  "outbox.outcome.created": "의제 등록",
  "outbox.outcome.receipt": "영수증 {receipt}",
  "outbox.update": "새 버전이 준비되었습니다. 보낼 항목이 모두 기록되고 입력 중인 내용이 없을 때 적용할 수 있습니다.",
  "outbox.applyUpdate": "새 버전 적용",
  "outbox.confirmPurge": "이 태블릿에 아직 보내지 않은 항목 {n}건이 있습니다. 로그아웃하면서 지울까요? [취소]를 누르면 남겨 두었다가 다시 로그인한 뒤 보냅니다.",
} as const;

const en: Record<keyof typeof ko, string> = {
  "person.modeLabel": "Identify by",
  "person.modePhone": "Mobile phone",
  "person.modeName": "Name + birth date",
  "person.phone": "Mobile number",
  "person.name": "Name",
  "person.birthDate": "Birth date",
  "person.birthDateHint": "8 digits, e.g. 19900131",
  "person.keypad": "Number keypad",
  "person.backspace": "Delete",
  "person.clear": "Clear",
  "outbox.title": "This tablet's outbox",
  "outbox.summary": "This tablet: {saved} saved, {recorded} recorded",
  "outbox.pending": "{n} not sent",
  "outbox.attention": "{n} need attention",
  "outbox.sendNow": "Send now",
  "outbox.empty": "Nothing saved on this tablet yet.",
  "outbox.signIn": "Signed out: nothing can be sent. Sign in again and sending resumes.",
  "outbox.state.saved": "Saved on this tablet",
  "outbox.state.sending": "Sending",
  "outbox.state.recorded": "Recorded",
  "outbox.state.attention": "Needs attention",
  "outbox.kind.checkin": "Check-in",
  "outbox.kind.agenda": "Agenda",
  "outbox.kind.ballot": "Table ballot",
  "outbox.outcome.new": "first time",
  "outbox.outcome.returning": "returning",
  "outbox.outcome.repeat": "already checked in (not counted twice)",
  "outbox.outcome.created": "agenda recorded",
  "outbox.outcome.receipt": "receipt {receipt}",
  "outbox.update": "A new version is ready. It can be applied once everything is recorded and nothing is being typed.",
  "outbox.applyUpdate": "Apply the new version",
  "outbox.confirmPurge": "This tablet holds {n} unsent item(s). Delete them while signing out? Cancel keeps them, to be sent after the next sign-in.",
};

export const dictionary = { ko, en };

/** Keys the code builds from a value (e.g. `role.${role}`): tests/unit/web/strings.test.ts counts them used by these patterns. */
export const built: string[] = ["outbox.state.*", "outbox.kind.*", "outbox.outcome.*"];

export const t = translator(shared, dictionary);
export type Key = Parameters<typeof t>[0];
