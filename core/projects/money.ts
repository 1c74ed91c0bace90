import { z } from "zod";

/**
 * Money in the funnel is counted as Korean budget documents count it: integers of thousand KRW
 * (천원). Pure functions, no I/O: the web app and the exports format with the same code.
 */
export namespace Money {
  /** The largest amount one line or decision may carry: 10,000,000천원 (100억 원). */
  export const MAX = 10_000_000;

  export const Amount = z
    .number({ error: "금액은 천원 단위의 숫자여야 합니다 / the amount must be a number of thousand KRW" })
    .int({ error: "금액은 천원 단위의 정수여야 합니다 (소수점 없이) / the amount must be a whole number of thousand KRW" })
    .min(0, { error: "금액은 0 이상이어야 합니다 / the amount cannot be negative" })
    .max(MAX, { error: `금액은 ${MAX.toLocaleString("en")}천원(100억 원)까지입니다 / the amount may be at most ${MAX.toLocaleString("en")} thousand KRW` });

  /** `225,500천원` (the official style of budget tables). */
  export const thousands = (amount: number) => `${Math.round(amount).toLocaleString("en")}천원`;

  /**
   * The same amount as prose reads it: `2억 2,550만 원` (225,500천원), `8,500만 원`, `500만 원`,
   * `5억 원`; amounts below 10,000 KRW's tens in 천원 (`3천 원`).
   */
  export function prose(amount: number): string {
    const won = Math.round(amount) * 1000;
    if (won === 0) return "0원";
    const eok = Math.floor(won / 100_000_000);
    const man = Math.floor((won % 100_000_000) / 10_000);
    const rest = won % 10_000;
    const parts: string[] = [];
    if (eok > 0) parts.push(`${eok.toLocaleString("en")}억`);
    if (man > 0) parts.push(`${man.toLocaleString("en")}만`);
    if (rest > 0) parts.push(`${(rest / 1000).toLocaleString("en")}천`);
    return `${parts.join(" ")} 원`;
  }

  /** English: `KRW 225.5 million`. */
  export const english = (amount: number) =>
    amount >= 1000 ? `KRW ${(amount / 1000).toLocaleString("en", { maximumFractionDigits: 1 })} million` : `KRW ${(amount * 1000).toLocaleString("en")}`;
}
