import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { AppError } from "./errors.js";
import { hashPassword } from "./password.js";
import { GSI1, IndexPartition, Keys, cancellationReasons, db, newId, queryPartition, tableName, updateExisting } from "./table.js";

export namespace User {
  export const Role = z.enum(["admin", "staff", "facilitator"]);
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

  export const CreateInput = z.object({
    email: Email,
    name: z.string().trim().min(1).max(100),
    role: Role,
    password: Password,
  });
  export type CreateInput = z.infer<typeof CreateInput>;

  export const UpdateInput = z
    .object({
      name: z.string().trim().min(1).max(100).optional(),
      role: Role.optional(),
      disabled: z.boolean().optional(),
      password: Password.optional(),
    })
    .refine((v) => Object.keys(v).length > 0, { error: "변경할 항목이 없습니다 / nothing to change" });
  export type UpdateInput = z.infer<typeof UpdateInput>;

  type Item = Info & { passwordHash: string };

  const toInfo = (item: Record<string, unknown>): Info => Info.parse(item);

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
    try {
      await db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName(),
                Item: { ...Keys.userEmail(input.email), userId: id },
                ConditionExpression: "attribute_not_exists(PK)",
              },
            },
            {
              Put: {
                TableName: tableName(),
                Item: { ...Keys.user(id), ...Keys.userIndex(input.email), type: "User", ...info, passwordHash },
              },
            },
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
    return res.Item ? { ...toInfo(res.Item), passwordHash: res.Item.passwordHash as string } : undefined;
  }

  // Access pattern: list all accounts, by email (GSI1: USERS).
  export async function list(): Promise<Info[]> {
    return (await queryPartition({ index: GSI1, pk: IndexPartition.users })).map(toInfo);
  }

  /** Changes name, role, disabled flag or password. */
  export async function update(id: string, input: UpdateInput): Promise<Info> {
    const fields = {
      name: input.name,
      role: input.role,
      disabled: input.disabled,
      passwordHash: input.password === undefined ? undefined : await hashPassword(input.password),
    };
    return toInfo(await updateExisting(Keys.user(id), fields, { ko: "사용자", en: "User" }));
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
    if (actor === "staff" && target === "facilitator") return;
    throw new AppError("forbidden", "role_not_allowed", {
      ko: "담당자는 진행자 계정만 만들고 바꿀 수 있습니다. 관리자에게 요청하세요.",
      en: "Staff may only manage facilitator accounts; ask an administrator.",
    });
  }
}
