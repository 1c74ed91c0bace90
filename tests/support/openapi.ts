import fc from "fast-check";

/**
 * The API's own OpenAPI document, read from the app in-process, as a list of operations; plus two
 * tools over the JSON Schemas in it: values that fit a schema (fast-check arbitraries, with hints
 * per field name so that ids and dates are plausible) and a small checker that says how a value
 * breaks a schema. Tests that walk every route (the fuzz, the role matrix) stand on these, so a new
 * route is covered without anyone writing a test for it.
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  nullable?: boolean;
  $ref?: string;
  description?: string;
};

export interface Param {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** e.g. "POST /api/forums/{forumId}/sessions" */
  key: string;
  method: string;
  /** The OpenAPI path, with {param} placeholders. */
  path: string;
  access: string | undefined;
  params: Param[];
  /** The body's media type and schema, when the operation takes one. */
  body?: { type: "json" | "multipart"; schema: JsonSchema; required: boolean };
  raw: Record<string, unknown>;
}

export const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Every operation of the document, its $refs resolved. */
export function operationsOf(doc: any): Operation[] {
  const resolve = (s: any, seen = new Set<string>()): any => {
    if (!s || typeof s !== "object") return s;
    if (Array.isArray(s)) return s.map((x) => resolve(x, seen));
    if (typeof s.$ref === "string") {
      if (seen.has(s.$ref)) return {};
      const target = s.$ref.replace(/^#\//, "").split("/").reduce((o: any, k: string) => o?.[k], doc);
      return resolve(target, new Set([...seen, s.$ref]));
    }
    return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, resolve(v, seen)]));
  };
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const [m, op] of Object.entries<any>(item)) {
      if (!["get", "post", "put", "patch", "delete", "head", "options"].includes(m)) continue;
      const method = m.toUpperCase();
      const params: Param[] = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: any) => {
        const r = resolve(p);
        return { name: r.name, in: r.in, required: !!r.required, schema: r.schema ?? {} };
      });
      let body: Operation["body"];
      const content = op.requestBody ? resolve(op.requestBody).content ?? {} : {};
      const json = Object.keys(content).find((t) => /json/i.test(t));
      const multipart = Object.keys(content).find((t) => /multipart\/form-data/i.test(t));
      if (json) body = { type: "json", schema: content[json].schema ?? {}, required: !!op.requestBody.required };
      else if (multipart) body = { type: "multipart", schema: content[multipart].schema ?? {}, required: !!op.requestBody.required };
      ops.push({ key: `${method} ${path}`, method, path, access: op["x-access"], params, body, raw: op });
    }
  }
  return ops;
}

// ——— Values that fit a schema ————————————————————————————————————————————————————

/** A field-name hint: an arbitrary for this property, or undefined to use the schema's own. */
export type Hints = (name: string, schema: JsonSchema, path: string[]) => fc.Arbitrary<unknown> | undefined;

const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

const WORDS = ["골목", "쉼터", "조성", "공원", "버스", "정류장", "도서관", "청년", "주민", "안전", "ABC", "road", "의제", "제안", "회의"];
const word = fc.constantFrom(...WORDS);

/** Text of a length between min and max (UTF-16 units, as zod counts), mostly words. */
export function textOf(min = 0, max = 60): fc.Arbitrary<string> {
  const cap = Math.min(max, Math.max(min, 60));
  return fc
    .oneof(
      { weight: 6, arbitrary: fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(" ")) },
      { weight: 2, arbitrary: fc.string({ minLength: min, maxLength: cap }) },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 10 }) },
    )
    .map((s) => {
      let t = s;
      while (t.length < min) t += "가";
      return t.length > max ? t.slice(0, max) : t;
    });
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
export const dateArb = fc.record({ y: fc.integer({ min: 2019, max: 2027 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`);
export const dateTimeArb = fc
  .tuple(dateArb, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom("", ":00", "+09:00", "Z", ":00.000Z"))
  .map(([d, h, m, tail]) => `${d}T${pad(h)}:${pad(m)}${tail}`);

/** An arbitrary of values that the schema accepts (as far as its keywords say: cross-field rules aside). */
export function valueOf(schema: JsonSchema, hints: Hints = () => undefined, path: string[] = []): fc.Arbitrary<unknown> {
  const s = schema ?? {};
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.oneOf?.length) return fc.oneof(...s.oneOf.map((x) => valueOf(x, hints, path)));
  if (s.anyOf?.length) return fc.oneof(...s.anyOf.map((x) => valueOf(x, hints, path)));
  if (s.allOf?.length) return valueOf(Object.assign({}, ...s.allOf), hints, path);
  const types = typesOf(s);
  const type = types.find((t) => t !== "null") ?? (s.properties ? "object" : s.items ? "array" : undefined);
  const nullable = types.includes("null") || s.nullable;
  const base = ((): fc.Arbitrary<unknown> => {
    switch (type) {
      case "string": {
        if (s.format === "binary") return fc.string();
        if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
        if (s.format === "date") return dateArb;
        if (s.format === "date-time") return dateTimeArb;
        if (s.format === "email") return fc.emailAddress();
        return textOf(s.minLength ?? 0, s.maxLength ?? 200);
      }
      case "integer": {
        const lo = -(2 ** 31);
        const min = Math.max(s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000), lo);
        const max = Math.min(s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1000), 2 ** 31 - 1);
        return fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max: Math.min(max, min + 1000) }) }, fc.constant(min), fc.constant(max));
      }
      case "number": {
        const min = s.minimum ?? -1000;
        const max = s.maximum ?? 1000;
        return fc.oneof(fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)), fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, min + 1000)) }));
      }
      case "boolean":
        return fc.boolean();
      case "array": {
        const minLength = s.minItems ?? 0;
        const maxLength = Math.max(minLength, Math.min(s.maxItems ?? 4, minLength + 3));
        return fc.array(valueOf(s.items ?? {}, hints, [...path, "[]"]), { minLength, maxLength });
      }
      case "object": {
        const props = s.properties ?? {};
        const required = new Set(s.required ?? []);
        const entries = Object.entries(props).map(([k, v]) => {
          const arb = hints(k, v, [...path, k]) ?? valueOf(v, hints, [...path, k]);
          return [k, required.has(k) ? arb : fc.option(arb, { nil: undefined, freq: 2 })] as const;
        });
        let obj: fc.Arbitrary<Record<string, unknown>> = fc.record(Object.fromEntries(entries)).map((o) =>
          Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)),
        );
        if (s.additionalProperties && typeof s.additionalProperties === "object" && !s.properties) {
          const extra = s.additionalProperties;
          obj = fc.dictionary(fc.stringMatching(/^20[12]\d$/), valueOf(extra, hints, [...path, "*"]), { maxKeys: 3 });
        }
        return obj;
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  })();
  return nullable ? fc.oneof({ weight: 4, arbitrary: base }, fc.constant(null)) : base;
}

/** The smallest plausible value: required properties only, the first enum value, hints first. */
export function probeOf(schema: JsonSchema, hints: Hints = () => undefined, seed = 1): unknown {
  const s = schema ?? {};
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.oneOf?.length) return probeOf(s.oneOf[0]!, hints, seed);
  if (s.anyOf?.length) return probeOf(s.anyOf[0]!, hints, seed);
  const type = typesOf(s).find((t) => t !== "null") ?? (s.properties ? "object" : undefined);
  if (type === "object") {
    const out: Record<string, unknown> = {};
    for (const k of s.required ?? []) {
      const v = s.properties?.[k] ?? {};
      const hinted = hints(k, v, [k]);
      out[k] = hinted ? fc.sample(hinted, { seed, numRuns: 1 })[0] : probeOf(v, hints, seed);
    }
    return out;
  }
  if (type === "array") return Array.from({ length: s.minItems ?? 0 }, () => probeOf(s.items ?? {}, hints, seed));
  return fc.sample(valueOf(s, hints), { seed, numRuns: 1 })[0];
}

// ——— How a value breaks a schema ———————————————————————————————————————————————————

const typeOfValue = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "number" ? (Number.isInteger(v) ? "integer" : "number") : typeof v;

const fitsType = (v: unknown, t: string) => {
  const actual = typeOfValue(v);
  return actual === t || (t === "number" && actual === "integer");
};

/**
 * What in `value` the schema forbids: types, required properties, properties outside `properties`
 * where `additionalProperties: false`, enums, bounds, patterns, oneOf/anyOf. Lengths are in UTF-16
 * code points as JSON Schema and zod 4 count them, and a string is measured trimmed as well (zod
 * trims some fields before their checks), so the checker never calls a value bad that the server may rightly take.
 */
export function schemaErrors(value: unknown, schema: JsonSchema, at = "body"): string[] {
  const s = schema ?? {};
  const errs: string[] = [];
  if (s.oneOf?.length || s.anyOf?.length) {
    const alts = (s.oneOf ?? s.anyOf)!;
    const fits = alts.filter((a) => schemaErrors(value, a, at).length === 0).length;
    if (fits === 0) errs.push(`${at}: matches none of ${alts.length} alternatives`);
    return errs;
  }
  if (s.allOf) for (const a of s.allOf) errs.push(...schemaErrors(value, a, at));
  if (s.const !== undefined && value !== s.const) errs.push(`${at}: must be ${JSON.stringify(s.const)}`);
  if (s.enum && !s.enum.some((e) => e === value)) errs.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  const types = typesOf(s);
  if (s.nullable && value === null) return errs;
  if (types.length && !types.some((t) => fitsType(value, t))) {
    errs.push(`${at}: ${typeOfValue(value)} where ${types.join("|")} is required`);
    return errs;
  }
  if (typeof value === "string") {
    const trimmed = value.trim();
    // JSON Schema (and zod 4) count lengths in code points: "😀" is one character, not two units.
    const chars = (x: string) => [...x].length;
    if (s.minLength !== undefined && chars(value) < s.minLength) errs.push(`${at}: shorter than ${s.minLength}`);
    if (s.maxLength !== undefined && chars(trimmed) > s.maxLength) errs.push(`${at}: longer than ${s.maxLength}`);
    if (s.pattern) {
      const re = new RegExp(s.pattern, "u");
      if (!re.test(value) && !re.test(trimmed)) errs.push(`${at}: does not match ${s.pattern}`);
    }
  }
  if (typeof value === "number") {
    if (s.minimum !== undefined && value < s.minimum) errs.push(`${at}: ${value} < minimum ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) errs.push(`${at}: ${value} > maximum ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) errs.push(`${at}: ${value} <= ${s.exclusiveMinimum}`);
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) errs.push(`${at}: ${value} >= ${s.exclusiveMaximum}`);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) errs.push(`${at}: fewer than ${s.minItems} items`);
    if (s.maxItems !== undefined && value.length > s.maxItems) errs.push(`${at}: more than ${s.maxItems} items`);
    if (s.items) value.forEach((v, i) => errs.push(...schemaErrors(v, s.items!, `${at}.${i}`)));
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const k of s.required ?? []) if (!Object.prototype.hasOwnProperty.call(obj, k)) errs.push(`${at}.${k}: required but missing`);
    for (const k of Object.keys(obj)) {
      const prop = s.properties && Object.prototype.hasOwnProperty.call(s.properties, k) ? s.properties[k] : undefined;
      if (prop) errs.push(...schemaErrors(obj[k], prop, `${at}.${k}`));
      else if (s.additionalProperties === false) errs.push(`${at}.${k}: not allowed (additionalProperties: false)`);
      // A record (zod's z.record) drops a "__proto__" key rather than assigning it: never stored, never a prototype.
      else if (s.additionalProperties && typeof s.additionalProperties === "object" && k !== "__proto__") errs.push(...schemaErrors(obj[k], s.additionalProperties, `${at}.${k}`));
    }
  }
  return errs;
}
