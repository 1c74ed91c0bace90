/**
 * Money in the funnel is counted as Korean budget documents count it: integers of thousand KRW
 * (천원). Pure functions, no imports: the web app and the exports format with the same code
 * (the schema of an amount is in amount.ts).
 */
export namespace Money {
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
