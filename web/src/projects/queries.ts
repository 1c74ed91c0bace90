import { query } from "@solidjs/router";
import { proposalsApi, type ProposalItem } from "../proposals/api.js";
import { projectsApi, type FunnelStep } from "./api.js";

/** Projects' route data: cached per key, shared by preload and createAsync, refreshed with revalidate(key). */
export const getForumProjects = query((forumId: string) => projectsApi.projects(forumId), "projects.forum");
export const getProject = query((projectId: string) => projectsApi.project(projectId), "projects.project");
export const getMembers = query((projectId: string) => projectsApi.members(projectId), "projects.members");
export const getCards = query((projectId: string) => projectsApi.cards(projectId), "projects.cards");
export const getMyProjects = query(() => projectsApi.mine(), "projects.mine");
export const getFunnel = query((forumId: string) => projectsApi.funnel(forumId), "projects.funnel");
export const getFunnelStep = query((forumId: string, step: FunnelStep) => projectsApi.funnelStep(forumId, step), "projects.funnelStep");
export const getAttention = query(() => projectsApi.attention(), "projects.attention");

/**
 * A forum's core agendas, those already in projects included (the stage filter means "got at
 * least this far"), 100 at a time following nextCursor; published ones only.
 */
export const getCoreAgendas = query(async (forumId: string): Promise<ProposalItem[]> => {
  const all: ProposalItem[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const page = await proposalsApi.proposals(forumId, { stage: "core", limit: 100, cursor });
    all.push(...page.items.filter((p) => p.status === undefined || p.status === "published"));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return all;
}, "projects.coreAgendas");
