import { z } from "@hono/zod-openapi";

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi("Error");

const err = (description: string) => ({ content: { "application/json": { schema: ErrorBody } }, description });

export const Errors = {
  400: err("Bad input: the field and the reason"),
  401: err("Not signed in"),
  403: err("Signed in, but not allowed"),
  404: err("Not found"),
  409: err("Conflict"),
  422: err("Unprocessable"),
  413: err("The request body is too large"),
  429: err("Too many requests; see Retry-After"),
};

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

/** An answer that may be the replay of an earlier request with the same Idempotency-Key, and says so. */
export const replayable = <T extends z.ZodType>(schema: T, description: string) => ({
  ...json(schema, description),
  headers: z.object({
    "Idempotent-Replayed": z
      .literal("true")
      .optional()
      .openapi({ description: "Present on the replay of an earlier request with the same Idempotency-Key: this is that request's first answer." }),
  }),
});

export const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

/** A path parameter that is an id, typed by its name (so a misspelt name fails to type-check). */
export const IdParam = <N extends string>(name: N) =>
  z.object({ [name]: z.string().min(1).max(64).openapi({ param: { name, in: "path" } }) } as { [K in N]: z.ZodString });

export const secured: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];

/** The optional Idempotency-Key header (validated by idempotencyKeyOf). */
export const idempotencyHeader = z.object({
  "idempotency-key": z.string().optional().openapi({ param: { name: "idempotency-key", in: "header" } }),
});
