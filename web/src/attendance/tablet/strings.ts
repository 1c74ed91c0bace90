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
};

export const dictionary = { ko, en };

/** Keys the code builds from a value (e.g. `role.${role}`): tests/unit/web/strings.test.ts counts them used by these patterns. */
export const built: string[] = [];

export const t = translator(shared, dictionary);
export type Key = Parameters<typeof t>[0];
