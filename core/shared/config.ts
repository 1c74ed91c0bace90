import { readFileSync } from "node:fs";

/**
 * Configuration is looked up when first used, never at module load, so the same core runs
 * under Lambda (SST bindings), the local server and the tests.
 */

/** The table name: SST binds it as SST_Table_tableName_Data; locally TABLE_NAME. */
export function tableName(): string {
  const name = process.env.SST_Table_tableName_Data ?? process.env.TABLE_NAME;
  if (!name) throw new Error("No table configured: set TABLE_NAME (local) or bind the Data table (SST).");
  return name;
}

/** DynamoDB Local's endpoint when running locally; undefined on AWS. */
export function dynamoEndpoint(): string | undefined {
  return process.env.DYNAMODB_ENDPOINT || undefined;
}

type KeyProvider = () => string | Buffer;
let keyProvider: KeyProvider | undefined;
let cachedKey: Buffer | undefined;

/** The Lambda entry point registers SST's secret here; locally the key comes from a file. */
export function setHmacKeyProvider(provider: KeyProvider) {
  keyProvider = provider;
  cachedKey = undefined;
}

/**
 * The HMAC key for pseudonymous identities. It never sits in the table: on AWS it is the
 * SST secret HmacKey, locally a file in the data folder (GONGNON_HMAC_KEY_FILE).
 */
export function hmacKey(): Buffer {
  if (cachedKey) return cachedKey;
  let raw: string | Buffer | undefined = keyProvider?.();
  if (raw === undefined && process.env.GONGNON_HMAC_KEY_FILE) {
    raw = readFileSync(process.env.GONGNON_HMAC_KEY_FILE, "utf8").trim();
  }
  if (raw === undefined && process.env.GONGNON_HMAC_KEY) raw = process.env.GONGNON_HMAC_KEY;
  if (raw === undefined || raw.length === 0) {
    throw new Error("No HMAC key configured: bind the HmacKey secret or set GONGNON_HMAC_KEY_FILE.");
  }
  const key = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw;
  if (key.length < 32) throw new Error("The HMAC key must be at least 32 bytes.");
  cachedKey = key;
  return key;
}
