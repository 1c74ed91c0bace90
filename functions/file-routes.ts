/**
 * Which Lambda answers which route (API Gateway's route keys): the hot Lambda takes every route
 * not listed here (`ANY /api/{proxy+}`).
 *
 * The files Lambda (functions/files-lambda.ts): spreadsheet imports and exports, the OpenAPI
 * document and its reference page.
 */
export const FILE_ROUTES = [
  "POST /api/forums/{forumId}/proposals/import",
  "ANY /api/imports/{proxy+}",
  "GET /api/forums/{forumId}/exports",
  "GET /api/forums/{forumId}/open-data",
  "GET /api/pledges/{pledgeId}/report",
  "GET /api/openapi.json",
  "GET /api/docs",
] as const;

/**
 * The records Lambda (functions/records-lambda.ts): a receipt's journey, projects, cards, the
 * funnel.
 */
export const RECORD_ROUTES = [
  "GET /api/proposals/{receipt}",
  "ANY /api/forums/{forumId}/projects",
  "ANY /api/forums/{forumId}/funnel",
  "ANY /api/forums/{forumId}/funnel/{proxy+}",
  "ANY /api/projects/{proxy+}",
  "GET /api/me/projects",
] as const;

/**
 * The governance Lambda (functions/governance-lambda.ts): bodies, members, meetings, designated
 * tasks, the pledge and its dashboard, the history series.
 */
export const GOVERNANCE_ROUTES = ["ANY /api/bodies", "ANY /api/bodies/{proxy+}", "ANY /api/meetings/{proxy+}", "ANY /api/pledges", "ANY /api/pledges/{proxy+}", "ANY /api/history", "ANY /api/history/{proxy+}"] as const;
