import type { InferRequestType } from "hono/client";
import type { Body } from "../../../core/governance/body.js";
import type { DesignatedTask, Meeting } from "../../../core/governance/meeting.js";
import type { History } from "../../../core/governance/pledge.js";
import { abortable, client, data, id, type Data } from "../app/api.js";

/** The governance record's calls: bodies and members, the meeting log, designated tasks, the pledge and its dashboard, the history series. */

const body = client.bodies[":bodyId"];
const member = body.members[":memberId"];
const meeting = client.meetings[":meetingId"];
const pledge = client.pledges[":pledgeId"];

export type BodyKind = Body.Kind;
export type Seat = Body.Seat;
export type MeetingKind = Meeting.Kind;
export type TaskMethod = DesignatedTask.Method;
export type SeriesName = History.Series;

/** A body with its composition on a day. */
export type BodyView = Data<typeof body.$get>;
export type Composition = BodyView["composition"];
export type BodyInput = InferRequestType<typeof client.bodies.$post>["json"];
export type BodyUpdate = InferRequestType<typeof body.$patch>["json"];
export type MemberView = Data<typeof body.members.$get>["members"][number];
export type MemberInput = InferRequestType<typeof body.members.$post>["json"];
export type MemberUpdate = InferRequestType<typeof member.$patch>["json"];
export type Term = InferRequestType<typeof member.terms.$post>["json"];
export type MeetingInfo = Data<typeof meeting.$get>;
export type MeetingInput = InferRequestType<typeof body.meetings.$post>["json"];
export type MeetingUpdate = InferRequestType<typeof meeting.$patch>["json"];
export type TaskInfo = Data<typeof body.tasks.$get>["tasks"][number];
export type TaskInput = InferRequestType<typeof body.tasks.$post>["json"];
export type PledgeInfo = Data<typeof pledge.$get>;
export type PledgeInput = InferRequestType<typeof client.pledges.$post>["json"];
export type PledgeItem = PledgeInfo["items"][number];
export type Dashboard = Data<typeof client.pledges.dashboard.$get>;
export type Indicator = Dashboard["indicators"][number];
export type Budget = NonNullable<Dashboard["budget"]>;
export type HistorySeries = Data<typeof client.history.$get>["series"][number];
export type HistoryInput = InferRequestType<(typeof client.history)[":series"]["$put"]>["json"];

const param = (bodyId: string) => ({ param: { bodyId: id(bodyId) } });
const memberParam = (bodyId: string, memberId: string) => ({ param: { bodyId: id(bodyId), memberId: id(memberId) } });
/** Only the query parameters that are set (the API reads an empty one as a bad date). */
const defined = <T extends Record<string, string | undefined>>(q: T) => Object.fromEntries(Object.entries(q).filter(([, v]) => v)) as T;

export const governanceApi = {
  bodies: async (on?: string) => (await data(client.bodies.$get({ query: defined({ on }) }))).bodies,
  body: (bodyId: string, on?: string) => data(body.$get({ ...param(bodyId), query: defined({ on }) })),
  createBody: (input: BodyInput) => data(client.bodies.$post({ json: input })),
  updateBody: (bodyId: string, input: BodyUpdate) => data(body.$patch({ ...param(bodyId), json: input })),

  /** Staff, or anyone where the body publishes its members' names (403 otherwise). */
  members: async (bodyId: string) => (await data(body.members.$get(param(bodyId)))).members,
  /** 409 body_full when the body would pass its size limit on any day of the term. */
  appoint: (bodyId: string, input: MemberInput) => data(body.members.$post({ ...param(bodyId), json: input })),
  updateMember: (bodyId: string, memberId: string, input: MemberUpdate) => data(member.$patch({ ...memberParam(bodyId, memberId), json: input })),
  /** 409 renewals_exceeded, terms_overlap or body_full. */
  renew: (bodyId: string, memberId: string, term: Term) => data(member.terms.$post({ ...memberParam(bodyId, memberId), json: term })),

  meetings: async (bodyId: string) => (await data(body.meetings.$get(param(bodyId)))).meetings,
  /** One attempt; the caller owns the Idempotency-Key so that a retry records the meeting once. */
  recordMeeting: (bodyId: string, input: MeetingInput, idempotencyKey: string, signal?: AbortSignal) =>
    data(body.meetings.$post({ ...param(bodyId), header: { "idempotency-key": idempotencyKey }, json: input }, abortable(signal))),
  updateMeeting: (meetingId: string, input: MeetingUpdate) => data(meeting.$patch({ param: { meetingId: id(meetingId) }, json: input })),
  deleteMeeting: (meetingId: string) => data(meeting.$delete({ param: { meetingId: id(meetingId) } })),

  tasks: async (bodyId: string) => (await data(body.tasks.$get(param(bodyId)))).tasks,
  recordTask: (bodyId: string, input: TaskInput) => data(body.tasks.$post({ ...param(bodyId), json: input })),

  pledges: async () => (await data(client.pledges.$get())).pledges,
  pledge: (pledgeId: string) => data(pledge.$get({ param: { pledgeId: id(pledgeId) } })),
  replacePledge: (pledgeId: string, input: PledgeInput) => data(pledge.$put({ param: { pledgeId: id(pledgeId) }, json: input })),
  /** As of a day (today in Korea when absent); the current pledge when no id is given. */
  dashboard: (asOf?: string, pledgeId?: string) => data(client.pledges.dashboard.$get({ query: defined({ asOf, pledgeId }) })),

  history: async () => (await data(client.history.$get())).series,
  putHistory: (series: SeriesName, input: HistoryInput) => data(client.history[":series"].$put({ param: { series }, json: input })),
};

/** A plain link (a cookie-authenticated GET needs no CSRF header): the browser downloads the workbook itself. */
export const reportHref = (pledgeId: string, asOf: string) => `/api/pledges/${id(pledgeId)}/report?asOf=${encodeURIComponent(asOf)}`;
