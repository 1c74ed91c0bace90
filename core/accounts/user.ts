import { GetCommand, PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { AppError, notFound } from "../shared/errors.js";
import { hashPassword } from "./password.js";
import { Text } from "../shared/text.js";
import { cancellationReasons, db, GSI1, IndexPartition, Keys, newId, queryPartition, setExpression, tableName, unlessConditionFailed } from "../shared/table.js";

export namespace User {
  /** Facilitators reach the sessions they are assigned to; task-force members (실행추진반) the projects. */
  export const Role = z.enum(["admin", "staff", "facilitator", "taskforce"]);
  export type Role = z.infer<typeof Role>;

  export const Info = z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: Role,
    disabled: z.boolean(),
    createdAt: z.string(),
  });
  export type Info = z.infer<typeof Info>;

  export const Email = z.string().trim().toLowerCase().pipe(z.email({ error: "올바른 이메일 주소가 아닙니다 / not a valid email address" })).pipe(z.string().max(200));
  export const Password = z
    .string()
    .min(10, { error: "비밀번호는 10자 이상이어야 합니다 / the password needs at least 10 characters" })
    .max(200);

  const Name = Text.field({ ko: "이름", en: "the name" }, { min: 1, max: 100 });

  export const CreateInput = z.object({
    email: Email,
    name: Name,
    role: Role,
    password: Password,
  });
  export type CreateInput = z.infer<typeof CreateInput>;

  export const UpdateInput = z
    .object({
      name: Name.optional(),
      role: Role.optional(),
      disabled: z.boolean().optional(),
      password: Password.optional(),
    })
    .refine((v) => Object.keys(v).length > 0, { error: "변경할 항목이 없습니다 / nothing to change" });
  export type UpdateInput = z.infer<typeof UpdateInput>;

  type Item = Info & { passwordHash: string; authVersion: number };

  const toInfo = (item: Record<string, unknown>): Info => Info.parse(item);

  /** An enabled admin: the accounts the last-admin guard counts. */
  const isActiveAdmin = (u: Pick<Info, "role" | "disabled">) => u.role === "admin" && !u.disabled;

  /** Creates an account; the email is unique (a guard item in the same transaction). */
  export async function create(input: CreateInput): Promise<Info> {
    const id = newId();
    const info: Info = {
      id,
      email: input.email,
      name: input.name,
      role: input.role,
      disabled: false,
      createdAt: new Date().toISOString(),
    };
    const passwordHash = await hashPassword(input.password);
    if (isActiveAdmin(info)) await ensureAdminCount();
    try {
      await db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName(),
                Item: { ...Keys.userEmail(input.email), type: "UserEmail", userId: id },
                ConditionExpression: "attribute_not_exists(PK)",
              },
            },
            {
              Put: {
                TableName: tableName(),
                Item: { ...Keys.user(id), ...Keys.userIndex(input.email), type: "User", ...info, passwordHash, authVersion: 0 },
              },
            },
            ...(isActiveAdmin(info) ? [adminCountChange(1)] : []),
          ],
        }),
      );
    } catch (err) {
      if (cancellationReasons(err)?.[0] === "ConditionalCheckFailed") {
        throw new AppError(
          "conflict",
          "email_taken",
          { ko: "이미 등록된 이메일입니다.", en: "An account with this email already exists." },
          { field: "email" },
        );
      }
      throw err;
    }
    return info;
  }

  // Access pattern: get a user by id.
  export async function fromID(id: string): Promise<Info | undefined> {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.user(id) }));
    return res.Item ? toInfo(res.Item) : undefined;
  }

  // Access pattern: find a user by email, for sign-in (with the password hash).
  export async function withPasswordByEmail(email: string): Promise<Item | undefined> {
    const guard = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.userEmail(email) }));
    if (!guard.Item) return undefined;
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.user(guard.Item.userId as string) }));
    return res.Item ? { ...toInfo(res.Item), passwordHash: res.Item.passwordHash as string, authVersion: Number(res.Item.authVersion ?? 0) } : undefined;
  }

  // Access pattern: list all accounts, by email (GSI1: USERS).
  export async function list(): Promise<Info[]> {
    return (await queryPartition({ index: GSI1, pk: IndexPartition.users })).map(toInfo);
  }

  /**
   * Changes name, role, disabled flag or password. A change of password, role or the disabled
   * flag bumps the account's auth version, which ends every sign-in session it has. Disabling or
   * demoting the last enabled admin is refused (409): the change and the count of enabled admins
   * move in one transaction, guarded by the state that was read.
   */
  export async function update(id: string, input: UpdateInput): Promise<Info> {
    const before = await withAuth(id);
    if (!before) throw notFound({ ko: "사용자", en: "User" });
    const after = { role: input.role ?? before.info.role, disabled: input.disabled ?? before.info.disabled };
    const revokes = input.password !== undefined || after.role !== before.info.role || after.disabled !== before.info.disabled;
    const delta = Number(isActiveAdmin(after)) - Number(isActiveAdmin(before.info));
    if (delta !== 0) await ensureAdminCount();
    const fields = {
      name: input.name,
      role: input.role,
      disabled: input.disabled,
      passwordHash: input.password === undefined ? undefined : await hashPassword(input.password),
      authVersion: revokes ? before.authVersion + 1 : undefined,
    };
    const set = setExpression(fields);
    try {
      await db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName(),
                Key: Keys.user(id),
                ...set,
                ConditionExpression: "#role = :wasRole AND disabled = :wasDisabled",
                ExpressionAttributeNames: { ...set.ExpressionAttributeNames, "#role": "role" },
                ExpressionAttributeValues: { ...set.ExpressionAttributeValues, ":wasRole": before.info.role, ":wasDisabled": before.info.disabled },
              },
            },
            ...(delta !== 0 ? [adminCountChange(delta)] : []),
          ],
        }),
      );
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (!reasons) throw err;
      if (reasons[1] === "ConditionalCheckFailed") {
        throw new AppError("conflict", "last_admin", {
          ko: "마지막 관리자 계정은 사용 중지하거나 다른 역할로 바꿀 수 없습니다. 다른 관리자를 먼저 만드세요.",
          en: "The last admin account cannot be disabled or given another role; make another admin first.",
        });
      }
      throw new AppError("conflict", "changed_meanwhile", {
        ko: "그 사이 다른 사람이 이 계정을 바꾸었습니다. 새로 고친 뒤 다시 시도하세요.",
        en: "Someone else changed this account meanwhile; reload and try again.",
      });
    }
    return { ...before.info, name: input.name ?? before.info.name, ...after };
  }

  /** The account with its auth version (sessions signed in under an older version are void). */
  export async function withAuth(id: string): Promise<{ info: Info; authVersion: number } | undefined> {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.user(id), ConsistentRead: true }));
    return res.Item ? { info: toInfo(res.Item), authVersion: Number(res.Item.authVersion ?? 0) } : undefined;
  }

  /** The count of enabled admins changes with the account, never below one. */
  function adminCountChange(delta: number) {
    return {
      Update: {
        TableName: tableName(),
        Key: Keys.adminCount(),
        UpdateExpression: "ADD enabled :d",
        ...(delta < 0 ? { ConditionExpression: "enabled > :one", ExpressionAttributeValues: { ":d": delta, ":one": 1 } } : { ExpressionAttributeValues: { ":d": delta } }),
      },
    };
  }

  /** Data written before the count existed: count the enabled admins once. */
  async function ensureAdminCount() {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.adminCount(), ConsistentRead: true }));
    if (res.Item) return;
    const enabled = (await list()).filter(isActiveAdmin).length;
    await unlessConditionFailed(
      db().send(new PutCommand({ TableName: tableName(), Item: { ...Keys.adminCount(), type: "AdminCount", enabled }, ConditionExpression: "attribute_not_exists(PK)" })),
    );
  }

  /** Creates the first admin when no account has this email yet; returns whether it was created. */
  export async function ensure(input: CreateInput): Promise<boolean> {
    const guard = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.userEmail(input.email) }));
    if (guard.Item) return false;
    await create(input);
    return true;
  }

  export function assertCanManage(actor: Role, target: Role) {
    if (actor === "admin") return;
    if (actor === "staff" && (target === "facilitator" || target === "taskforce")) return;
    throw new AppError("forbidden", "role_not_allowed", {
      ko: "담당자는 진행자와 실행추진반 계정만 만들고 바꿀 수 있습니다. 관리자에게 요청하세요.",
      en: "Staff may only manage facilitator and task-force accounts; ask an administrator.",
    });
  }
}
