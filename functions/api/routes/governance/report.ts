import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { Report } from "../../../../core/governance/report.js";
import { DateOnly, kstToday } from "../../../../core/shared/time.js";
import { Access } from "../../access.js";
import type { Env } from "../../env.js";
import { Errors, IdParam } from "../../schemas.js";

/** The pledge progress report as XLSX (staff): served by the files Lambda, which carries the spreadsheet library. */

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const report = createRoute({
  method: "get",
  path: "/pledges/{pledgeId}/report",
  tags: ["governance"],
  summary: "The pledge progress report as XLSX in the shape of the district's tables (추진실적 총괄, 일정별 추진실적, 예산 집행액, 분기별 목표) (staff)",
  ...Access.staff,
  request: { params: IdParam("pledgeId"), query: z.object({ asOf: DateOnly.optional(), format: z.literal("xlsx").optional() }) },
  responses: { 200: { description: "The report", content: { [XLSX]: { schema: { type: "string" as const, format: "binary" } } } }, 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

export const reportRoutes = new OpenAPIHono<Env>().openapi(report, async (c) => {
  const asOf = c.req.valid("query").asOf ?? kstToday();
  const bytes = await Report.xlsx(c.req.valid("param").pledgeId, asOf);
  const name = `공약이행-추진실적-${asOf}.xlsx`;
  return c.body(bytes as unknown as ArrayBuffer, 200, {
    "Content-Type": XLSX,
    "Content-Disposition": `attachment; filename="pledge-report-${asOf}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
});
