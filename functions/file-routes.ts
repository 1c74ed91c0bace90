/**
 * The routes API Gateway sends to the files Lambda (functions/files-lambda.ts) instead of the hot
 * one: spreadsheet imports and exports, and the OpenAPI document with its reference page.
 */
export const FILE_ROUTES = [
  "POST /api/forums/{forumId}/proposals/import",
  "ANY /api/imports/{proxy+}",
  "GET /api/forums/{forumId}/exports",
  "GET /api/forums/{forumId}/open-data",
  "GET /api/openapi.json",
  "GET /api/docs",
] as const;
