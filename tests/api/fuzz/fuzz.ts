import fc from "fast-check";
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../../../functions/api/app.js";
import { WRITE_METHODS, operationsOf, schemaErrors, valueOf, dateArb, dateTimeArb, type Hints, type JsonSchema, type Operation } from "../../support/openapi.js";
import { NoAnswer, fillPath, makeWorld, mintToken, realIds, send, voterCookie, type Answer, type World } from "../../support/world.js";

/**
 * A thousand bad inputs per write route. Every POST/PUT/PATCH/DELETE of the app's own OpenAPI
 * document (read at run time, so a new route is fuzzed without anyone writing a test) gets
 * GONGNON_FUZZ_RUNS (1,000) generated requests: valid bodies and valid bodies with one value
 * broken (wrong types, huge strings, control characters, emoji and combining marks, lone
 * surrogates, numbers at the edges, prototype keys, mass-assignment keys), whole bodies of the
 * wrong shape, deep nesting, raw bytes that are not UTF-8 or not JSON, duplicate keys, odd
 * content types, path parameters and query strings that are real ids or garbage, and odd
 * headers. Sent in-process to the real app on DynamoDB Local as an admin or staff (so that
 * validation is reached). Every answer must be a 2xx or a 4xx whose JSON body carries
 * error.code and error.message; never a 5xx, never a hang; a 2xx only for a body the route's
 * schema allows, and never echoing a value sent under a key the schema does not declare.
 *
 * The seed is printed; GONGNON_FUZZ_SEED=<n> replays a run (each route's seed is derived from it
 * and the route's key, so one route replays alone with `-t "<route>"` as well).
 */

export const RUNS = Number(process.env.GONGNON_FUZZ_RUNS ?? 1000);
export const SEED = Number(process.env.GONGNON_FUZZ_SEED ?? (Date.now() ^ (process.pid << 8)) >>> 0);
/** The document must have at least this many write routes (it had 42 when this was written). */
export const MIN_WRITE_ROUTES = 35;
const REQUEST_TIMEOUT_MS = 10_000;
const CONCURRENCY = Number(process.env.GONGNON_FUZZ_CONCURRENCY ?? 4);
const SENTINEL = "mass-assign-5e7c1f";

const routeSeed = (key: string) => (SEED ^ createHash("sha256").update(key).digest().readUInt32BE(0)) >>> 0;

// ——— Values that break things ——————————————————————————————————————————————————————

const ctrl = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 12 });
const oddText = fc.oneof(
  ctrl,
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 30 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\u007f\u0085\u00a0",
    "\u2028\u2029",
    "\u202egnp.exe",
    "\ufeff제목",
    "\ud800",
    "\udfff\ud800",
    "👨‍👩‍👧‍👦🏳️‍🌈🇰🇷",
    "e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301",
    "Z̷̢̛͎̞͔̈́̆͝a̴̛͓l̸̰̈g̵̜̈́o̵̡͝",
    "ᄀᄀᄀ한글\u1160\u11a8",
    "<script>alert(1)</script>",
    "'; DROP TABLE t; --",
    "${jndi:ldap://x}",
    "../../etc/passwd",
    "%00%2e%2e",
    "NaN",
    "Infinity",
    "-Infinity",
    "-0",
    "1e308",
    "0x1f",
    "9007199254740993",
    "null",
    "true",
    "[object Object]",
    "__proto__",
    "constructor",
  ),
);
const huge = fc
  .tuple(fc.constantFrom(300, 5_000, 20_000, 70_000), fc.constantFrom("a", "가", "😀", "e\u0301", " ", "\\"))
  .map(([n, c]) => c.repeat(Math.ceil(n / c.length)));
const edgeNumber = fc.constantFrom(
  0,
  -0,
  1,
  -1,
  0.5,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  Number.MIN_SAFE_INTEGER - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 64,
  1e21,
  123.456,
);
const wrongType = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, [], {}, [[]], [null], { "": "" }),
  edgeNumber,
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.string(), { maxLength: 5 }),
);
const protoKey = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "isPrototypeOf");
const protoValue = fc.constantFrom<unknown>({ role: "admin", isAdmin: true, polluted: SENTINEL }, { prototype: { role: "admin" } }, null, SENTINEL, 1);
const nested = (depth: number, leaf: unknown = 1): unknown => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: oddText },
  { weight: 1, arbitrary: huge },
  { weight: 2, arbitrary: edgeNumber },
  { weight: 3, arbitrary: wrongType },
  { weight: 1, arbitrary: fc.constantFrom(5, 50, 200).map((d) => nested(d)) },
  { weight: 1, arbitrary: fc.tuple(protoKey, protoValue).map(([k, v]) => JSON.parse(JSON.stringify({ [k]: v }))) },
);
/** Keys a client has no business setting (mass assignment), with a value that must never come back. */
const massKey = fc.constantFrom("id", "role", "status", "stage", "source", "createdAt", "updatedAt", "createdBy", "userId", "authVersion", "passwordHash", "disabled", "isAdmin", "admin", "receipt", "counts", "votes", "PK", "SK", "type", "forumId", "sessionId", "tally", "ownerId");

// ——— Requests ————————————————————————————————————————————————————————————————————————

/** A body on the wire, and what the server makes of it (the JSON value, when it can parse one). */
interface Wire {
  kind: string;
  contentType?: string;
  body?: string | Uint8Array;
  /** What a JSON parser makes of the body (undefined: not parseable). */
  parsed?: unknown;
  /** Undeclared keys carrying the sentinel. */
  sentinel?: boolean;
}

const JSON_TYPE = /^application\/([a-z-.]+\+)?json(\s*;.*)?$/i;

function parseAsServer(w: Wire): Wire {
  if (w.body === undefined) return w;
  const text = typeof w.body === "string" ? w.body : new TextDecoder().decode(w.body);
  try {
    return { ...w, parsed: JSON.parse(text) };
  } catch {
    return w;
  }
}

const encodeJson = (v: unknown) => JSON.stringify(v, (_k, x) => (Object.is(x, -0) ? 0 : x));

/** All paths into a value (objects and arrays, a few levels down), the empty path included. */
function pathsOf(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  out.push(at);
  if (depth > 4 || !v || typeof v !== "object") return out;
  for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, Array.isArray(v) ? Number(k) : k], out, depth + 1);
  return out;
}
function setAt(v: unknown, path: (string | number)[], x: unknown, mode: "set" | "delete" | "add"): unknown {
  const copy = structuredClone(v);
  if (path.length === 0) return mode === "set" ? x : copy;
  let o: any = copy;
  for (const k of path.slice(0, -1)) o = o[k];
  const last = path[path.length - 1]!;
  if (mode === "delete") {
    if (Array.isArray(o)) o.splice(Number(last), 1);
    else delete o[last];
  } else Object.defineProperty(o, last, { value: x, enumerable: true, writable: true, configurable: true });
  return copy;
}

const invalidUtf8 = fc.constantFrom(
  [0xff, 0xfe, 0xfd],
  [0xc3, 0x28],
  [0xe2, 0x28, 0xa1],
  [0xf0, 0x28, 0x8c, 0xbc],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x80],
  [0x00],
);

function bodyArb(op: Operation, valid: fc.Arbitrary<unknown>): fc.Arbitrary<Wire> {
  const schema = op.body?.schema ?? {};
  const declared = new Set(Object.keys(schema.properties ?? {}));
  const json = (kind: string, v: unknown, extra: Partial<Wire> = {}): Wire => ({ kind, contentType: "application/json", body: encodeJson(v), parsed: JSON.parse(encodeJson(v) ?? "null"), ...extra });
  const mutated = valid.chain((v) => {
    const paths = pathsOf(v);
    return fc.tuple(fc.constantFrom(...paths), badValue, fc.constantFrom<"set" | "delete">("set", "set", "set", "delete")).map(([p, bad, mode]) => json(`mutated ${mode} ${p.join(".") || "(root)"}`, setAt(v, p, bad, mode)));
  });
  const extraKeys = valid.chain((v) =>
    fc.tuple(fc.uniqueArray(massKey.filter((k) => !declared.has(k)), { minLength: 1, maxLength: 4 }), fc.constantFrom<unknown>(SENTINEL, "admin", "published", true, 999)).map(([keys, val]) => {
      const o: Record<string, unknown> = v && typeof v === "object" && !Array.isArray(v) ? { ...(v as object) } : {};
      for (const k of keys) o[k] = k === "role" ? "admin" : k === "status" ? "published" : val === SENTINEL ? SENTINEL : val;
      return json(`undeclared keys ${keys.join(",")}`, o, { sentinel: Object.values(o).includes(SENTINEL) });
    }),
  );
  const protoRaw = valid.chain((v) =>
    fc.tuple(protoKey, protoValue).map(([k, pv]) => {
      const inner = encodeJson(v);
      const text = inner.startsWith("{") && inner !== "{}" ? `{${JSON.stringify(k)}:${encodeJson(pv)},${inner.slice(1)}` : `{${JSON.stringify(k)}:${encodeJson(pv)}}`;
      return parseAsServer({ kind: `prototype key ${k}`, contentType: "application/json", body: text });
    }),
  );
  const duplicate = valid.chain((v) =>
    badValue.map((bad) => {
      const inner = encodeJson(v);
      const keys = v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v) : [];
      const k = keys[0] ?? "title";
      // The bad value first, the good one last (JSON.parse keeps the last), and the other way round.
      const text = inner.startsWith("{") && inner !== "{}" ? `{${JSON.stringify(k)}:${encodeJson(bad)},${inner.slice(1, -1)},${JSON.stringify(k)}:${encodeJson(bad)}}` : `{"${k}":1,"${k}":${encodeJson(bad)}}`;
      return parseAsServer({ kind: `duplicate key ${k}`, contentType: "application/json", body: text });
    }),
  );
  const deep = fc.tuple(fc.constantFrom(64, 1_000, 10_000, 30_000), fc.constantFrom("[", '{"a":')).map(([n, open]) => {
    const close = open === "[" ? "]" : "}";
    return parseAsServer({ kind: `nesting ${n}`, contentType: "application/json", body: open.repeat(n) + "1" + close.repeat(n) });
  });
  const rawBytes = fc.tuple(valid, invalidUtf8, fc.nat()).map(([v, bytes, at]) => {
    const text = Buffer.from(encodeJson(v) ?? "{}");
    const i = text.length > 2 ? 1 + (at % (text.length - 2)) : 0;
    const out = Buffer.concat([text.subarray(0, i), Buffer.from(bytes), text.subarray(i)]);
    return parseAsServer({ kind: "invalid UTF-8", contentType: "application/json", body: new Uint8Array(out) });
  });
  const rawText = fc
    .oneof(
      fc.constantFrom("", "{", "}", "[", "{]", '{"a":}', "{'a':1}", "nul", "undefined", "NaN", "1e400", '{"n":1e400}', '{"n":-1e400}', '{"n":123456789012345678901234567890}', '{"n":-0}', '{"n":0.1e-400}', '{"n":01}', "\ufeff{}", "{}garbage", "{}{}", '"\\ud800"', '{"a":"\\u0000"}', "\u0000"),
      fc.string({ unit: "binary", maxLength: 80 }),
      fc.uint8Array({ maxLength: 80 }).map((b) => Buffer.from(b).toString("latin1")),
    )
    .map((text) => parseAsServer({ kind: "raw text", contentType: "application/json", body: text }));
  const wholeWrong = wrongType.map((v) => json("wrong shape", v));
  const hugeBody = fc.constantFrom(65_000, 66_000, 200_000).map((n) => parseAsServer({ kind: `huge body ${n}`, contentType: "application/json", body: `{"title":"${"가".repeat(Math.floor(n / 3))}"}` }));
  const oddType = fc
    .tuple(valid, fc.constantFrom(undefined, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=latin1", "APPLICATION/JSON", "application/vnd.api+json", "application/json;;;", "*/*"))
    .map(([v, ct]) => parseAsServer({ kind: `content-type ${ct}`, contentType: ct, body: encodeJson(v) }));
  const none = fc.constant<Wire>({ kind: "no body", contentType: undefined, body: undefined });
  const noBodyRoute = !op.body;
  return fc.oneof(
    { weight: noBodyRoute ? 2 : 6, arbitrary: valid.map((v) => json("valid", v)) },
    { weight: noBodyRoute ? 1 : 10, arbitrary: mutated },
    { weight: 2, arbitrary: extraKeys },
    { weight: 1, arbitrary: protoRaw },
    { weight: 1, arbitrary: duplicate },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: rawBytes },
    { weight: 1, arbitrary: rawText },
    { weight: 2, arbitrary: wholeWrong },
    { weight: 1, arbitrary: hugeBody },
    { weight: 1, arbitrary: oddType },
    { weight: noBodyRoute ? 6 : 1, arbitrary: none },
  );
}

/** Multipart bodies for an upload route: a file of any bytes, odd fields, missing parts. */
function multipartArb(op: Operation): fc.Arbitrary<{ kind: string; form: FormData | string; contentType?: string }> {
  const csv = fc.oneof(
    fc.constant("제목,내용,분야\r\n종이 제안,종이로 낸 제안입니다,도시건설\r\n"),
    fc.tuple(oddText, oddText, oddText).map(([a, b, c]) => `제목,내용,분야\r\n${[a, b, c].map((x) => `"${String(x).replace(/"/g, '""')}"`).join(",")}\r\n`),
    fc.string({ unit: "binary", maxLength: 400 }),
    fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString("latin1")),
    fc.constantFrom("", "\ufeff", "PK\u0003\u0004garbage-not-a-zip", "제목\r\n" + "가,".repeat(500)),
  );
  const field = (s: JsonSchema | undefined) => fc.oneof(s ? valueOf(s).map(String) : fc.constant("x"), oddText.map(String));
  const props = op.body?.schema.properties ?? {};
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .record({ file: fc.option(csv, { nil: undefined, freq: 8 }), name: fc.constantFrom("paper.csv", "a.xlsx", "", "../../x.csv", "파일.csv", "a\u0000.csv"), dryRun: fc.option(field(props.dryRun), { nil: undefined, freq: 1 }), rows: fc.option(field(props.rows), { nil: undefined, freq: 3 }) })
        .map((r) => {
          const form = new FormData();
          if (r.file !== undefined) form.set("file", new Blob([Buffer.from(r.file, "utf8")], { type: "text/csv" }), r.name || "x.csv");
          // Mostly a dry run: a real import writes every row.
          form.set("dryRun", r.dryRun ?? "true");
          if (r.rows !== undefined) form.set("rows", r.rows);
          return { kind: "multipart", form };
        }),
    },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }).map((s) => ({ kind: "broken multipart", form: s, contentType: "multipart/form-data; boundary=----x" })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => ({ kind: "json to upload", form: JSON.stringify(v), contentType: "application/json" })) },
  );
}

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const latin1 = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 20 });
const headersArb = fc.record(
  {
    "idempotency-key": fc.oneof(fc.uuid(), printable, latin1, fc.constant(""), fc.constant("k".repeat(129)), fc.constant("x".repeat(8_000))),
    "accept-language": fc.oneof(fc.constantFrom("en", "ko", "en-US,en;q=0.9", "*", "zz", ""), printable),
    "x-csrf-token": printable,
    "x-forwarded-for": fc.oneof(fc.ipV4(), fc.ipV6(), printable),
    "user-agent": fc.oneof(printable, fc.constant("x".repeat(10_000))),
    "if-none-match": printable,
    "x-http-method-override": fc.constantFrom("GET", "DELETE", "PUT"),
    cookie: fc.oneof(fc.constant("gongnon_session=garbage"), fc.constant("gongnon_voter=garbage; gongnon_client=x"), printable.map((s) => `a=${s}`), fc.constant("gongnon_session=" + "x".repeat(5_000))),
  },
  { requiredKeys: [] },
);

/** encodeURIComponent, but a lone surrogate becomes the bytes of one (invalid UTF-8) instead of a throw. */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[\ud800-\udfff]/g, "").split("").map((c) => encodeURIComponent(c)).join("") + "%ED%A0%80";
  }
};

const evilSegment = fc.oneof(
  fc.constantFrom("", " ", ".", "..", "%2e%2e", "%2F", "%00", "%", "%zz", "%E0%A4%A", "%C0%AF", "a%2Fb", "null", "undefined", "0", "-1", "1e308", "NaN", "__proto__", "constructor", "toString", "x".repeat(65), "x".repeat(3_000)),
  oddText.map((s) => enc(String(s))),
  printable.map(enc),
);

const queryArb = (op: Operation) => {
  const declared = op.params.filter((p) => p.in === "query");
  const pair = fc.tuple(
    fc.oneof(fc.constantFrom(...(declared.length ? declared.map((p) => p.name) : ["q"])), fc.constantFrom("force", "dryRun", "limit", "__proto__", "constructor", "role", "a[b]", "a[]"), printable),
    fc.oneof(evilSegment, printable.map(enc), fc.constantFrom("true", "false", "1", "0", "", "%", "%%", "%C3%28")),
  );
  return fc.oneof({ weight: 3, arbitrary: fc.constant("") }, { weight: 2, arbitrary: fc.array(pair, { minLength: 1, maxLength: 4 }).map((ps) => "?" + ps.map(([k, v]) => `${enc(k)}=${v}`).join("&")) });
};

// ——— Valid values for this world ——————————————————————————————————————————————————————

let emailSeq = 0;
function hintsFor(w: World): Hints {
  const phone = fc.tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 9999 })).map(([a, b]) => `010-${a}-${String(b).padStart(4, "0")}`);
  const ballotIds = w.proposalIds.slice(0, 3);
  return (name, s) => {
    const arrayOfIds = (ids: string[], min = 1) => fc.uniqueArray(fc.constantFrom(...ids), { minLength: Math.min(min, ids.length), maxLength: Math.min(ids.length, s.maxItems ?? ids.length) });
    switch (name) {
      case "userId":
        return fc.constantFrom(w.accounts.spareFac.id, w.accounts.spareTf.id);
      case "sessionId":
        return fc.constantFrom(w.sessionId, w.sessionId, w.otherSessionId);
      case "forumId":
        return fc.constant(w.forumId);
      case "roundId":
        return fc.constant(w.roundId);
      case "bodyId":
        return fc.constant(w.bodyId);
      case "into":
        return fc.constantFrom(...w.proposalIds);
      case "choices":
        return arrayOfIds(ballotIds);
      case "proposalIds":
        return s.minItems && s.minItems >= 2 ? arrayOfIds(w.proposalIds, 2) : arrayOfIds(w.proposalIds);
      case "agendaIds":
        return arrayOfIds(w.proposalIds.slice(3));
      case "phone":
        return phone;
      case "birthDate":
        return dateArb;
      case "castAt":
        return dateTimeArb;
      case "email":
        return fc.constant(null).map(() => `fuzz-${process.pid}-${++emailSeq}-${randomBytes(3).toString("hex")}@test.gongnon.kr`);
      case "password":
        return fc.string({ unit: "grapheme-ascii", minLength: 10, maxLength: 40 });
      case "field":
        return fc.constantFrom("도시건설", "행정경제", "복지보건", "청년문화");
      case "code":
        return fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, "0"));
      default:
        return undefined;
    }
  };
}

// ——— The run ——————————————————————————————————————————————————————————————————————————

interface Outcome {
  req: { method: string; path: string; kind: string; headers: Record<string, string> };
  res: Answer;
}

/** What is wrong with an answer (empty when nothing is). */
export function judge(op: Operation, wire: { kind: string; parsed?: unknown; sentinel?: boolean; multipart?: boolean; contentType?: string }, res: Answer): string[] {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`answered ${res.status}`);
  if (res.status < 200 || (res.status >= 300 && res.status < 400)) problems.push(`answered ${res.status} (neither 2xx nor 4xx)`);
  if (res.status >= 400) {
    const e = res.json?.error;
    if (!e || typeof e.code !== "string" || !e.code || typeof e.message !== "string" || e.message.length < 3) problems.push(`a ${res.status} without a JSON {error: {code, message}}: ${res.text.slice(0, 200)}`);
  }
  if (res.status >= 200 && res.status < 300) {
    if (wire.sentinel && res.text.includes(SENTINEL)) problems.push(`a value sent under an undeclared key came back in the answer`);
    if (op.body?.type === "json") {
      // What the app validated: the JSON of a JSON body. A body of another media type is never read as JSON.
      const isJson = wire.contentType !== undefined && JSON_TYPE.test(wire.contentType);
      const seen = isJson ? wire.parsed : {};
      if (isJson && wire.parsed === undefined) problems.push(`accepted a body that is not JSON (${wire.kind})`);
      else {
        const errs = schemaErrors(seen, op.body.schema);
        if (errs.length) problems.push(`accepted a body its schema forbids (${wire.kind}): ${errs.slice(0, 3).join("; ")}`);
      }
    }
  }
  return problems;
}

export interface RouteFigures {
  key: string;
  requests: number;
  ms: number;
  statuses: Record<string, number>;
}

/** The write routes of the app's OpenAPI document, sorted, read at collection time (no table needed). */
export async function writeRoutes(): Promise<Operation[]> {
  const res = await createApi().request("/api/openapi.json");
  if (res.status !== 200) throw new Error(`openapi.json: ${res.status}`);
  return operationsOf(await res.json())
    .filter((o) => WRITE_METHODS.has(o.method))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Fuzzes the write routes whose index in the document's sorted write routes is ≡ shard mod
 * shards, in one world; a few files share the routes so that vitest's workers share the work.
 */
export async function fuzzShard(shard: number, shards: number) {
  const all = await writeRoutes();
  const mine = all.filter((_, i) => i % shards === shard);
  let w: World;
  let voter = "";
  const figures: RouteFigures[] = [];
  const started = performance.now();

  beforeAll(async () => {
    w = await makeWorld();
    voter = await voterCookie(w.app);
    console.log(`[fuzz] shard ${shard + 1}/${shards}: seed ${SEED} (replay: GONGNON_FUZZ_SEED=${SEED}), ${RUNS} requests per route, ${mine.length} of ${all.length} write routes`);
  });

  afterAll(() => {
    if (!figures.length) return;
    const total = figures.reduce((n, f) => n + f.requests, 0);
    const lines = figures.map((f) => `  ${f.key.padEnd(56)} ${String(f.requests).padStart(5)} req ${String(Math.round(f.ms)).padStart(6)} ms  ${Object.entries(f.statuses).sort().map(([s, n]) => `${s}×${n}`).join(" ")}`);
    console.log(`[fuzz] shard ${shard + 1}/${shards}, seed ${SEED}: ${figures.length} routes, ${total} requests, ${Math.round(performance.now() - started)} ms\n${lines.join("\n")}`);
  });

  it(`the document has write routes (at least ${MIN_WRITE_ROUTES}), and this shard has some`, () => {
    expect(all.length).toBeGreaterThanOrEqual(MIN_WRITE_ROUTES);
    expect(mine.length).toBeGreaterThan(0);
  });

  // Destructive routes last, so that the others meet the world as it was made.
  const last = (o: Operation) => (o.method === "DELETE" || /\/close$|\/logout$/.test(o.path) ? 1 : 0);
  for (const op of [...mine].sort((a, b) => last(a) - last(b))) {
    it(`${op.key} (${op.access ?? "no x-access"}): ${RUNS} generated requests, never a 5xx`, async () => {
      const fig = await fuzzRoute(w, op, voter);
      figures.push(fig);
      expect(fig.requests).toBeGreaterThanOrEqual(RUNS);
    }, 240_000);
  }
}

async function fuzzRoute(w: World, op: Operation, voter: string): Promise<RouteFigures> {
  const t0 = performance.now();
  const statuses: Record<string, number> = {};
  let requests = 0;
  const hints = hintsFor(w);
  const schema = op.body?.schema;
  const valid: fc.Arbitrary<unknown> = op.body?.type === "json" && schema ? valueOf(schema, hints) : fc.constant({});
  const pathNames = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const pathArb = fc.tuple(
    ...pathNames.map((name) => {
      const p = op.params.find((x) => x.in === "path" && x.name === name);
      return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...realIds(w, name, p?.schema)).map(enc) }, { weight: 2, arbitrary: evilSegment });
    }),
  );
  const isLogout = /\/auth\/logout$/.test(op.path);
  const wantsVoter = op.access === "voter-or-session-team";
  const payload = op.body?.type === "multipart" ? multipartArb(op).map((m) => ({ multipart: m })) : bodyArb(op, valid).map((wire) => ({ wire }));
  const arb = fc.record({
    segments: pathNames.length ? pathArb : fc.constant([] as string[]),
    query: queryArb(op),
    headers: headersArb,
    as: fc.constantFrom("admin", "admin", "admin", "admin", "staff", "staff", "staff", "staff", "none"),
    voter: fc.boolean(),
    payload,
  });

  // Sampled from the route's seed, then sent four at a time (scrypt and DynamoDB both have room
  // for more than one; concurrent writes to one entity must be 409s, never 500s, too).
  const samples = fc.sample(arb, { seed: routeSeed(op.key), numRuns: RUNS });
  const one = async (r: (typeof samples)[number]) => {
      let path = op.path;
      pathNames.forEach((name, i) => (path = path.replace(`{${name}}`, r.segments[i]!)));
      path += r.query;
      const headers: Record<string, string> = { ...r.headers };
      const token = r.as === "none" ? undefined : isLogout ? await mintToken(w.accounts[r.as].id) : w.tokens[r.as];
      if (token) headers.authorization = `Bearer ${token}`;
      if (wantsVoter && r.voter) headers.cookie = voter;
      let body: string | Uint8Array | FormData | undefined;
      let judged: Parameters<typeof judge>[1];
      if ("multipart" in r.payload) {
        const m = r.payload.multipart;
        body = m.form;
        if (m.contentType) headers["content-type"] = m.contentType;
        judged = { kind: m.kind, multipart: true };
      } else {
        const wire = r.payload.wire;
        body = wire.body;
        if (wire.contentType) headers["content-type"] = wire.contentType;
        judged = wire;
      }
      let res: Answer;
      try {
        requests++;
        res = await send(w.app, { method: op.method, path, headers, body }, REQUEST_TIMEOUT_MS);
      } catch (err) {
        if (err instanceof NoAnswer) throw new Error(`${op.key}: ${err.message} (${judged.kind})`);
        throw err;
      }
      const bucket = `${res.status}`;
      statuses[bucket] = (statuses[bucket] ?? 0) + 1;
      const problems = judge(op, judged, res);
      if (problems.length) {
        throw new Error(`${op.key} as ${r.as}: ${problems.join("; ")}\n  sent ${op.method} ${path.slice(0, 300)} [${judged.kind}] ${typeof body === "string" ? body.slice(0, 400) : ""}\n  got ${res.status} ${res.text.slice(0, 400)}`);
      }
  };
  let next = 0;
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < samples.length && failures.length === 0) {
        const i = next++;
        try {
          await one(samples[i]!);
        } catch (err) {
          failures.push(`request #${i} of route seed ${routeSeed(op.key)} (run seed ${SEED}): ${(err as Error).message}`);
        }
      }
    }),
  );
  if (failures.length) throw new Error(failures[0]);
  return { key: op.key, requests, ms: performance.now() - t0, statuses };
}
