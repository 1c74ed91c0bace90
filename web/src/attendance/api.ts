import type { InferRequestType } from "hono/client";
import { abortable, client, data, id, type Data } from "../app/api.js";

/** Attendance's calls: forums, sessions, facilitators, check-ins. */

const forum = client.forums[":forumId"];
const session = client.sessions[":sessionId"];

export type ForumInfo = Data<typeof forum.$get>;
export type ForumStats = Data<typeof forum.stats.$get>;
export type SessionInfo = Data<typeof session.$get>;
export type Facilitator = Data<typeof session.facilitators.$post>;
export type CheckInInput = InferRequestType<typeof session.checkins.$post>["json"];
export type CheckInResult = Data<typeof session.checkins.$post>;
export type ForumInput = InferRequestType<typeof client.forums.$post>["json"];
export type ForumUpdate = InferRequestType<typeof forum.$patch>["json"];
export type SessionInput = InferRequestType<typeof forum.sessions.$post>["json"];
export type DeviceReport = InferRequestType<(typeof session.devices)[":deviceId"]["$put"]>["json"];
export type DeviceInfo = Data<(typeof session.devices)[":deviceId"]["$put"]>;
export type SessionDevices = Data<typeof session.devices.$get>;

export const attendanceApi = {
  forums: async () => (await data(client.forums.$get())).forums,
  forum: (forumId: string, signal?: AbortSignal) => data(forum.$get({ param: { forumId: id(forumId) } }, abortable(signal))),
  createForum: (input: ForumInput) => data(client.forums.$post({ json: input })),
  updateForum: (forumId: string, input: ForumUpdate) => data(forum.$patch({ param: { forumId: id(forumId) }, json: input })),
  forumStats: (forumId: string, signal?: AbortSignal) => data(forum.stats.$get({ param: { forumId: id(forumId) } }, abortable(signal))),

  sessions: async (forumId: string, signal?: AbortSignal) =>
    (await data(forum.sessions.$get({ param: { forumId: id(forumId) } }, abortable(signal)))).sessions,
  session: (sessionId: string, signal?: AbortSignal) => data(session.$get({ param: { sessionId: id(sessionId) } }, abortable(signal))),
  createSession: (forumId: string, input: SessionInput) => data(forum.sessions.$post({ param: { forumId: id(forumId) }, json: input })),
  mySessions: async () => (await data(client.me.sessions.$get())).sessions,

  facilitators: async (sessionId: string) => (await data(session.facilitators.$get({ param: { sessionId: id(sessionId) } }))).facilitators,
  assign: (sessionId: string, userId: string) => data(session.facilitators.$post({ param: { sessionId: id(sessionId) }, json: { userId } })),
  unassign: (sessionId: string, userId: string) =>
    data(session.facilitators[":userId"].$delete({ param: { sessionId: id(sessionId), userId: id(userId) } })),

  /** One check-in attempt; the caller owns the Idempotency-Key so that retries reuse it. */
  checkIn: (sessionId: string, input: CheckInInput, idempotencyKey: string, signal?: AbortSignal) =>
    data(session.checkins.$post({ param: { sessionId: id(sessionId) }, header: { "idempotency-key": idempotencyKey }, json: input }, abortable(signal))),

  /** The server's time (the console measures its clock's offset). */
  clock: (signal?: AbortSignal) => data(client.clock.$get({}, abortable(signal))),
  /** The public key a console seals typed identifiers to before they enter its outbox. */
  sealingKey: (signal?: AbortSignal) => data(client["sealing-key"].$get({}, abortable(signal))),
  /** A console's outbox, as it reports it for the session. */
  reportDevice: (sessionId: string, deviceId: string, report: DeviceReport) =>
    data(session.devices[":deviceId"].$put({ param: { sessionId: id(sessionId), deviceId: id(deviceId) }, json: report })),
  /** The session's consoles with their outboxes as last reported. */
  devices: (sessionId: string, signal?: AbortSignal) => data(session.devices.$get({ param: { sessionId: id(sessionId) } }, abortable(signal))),
};
