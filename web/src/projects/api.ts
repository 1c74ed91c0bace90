import type { InferRequestType } from "hono/client";
import type { Card } from "../../../core/projects/card.js";
import type { Decision } from "../../../core/projects/decision.js";
import type { Funnel } from "../../../core/projects/funnel.js";
import type { Project } from "../../../core/projects/project.js";
import { abortable, client, data, id, type Data } from "../app/api.js";

/** Projects' calls: plans, decisions, task forces, quarterly cards, the funnel and its drill-down, what needs a look. */

const forumProjects = client.forums[":forumId"].projects;
const funnel = client.forums[":forumId"].funnel;
const project = client.projects[":projectId"];

export type ProjectStage = Project.Stage;
export type ProjectMove = Project.Move;
export type ReasonCode = Decision.ReasonCode;
export type CardStatus = Card.Status;
export type FunnelStep = Funnel.StepName;

/** A project as its page shows it (staff also see the task force's names). */
export type ProjectView = Data<typeof project.$get>;
export type ProjectInfo = Data<typeof project.$patch>;
export type ProjectInput = InferRequestType<typeof forumProjects.$post>["json"];
export type ProjectUpdate = InferRequestType<typeof project.$patch>["json"];
export type DecisionRecord = ProjectView["decisions"][number];
export type DecisionInput = InferRequestType<typeof project.decisions.$post>["json"];
export type Ladder = ProjectView["money"];
export type Member = Data<typeof project.members.$get>["members"][number];
export type CardInfo = Data<typeof project.cards.$get>["cards"][number];
export type CardInput = InferRequestType<typeof project.cards.$post>["json"];
export type FunnelView = Data<typeof funnel.$get>;
export type FunnelStepView = FunnelView["steps"][number];
export type FunnelDrill = Data<(typeof funnel)[":step"]["$get"]>;
export type FunnelEntry = FunnelDrill["items"][number];
export type AttentionItem = Data<typeof client.projects.attention.$get>["projects"][number];

const param = (projectId: string) => ({ param: { projectId: id(projectId) } });

export const projectsApi = {
  projects: async (forumId: string) => (await data(forumProjects.$get({ param: { forumId: id(forumId) } }))).projects,
  createProject: (forumId: string, input: ProjectInput) => data(forumProjects.$post({ param: { forumId: id(forumId) }, json: input })),
  project: (projectId: string) => data(project.$get(param(projectId))),
  /** The plan (until the council decides: then the budget, agendas and field are fixed, 409 plan_decided) or a stage move. */
  updateProject: (projectId: string, input: ProjectUpdate) => data(project.$patch({ ...param(projectId), json: input })),
  /** A council or budget decision; a correction names the decision in force (`corrects`). */
  decide: (projectId: string, input: DecisionInput) => data(project.decisions.$post({ ...param(projectId), json: input })),

  members: async (projectId: string) => (await data(project.members.$get(param(projectId)))).members,
  assign: (projectId: string, userId: string) => data(project.members.$post({ ...param(projectId), json: { userId } })),
  unassign: (projectId: string, userId: string) => data(project.members[":userId"].$delete({ param: { projectId: id(projectId), userId: id(userId) } })),
  /** The signed-in task-force member's projects. */
  mine: async () => (await data(client.me.projects.$get())).projects,

  cards: async (projectId: string) => (await data(project.cards.$get(param(projectId)))).cards,
  /** A quarter's card; the same quarter again is an update (200, version 2). No Idempotency-Key: filing twice only adds a version. */
  fileCard: (projectId: string, input: CardInput, signal?: AbortSignal) => data(project.cards.$post({ ...param(projectId), json: input }, abortable(signal))),
  signOff: (projectId: string, quarter: string) => data(project.cards[":quarter"]["sign-off"].$post({ param: { projectId: id(projectId), quarter: id(quarter) } })),

  funnel: (forumId: string, signal?: AbortSignal) => data(funnel.$get({ param: { forumId: id(forumId) } }, abortable(signal))),
  funnelStep: (forumId: string, step: FunnelStep) => data(funnel[":step"].$get({ param: { forumId: id(forumId), step } })),
  attention: async () => (await data(client.projects.attention.$get())).projects,
};

/** Plain links (a cookie-authenticated GET needs no CSRF header): the browser downloads the file itself. */
export const exportHref = (forumId: string, q: { format: "xlsx" | "csv"; stage?: string; field?: string; sheet?: string }) => {
  const search = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1]));
  return `/api/forums/${id(forumId)}/exports?${search}`;
};
export const openDataHref = (forumId: string, format: "json" | "csv") => `/api/forums/${id(forumId)}/open-data?format=${format}`;
