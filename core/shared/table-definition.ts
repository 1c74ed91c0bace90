/**
 * The table's description, in the shape SST's Table construct takes. sst.config.ts builds the
 * cloud table from it and core/shared/table.ts derives the DynamoDB Local table from it, so the two
 * cannot drift. No imports: the infrastructure loads it without the AWS SDK.
 */
export const TableDefinition = {
  fields: {
    PK: "string",
    SK: "string",
    GSI1PK: "string",
    GSI1SK: "string",
  },
  primaryIndex: { partitionKey: "PK", sortKey: "SK" },
  globalIndexes: {
    GSI1: { partitionKey: "GSI1PK", sortKey: "GSI1SK" },
  },
  timeToLiveAttribute: "expiresAt",
} as const;

