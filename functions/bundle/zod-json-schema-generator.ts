// zod's JSONSchemaGenerator, which Gongnon never uses in a Lambda (see zod-to-json-schema.ts).
export class JSONSchemaGenerator {
  constructor() {
    throw new Error("JSONSchemaGenerator is not part of this bundle (functions/bundle/zod-trim.ts)");
  }
}
