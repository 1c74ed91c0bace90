import { DynamoDBClient, type CreateTableCommandInput } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, UpdateCommand, type QueryCommandInput, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { randomBytes } from "node:crypto";
import { dynamoEndpoint, tableName } from "./config.js";
import { notFound } from "./errors.js";
import { TableDefinition } from "./table-definition.js";

/**
 * The one module that owns the table: its shape, the client, every key and every index.
 * Single-table design; the README lists the access patterns.
 */

export { TableDefinition };

export const GSI1 = "GSI1";

/** CreateTable input for DynamoDB Local, derived from TableDefinition (on AWS, SST creates the table). */
export function createTableInput(name: string): CreateTableCommandInput {
  const def = TableDefinition;
  const attr = (n: string) => ({ AttributeName: n, AttributeType: "S" as const });
  return {
    TableName: name,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: Object.keys(def.fields).map(attr),
    KeySchema: [
      { AttributeName: def.primaryIndex.partitionKey, KeyType: "HASH" },
      { AttributeName: def.primaryIndex.sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: Object.entries(def.globalIndexes).map(([IndexName, idx]) => ({
      IndexName,
      KeySchema: [
        { AttributeName: idx.partitionKey, KeyType: "HASH" as const },
        { AttributeName: idx.sortKey, KeyType: "RANGE" as const },
      ],
      Projection: { ProjectionType: "ALL" as const },
    })),
  };
}

let doc: DynamoDBDocumentClient | undefined;
let middlewares: ((client: DynamoDBClient) => void)[] = [];

/** The document client, created on first use. */
export function db(): DynamoDBDocumentClient {
  if (doc) return doc;
  const endpoint = dynamoEndpoint();
  const client = new DynamoDBClient({
    ...(endpoint
      ? {
          endpoint,
          region: process.env.AWS_REGION ?? "ap-northeast-2",
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
        }
      : {}),
    // Retries (the SDK's standard mode: exponential backoff with full jitter from 100 ms, and its
    // retry quota, so a failing database is not hammered) take throttling, timeouts, dropped
    // connections and DynamoDB's 5xx. Three attempts of at most 2 s to connect and 4 s of silence
    // on the socket, ~18.5 s in the worst case, end inside the Lambda's 20 s: a database that stays
    // away becomes a 503 the caller can retry, not a Lambda timeout. The connection timer also
    // runs while a request waits for a free socket, so the pool is wide enough for a local server
    // taking hundreds of requests at once (a Lambda instance takes one). `throwOnRequestTimeout`:
    // without it this SDK only logs a warning when the 4 s pass and keeps waiting on the socket.
    maxAttempts: 3,
    retryMode: "standard",
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 4_000, throwOnRequestTimeout: true, httpAgent: { keepAlive: true, maxSockets: 256 }, httpsAgent: { keepAlive: true, maxSockets: 256 } },
  });
  for (const apply of middlewares) apply(client);
  doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return doc;
}

/** Tests inject faults (transaction conflicts, throttling) through SDK middleware; resets the client. */
export function useClientMiddleware(apply: (client: DynamoDBClient) => void) {
  middlewares.push(apply);
  doc = undefined;
}

export function resetClient() {
  middlewares = [];
  doc = undefined;
}

export { tableName };

/** Sortable, unguessable ids: a time prefix and 80 random bits. */
export function newId(): string {
  return Date.now().toString(36).padStart(9, "0") + randomBytes(10).toString("hex");
}

/** Prefixes used in queries. */
export const Prefix = {
  session: "SESSION#",
  facilitator: "FACILITATOR#",
  proposal: "PROPOSAL#",
  importChunk: "CHUNK#",
  round: "ROUND#",
  project: "PROJECT#",
  card: "CARD#",
  taskForce: "TASKFORCE#",
  member: "MEMBER#",
  meeting: "MEETING#",
  task: "TASK#",
  device: "DEVICE#",
} as const;

/** The GSI1 partitions that list things. */
export const IndexPartition = {
  users: "USERS",
  forums: "FORUMS",
  /** A forum's sessions (SESSION#…) and proposals (PROPOSAL#…). */
  forum: (forumId: string) => `FORUM#${forumId}`,
  /** A round's ballots, spread over its shards so that no index partition takes every ballot's write. */
  roundBallots: (roundId: string, shard: number) => `BALLOTS#${roundId}#${shard}`,
  facilitatorSessions: (userId: string) => `FACILITATOR#${userId}`,
  taskForceProjects: (userId: string) => `TASKFORCE#${userId}`,
  bodies: "BODIES",
  /** A governance body's meetings by date. */
  body: (bodyId: string) => `BODY#${bodyId}`,
  pledges: "PLEDGES",
  history: "HISTORY",
} as const;

/** Every key of every entity. */
export const Keys = {
  user: (userId: string) => ({ PK: `USER#${userId}`, SK: "USER" }),
  userIndex: (email: string) => ({ GSI1PK: IndexPartition.users, GSI1SK: email }),
  userEmail: (email: string) => ({ PK: `EMAIL#${email}`, SK: "EMAIL" }),
  authSession: (tokenHash: string) => ({ PK: `AUTH#${tokenHash}`, SK: "AUTH" }),
  /** How many enabled admins there are (the last one cannot be disabled or demoted). */
  adminCount: () => ({ PK: "ADMINS", SK: "ADMINS" }),
  /** A signed voter token given up before it expired (DELETE /verifications/me). */
  revokedVoterToken: (tokenHash: string) => ({ PK: `VOTERTOKEN#${tokenHash}`, SK: "REVOKED" }),
  forum: (forumId: string) => ({ PK: `FORUM#${forumId}`, SK: "FORUM" }),
  forumIndex: (startsOn: string, forumId: string) => ({ GSI1PK: IndexPartition.forums, GSI1SK: `${startsOn}#${forumId}` }),
  session: (sessionId: string) => ({ PK: `SESSION#${sessionId}`, SK: "SESSION" }),
  sessionIndex: (forumId: string, startsAt: string, sessionId: string) => ({
    GSI1PK: IndexPartition.forum(forumId),
    GSI1SK: `${Prefix.session}${startsAt}#${sessionId}`,
  }),
  assignment: (sessionId: string, userId: string) => ({ PK: `SESSION#${sessionId}`, SK: `FACILITATOR#${userId}` }),
  assignmentIndex: (userId: string, startsAt: string, sessionId: string) => ({
    GSI1PK: IndexPartition.facilitatorSessions(userId),
    GSI1SK: `${Prefix.session}${startsAt}#${sessionId}`,
  }),
  checkIn: (sessionId: string, identity: string) => ({ PK: `SESSION#${sessionId}`, SK: `CHECKIN#${identity}` }),
  participant: (forumId: string, identity: string) => ({ PK: `FORUM#${forumId}`, SK: `PARTICIPANT#${identity}` }),
  idempotency: (scope: string, key: string) => ({ PK: `IDEM#${scope}#${key}`, SK: "IDEM" }),
  proposal: (proposalId: string) => ({ PK: `PROPOSAL#${proposalId}`, SK: "PROPOSAL" }),
  /** Proposals sit in their forum's GSI1 partition, ordered by last change (the search index reads deltas). */
  proposalIndex: (forumId: string, updatedAt: string, proposalId: string) => ({
    GSI1PK: IndexPartition.forum(forumId),
    GSI1SK: `${Prefix.proposal}${updatedAt}#${proposalId}`,
  }),
  /** Left in the old forum's partition when a proposal moves out, so that other instances' indexes drop it. */
  proposalMoved: (proposalId: string, forumId: string) => ({ PK: `MOVED#${proposalId}#${forumId}`, SK: "MOVED" }),
  receipt: (code: string) => ({ PK: `RECEIPT#${code}`, SK: "RECEIPT" }),
  rateLimit: (bucket: string, window: number) => ({ PK: `RATE#${bucket}#${window}`, SK: "RATE" }),
  importJob: (importId: string) => ({ PK: `IMPORT#${importId}`, SK: "IMPORT" }),
  verification: (person: string) => ({ PK: `VERIFY#${person}`, SK: "VERIFY" }),
  round: (roundId: string) => ({ PK: `ROUND#${roundId}`, SK: "ROUND" }),
  /**
   * A forum's funnel counters: proposals (by source), core agendas, plans, selected, funded,
   * running, done, and the money at each step, changed in the same transaction as each item.
   */
  funnel: (forumId: string) => ({ PK: `FUNNEL#${forumId}`, SK: "FUNNEL" }),
  project: (projectId: string) => ({ PK: `PROJECT#${projectId}`, SK: "PROJECT" }),
  /** A forum's projects sit in its GSI1 partition beside its sessions, proposals and rounds. */
  projectIndex: (forumId: string, createdAt: string, projectId: string) => ({ GSI1PK: IndexPartition.forum(forumId), GSI1SK: `${Prefix.project}${createdAt}#${projectId}` }),
  /** A quarter's management card (관리카드), e.g. CARD#2024Q1. */
  card: (projectId: string, quarter: string) => ({ PK: `PROJECT#${projectId}`, SK: `${Prefix.card}${quarter}` }),
  /** A task-force member assigned to a project (may file its cards). */
  taskForceMember: (projectId: string, userId: string) => ({ PK: `PROJECT#${projectId}`, SK: `${Prefix.taskForce}${userId}` }),
  taskForceIndex: (userId: string, projectId: string) => ({ GSI1PK: IndexPartition.taskForceProjects(userId), GSI1SK: `${Prefix.project}${projectId}` }),
  /** A console (tablet) that ran a session, with its outbox counts as it last reported them. */
  device: (sessionId: string, deviceId: string) => ({ PK: `SESSION#${sessionId}`, SK: `${Prefix.device}${deviceId}` }),
  /** A governance body (혁신·협치위원회, 정책자문단, 협치회의, 협치전문가, …), listed in its order. */
  body: (bodyId: string) => ({ PK: `BODY#${bodyId}`, SK: "BODY" }),
  bodyIndex: (order: number, bodyId: string) => ({ GSI1PK: IndexPartition.bodies, GSI1SK: `${String(order).padStart(3, "0")}#${bodyId}` }),
  /** A member of a body, with their terms. */
  member: (bodyId: string, memberId: string) => ({ PK: `BODY#${bodyId}`, SK: `${Prefix.member}${memberId}` }),
  /** A body's designated task (지정과제). */
  task: (bodyId: string, taskId: string) => ({ PK: `BODY#${bodyId}`, SK: `${Prefix.task}${taskId}` }),
  meeting: (meetingId: string) => ({ PK: `MEETING#${meetingId}`, SK: "MEETING" }),
  meetingIndex: (bodyId: string, on: string, meetingId: string) => ({ GSI1PK: IndexPartition.body(bodyId), GSI1SK: `${Prefix.meeting}${on}#${meetingId}` }),
  /** A pledge (공약) with its indicators, targets, counting rules and budget. */
  pledge: (pledgeId: string) => ({ PK: `PLEDGE#${pledgeId}`, SK: "PLEDGE" }),
  pledgeIndex: (createdAt: string, pledgeId: string) => ({ GSI1PK: IndexPartition.pledges, GSI1SK: `${createdAt}#${pledgeId}` }),
  /** A yearly series entered by hand for the years before Gongnon. */
  historySeries: (series: string) => ({ PK: `HISTORY#${series}`, SK: "HISTORY", GSI1PK: IndexPartition.history, GSI1SK: series }),
  roundIndex: (forumId: string, opensAt: string, roundId: string) => ({
    GSI1PK: IndexPartition.forum(forumId),
    GSI1SK: `${Prefix.round}${opensAt}#${roundId}`,
  }),
  /**
   * Counters live in shard items with partition keys of their own (DynamoDB's write limit is per
   * partition): per round, turnout shards that also carry the round's rules version and state,
   * and per agenda, tally shards.
   */
  turnout: (roundId: string, shard: number) => ({ PK: `TURNOUT#${roundId}#${shard}`, SK: "TURNOUT" }),
  tally: (roundId: string, proposalId: string, shard: number) => ({ PK: `TALLY#${roundId}#${proposalId}#${shard}`, SK: "TALLY" }),
  /** One per person per round: that they voted and through which channel, never what they chose. */
  voter: (roundId: string, person: string) => ({ PK: `VOTER#${roundId}#${person}`, SK: "VOTER" }),
  /** What was chosen, under the ballot's receipt, never who chose it. */
  ballot: (roundId: string, receipt: string) => ({ PK: `BALLOT#${roundId}#${receipt}`, SK: "BALLOT" }),
  ballotIndex: (roundId: string, shard: number, receipt: string) => ({ GSI1PK: IndexPartition.roundBallots(roundId, shard), GSI1SK: receipt }),
  importChunk: (importId: string, chunk: number) => ({ PK: `IMPORT#${importId}`, SK: `${Prefix.importChunk}${String(chunk).padStart(5, "0")}` }),
} as const;


type Item = Record<string, unknown>;

/** Every item a query matches, following LastEvaluatedKey. */
export async function queryAll(input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">): Promise<Item[]> {
  const out: Item[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    const res = await db().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey }));
    out.push(...(res.Items ?? []));
    ExclusiveStartKey = res.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

/** Every item of one partition (of the table, or of GSI1), optionally under a sort-key prefix. */
export function queryPartition(opts: { index?: typeof GSI1; pk: string; skPrefix?: string; descending?: boolean }): Promise<Item[]> {
  const [pkName, skName] = opts.index ? ["GSI1PK", "GSI1SK"] : ["PK", "SK"];
  return queryAll({
    IndexName: opts.index,
    KeyConditionExpression: opts.skPrefix ? `${pkName} = :pk AND begins_with(${skName}, :sk)` : `${pkName} = :pk`,
    ExpressionAttributeValues: opts.skPrefix ? { ":pk": opts.pk, ":sk": opts.skPrefix } : { ":pk": opts.pk },
    ScanIndexForward: !opts.descending,
  });
}

/**
 * Every item of the given keys that exists: BatchGets of 100 keys in parallel, with the keys
 * DynamoDB leaves unprocessed (under load) asked again after a short wait.
 */
export async function batchGetAll(
  keys: { PK: string; SK: string }[],
  opts: { consistent?: boolean; projection?: string } = {},
): Promise<Item[]> {
  const TableName = tableName();
  const chunks: { PK: string; SK: string }[][] = [];
  for (let i = 0; i < keys.length; i += 100) chunks.push(keys.slice(i, i + 100));
  const results = await Promise.all(
    chunks.map(async (chunk) => {
      const out: Item[] = [];
      let pending: Item[] | undefined = chunk;
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        const res = await db().send(
          new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pending, ConsistentRead: opts.consistent, ProjectionExpression: opts.projection } } }),
        );
        out.push(...(res.Responses?.[TableName] ?? []));
        pending = res.UnprocessedKeys?.[TableName]?.Keys as Item[] | undefined;
        if (pending?.length) await new Promise((r) => setTimeout(r, Math.min(500, 20 * 2 ** attempt)));
      }
      return out;
    }),
  );
  return results.flat();
}

/** One item of a TransactWriteItems call. */
export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** Whether a single conditional write failed its condition. */
export const isConditionFailed = (err: unknown) => (err as { name?: string } | undefined)?.name === "ConditionalCheckFailedException";

/** Runs a conditional write whose failed condition means "someone did it already": only other errors throw. */
export async function unlessConditionFailed(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
}

/** Waits before retrying a write that lost a race (TransactionConflict): jittered, growing, capped at 200 ms. */
export const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(200, 5 * 2 ** attempt) * Math.random()));

/**
 * A counter item's change, for a transaction: ADD of every non-zero delta (the item is made on
 * first use, with its `type`); undefined when nothing changes.
 */
export function counterAdd(Key: { PK: string; SK: string }, type: string, deltas: Record<string, number>): TransactItem | undefined {
  const changed = Object.entries(deltas).filter(([, d]) => d !== 0);
  if (changed.length === 0) return undefined;
  const names: Record<string, string> = { "#type": "type" };
  const values: Record<string, unknown> = { ":type": type };
  const adds = changed.map(([k, d], i) => {
    names[`#c${i}`] = k;
    values[`:c${i}`] = d;
    return `#c${i} :c${i}`;
  });
  return {
    Update: { TableName: tableName(), Key, UpdateExpression: `SET #type = :type ADD ${adds.join(", ")}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values },
  };
}

/** `after − before`, key by key (for counters kept from each item's share). */
export function shareDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) out[k] = (after[k] ?? 0) - (before[k] ?? 0);
  return out;
}

/** Why each item of a cancelled transaction failed ("None", "ConditionalCheckFailed", "TransactionConflict", ...). */
export function cancellationReasons(err: unknown): string[] | undefined {
  if (err && typeof err === "object" && (err as { name?: string }).name === "TransactionCanceledException") {
    const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons.map((r) => r.Code ?? "None");
  }
  return undefined;
}

/** `SET #a = :a, #b = :b` with its names and values, for the fields that are given (undefined ones are skipped). */
export function setExpression(fields: Record<string, unknown>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      names[`#${k}`] = k;
      values[`:${k}`] = v;
      return `#${k} = :${k}`;
    });
  return { UpdateExpression: `SET ${sets.join(", ")}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

/** An update of the given fields of an existing item (404 `what` when there is none), returning the new item. */
export async function updateExisting(Key: { PK: string; SK: string }, fields: Record<string, unknown>, what: { ko: string; en: string }) {
  try {
    const res = await db().send(
      new UpdateCommand({ TableName: tableName(), Key, ...setExpression(fields), ConditionExpression: "attribute_exists(PK)", ReturnValues: "ALL_NEW" }),
    );
    return res.Attributes!;
  } catch (err) {
    if (isConditionFailed(err)) throw notFound(what);
    throw err;
  }
}

export const epochSeconds = (ms = Date.now()) => Math.floor(ms / 1000);
