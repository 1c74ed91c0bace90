import { query } from "@solidjs/router";
import { governanceApi } from "./api.js";

/** A YYYY-MM-DD from the address, or nothing (the API then takes today in Korea). */
export const dayParam = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

/** The governance record's route data: cached per key, shared by preload and createAsync, refreshed with revalidate(key). */
export const getDashboard = query((asOf?: string, pledgeId?: string) => governanceApi.dashboard(asOf, pledgeId), "governance.dashboard");
export const getBodies = query((on?: string) => governanceApi.bodies(on), "governance.bodies");
export const getBody = query((bodyId: string, on?: string) => governanceApi.body(bodyId, on), "governance.body");
export const getMembers = query((bodyId: string) => governanceApi.members(bodyId), "governance.members");
export const getMeetings = query((bodyId: string) => governanceApi.meetings(bodyId), "governance.meetings");
export const getTasks = query((bodyId: string) => governanceApi.tasks(bodyId), "governance.tasks");
export const getPledges = query(() => governanceApi.pledges(), "governance.pledges");
export const getPledge = query((pledgeId: string) => governanceApi.pledge(pledgeId), "governance.pledge");
export const getHistory = query(() => governanceApi.history(), "governance.history");

/**
 * The dated log of the report (일정별 추진실적): every body's meetings and designated tasks
 * between two days, oldest first, each with its body.
 */
export const getLog = query(async (from: string, asOf: string) => {
  const bodies = await governanceApi.bodies();
  const per = await Promise.all(bodies.map(async (b) => ({ body: b, meetings: await governanceApi.meetings(b.id), tasks: await governanceApi.tasks(b.id) })));
  const inRange = (d: string) => d >= from && d <= asOf;
  return per
    .flatMap(({ body, meetings, tasks }) => [
      ...meetings.filter((m) => inRange(m.on)).map((m) => ({ on: m.on, body, meeting: m, task: undefined })),
      ...tasks.filter((t) => inRange(t.startsOn)).map((t) => ({ on: t.startsOn, body, meeting: undefined, task: t })),
    ])
    .sort((a, b) => a.on.localeCompare(b.on));
}, "governance.log");
