import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import { Export } from "../../../../core/projects/export.js";
import { Access } from "../../access.js";
import type { Env } from "../../env.js";
import { Errors, IdParam, json } from "../../schemas.js";

/** Exports (staff) and open data (public): served by the files Lambda, which carries the spreadsheet library. */

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const file = (description: string, types: string[]) => ({
  description,
  content: Object.fromEntries(types.map((t) => [t, { schema: { type: "string" as const, format: "binary" } }])),
});

const exports = createRoute({
  method: "get",
  path: "/forums/{forumId}/exports",
  tags: ["projects"],
  summary: "Export the forum's road from proposals to projects (staff): XLSX (a sheet per step and a summary) or CSV (one step, UTF-8 with BOM)",
  ...Access.staff,
  request: { params: IdParam("forumId"), query: Export.Query },
  responses: { 200: file("The file", [XLSX, "text/csv"]), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

const openData = createRoute({
  ...Access.public,
  method: "get",
  path: "/forums/{forumId}/open-data",
  tags: ["projects"],
  summary: "Open data of the funnel and its projects (public, anonymous): no personal data, no task-force names; JSON or CSV",
  request: { params: IdParam("forumId"), query: Export.OpenQuery },
  responses: { 200: { ...json(Export.OpenData, "The open data"), content: { ...json(Export.OpenData, "").content, "text/csv": { schema: { type: "string" as const } } } }, 400: Errors[400], 404: Errors[404] },
});

const download = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const exportRoutes = new OpenAPIHono<Env>()
  .openapi(exports, async (c) => {
    const { forumId } = c.req.valid("param");
    const q = c.req.valid("query");
    const filter = { stage: q.stage, field: q.field };
    const date = new Date().toISOString().slice(0, 10);
    if (q.format === "xlsx") {
      const bytes = await Export.xlsx(forumId, filter);
      return c.body(bytes as unknown as ArrayBuffer, 200, { "Content-Type": XLSX, "Content-Disposition": download(`공론-선정의제와사업-${date}.xlsx`) });
    }
    const sheet = q.sheet ?? "plans";
    return c.body((await Export.csv(forumId, sheet, filter)) as unknown as ArrayBuffer, 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": download(`공론-${sheet}-${date}.csv`) });
  })
  .openapi(openData, async (c) => {
    const data = await Export.openData(c.req.valid("param").forumId);
    c.header("Cache-Control", "public, max-age=60");
    if (c.req.valid("query").format === "json") return c.json(data, 200);
    return c.body(Export.openDataCsv(data) as unknown as ArrayBuffer, 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": download(`open-data-${data.forum.id}.csv`) });
  });
