import { z } from "zod";

/** An amount of money as every project input takes it: a whole number of thousand KRW (천원). */
export namespace Amount {
  /** The largest amount one line or decision may carry: 10,000,000천원 (100억 원). */
  export const MAX = 10_000_000;

  export const Schema = z
    .number({ error: "금액은 천원 단위의 숫자여야 합니다 / the amount must be a number of thousand KRW" })
    .int({ error: "금액은 천원 단위의 정수여야 합니다 (소수점 없이) / the amount must be a whole number of thousand KRW" })
    .min(0, { error: "금액은 0 이상이어야 합니다 / the amount cannot be negative" })
    .max(MAX, { error: `금액은 ${MAX.toLocaleString("en")}천원(100억 원)까지입니다 / the amount may be at most ${MAX.toLocaleString("en")} thousand KRW` });
}
