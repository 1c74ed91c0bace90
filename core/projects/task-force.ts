import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { User } from "../accounts/user.js";
import { AppError, invalid } from "../shared/errors.js";
import { GSI1, IndexPartition, Keys, Prefix, db, queryPartition, tableName } from "../shared/table.js";
import { Project } from "./project.js";

/**
 * Task-force members (실행추진반) as accounts: staff assign a `taskforce` account to a project, and
 * that account may file the project's management cards and nothing else — as a facilitator
 * reaches only the sessions they are assigned to.
 */
export namespace TaskForce {
  export const Assignee = z.object({ userId: z.string(), name: z.string(), email: z.string() });
  export type Assignee = z.infer<typeof Assignee>;

  const CACHE_MS = 10_000;
  const cache = new Map<string, { assigned: boolean; until: number }>();

  export async function assign(projectId: string, userId: string): Promise<Assignee> {
    await Project.mustGet(projectId);
    const user = await User.fromID(userId);
    if (!user) throw invalid("user_not_found", "userId", "해당 사용자가 없습니다.", "There is no user with this id.");
    if (user.disabled) throw invalid("user_disabled", "userId", "사용이 중지된 계정은 배정할 수 없습니다.", "A disabled account cannot be assigned.");
    if (user.role !== "taskforce") {
      throw invalid("not_taskforce", "userId", "실행추진반 역할의 계정만 사업에 배정할 수 있습니다.", "Only task-force accounts can be assigned to a project.");
    }
    const assignee: Assignee = { userId: user.id, name: user.name, email: user.email };
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...Keys.taskForceMember(projectId, userId), ...Keys.taskForceIndex(userId, projectId), type: "TaskForceMember", projectId, ...assignee },
      }),
    );
    cache.set(`${projectId}/${userId}`, { assigned: true, until: Date.now() + CACHE_MS });
    return assignee;
  }

  export async function unassign(projectId: string, userId: string): Promise<void> {
    await db().send(new DeleteCommand({ TableName: tableName(), Key: Keys.taskForceMember(projectId, userId) }));
    cache.delete(`${projectId}/${userId}`);
  }

  // Access pattern: a project's task-force accounts (PK PROJECT#id, SK begins_with TASKFORCE#).
  export async function list(projectId: string): Promise<Assignee[]> {
    return (await queryPartition({ pk: Keys.project(projectId).PK, skPrefix: Prefix.taskForce })).map((i) => Assignee.parse(i));
  }

  // Access pattern: the projects an account is assigned to (GSI1: TASKFORCE#userId).
  export async function projectsOf(userId: string): Promise<Project.Info[]> {
    const items = await queryPartition({ index: GSI1, pk: IndexPartition.taskForceProjects(userId) });
    return Project.many(items.map((i) => String(i.projectId)));
  }

  // Access pattern: is this account assigned to this project? (one GetItem, kept for a few seconds)
  export async function isMember(projectId: string, userId: string): Promise<boolean> {
    const key = `${projectId}/${userId}`;
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.assigned;
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.taskForceMember(projectId, userId) }));
    const assigned = res.Item !== undefined;
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { assigned, until: Date.now() + CACHE_MS });
    return assigned;
  }

  export const notAssigned = () =>
    new AppError("forbidden", "not_assigned", {
      ko: "이 사업의 실행추진반으로 배정된 계정만 할 수 있습니다.",
      en: "Only task-force members assigned to this project may do this.",
    });
}
