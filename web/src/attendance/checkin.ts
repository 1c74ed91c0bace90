import type { CheckInResult } from "./api.js";

/** What a check-in answer means for the person at the door. */
export type Outcome = "new" | "returning" | "repeat";

export const outcomeOf = (r: CheckInResult): Outcome => (!r.firstInSession ? "repeat" : r.firstInForum ? "new" : "returning");
