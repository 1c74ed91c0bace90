import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../../../../core/shared/errors.js";
import { ProposalImport } from "../../../../core/proposals/import.js";
import { Access } from "../../access.js";
import type { Env } from "../../env.js";
import { Errors, IdParam, json } from "../../schemas.js";

const ImportForm = z.object({
  file: z
    .instanceof(File, { error: "CSV 또는 XLSX 파일을 올려 주세요 / upload a CSV or XLSX file" })
    .openapi({ type: "string", format: "binary", description: "CSV (UTF-8 or CP949) or XLSX; header row: 제목, 분야 (required), 내용, 동, 회차, 탁자" }),
  dryRun: z.enum(["true", "false"]).optional().openapi({ description: "true: check every row and report, write nothing" }),
  rows: z
    .string()
    .regex(/^\d+(,\d+)*$/, { error: "줄 번호를 쉼표로 구분해 적으세요 (예: 2,3,5) / comma-separated row numbers, e.g. 2,3,5" })
    .optional()
    .openapi({ description: "Only these spreadsheet rows (the header is row 1), confirmed by staff" }),
});

const start = createRoute({
  method: "post",
  path: "/forums/{forumId}/proposals/import",
  tags: ["proposals"],
  summary: "Import paper proposals from CSV or XLSX (staff): a dry run reports every row; a file with errors imports nothing unless rows are confirmed",
  description:
    "With dryRun=true: 200 and the per-row report. Otherwise 202 and an import job that has written its first rows; " +
    "call POST /imports/{importId}/continue until its status is done (progress: done / total).",
  ...Access.staff,
  middleware: [
    // Before the body is read: only staff may upload.
    Access.staff.middleware,
    bodyLimit({
      maxSize: ProposalImport.MAX_BYTES + 64 * 1024,
      onError: () => {
        throw new AppError("validation", "file_too_large", { ko: "파일이 너무 큽니다 (5MB까지). 나누어 올려 주세요.", en: "The file is too large (5 MB at most); split it." });
      },
    }),
  ] as const,
  request: { params: IdParam("forumId"), body: { content: { "multipart/form-data": { schema: ImportForm } }, required: true } },
  responses: {
    200: json(ProposalImport.Preview, "Dry run: every row with its errors; nothing written"),
    202: json(ProposalImport.Job, "Import started"),
    400: Errors[400],
    401: Errors[401],
    403: Errors[403],
    404: Errors[404],
    409: Errors[409],
    422: Errors[422],
  },
});

const get = createRoute({
  method: "get",
  path: "/imports/{importId}",
  tags: ["proposals"],
  summary: "An import's progress (staff)",
  ...Access.staff,
  request: { params: IdParam("importId") },
  responses: { 200: json(ProposalImport.Job, "Progress"), 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

const proceed = createRoute({
  method: "post",
  path: "/imports/{importId}/continue",
  tags: ["proposals"],
  summary: "Import the next rows (staff); safe to repeat",
  ...Access.staff,
  request: { params: IdParam("importId") },
  responses: { 200: json(ProposalImport.Job, "Progress"), 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

export const importRoutes = new OpenAPIHono<Env>()
  .openapi(start, async (c) => {
    const { forumId } = c.req.valid("param");
    const form = c.req.valid("form");
    const bytes = new Uint8Array(await form.file.arrayBuffer());
    const name = form.file.name || "upload";
    if (form.dryRun === "true") return c.json(await ProposalImport.preview(forumId, name, bytes, c.get("lang")), 200);
    const confirmRows = form.rows ? form.rows.split(",").map(Number) : undefined;
    return c.json(await ProposalImport.start(forumId, name, bytes, { confirmRows, lang: c.get("lang") }), 202);
  })
  .openapi(get, async (c) => c.json(await ProposalImport.get(c.req.valid("param").importId), 200))
  .openapi(proceed, async (c) => c.json(await ProposalImport.run(c.req.valid("param").importId), 200));
