// zod's JSON Schema output (`z.toJSONSchema`, `schema.toJSONSchema()`), which Gongnon never calls
// in a Lambda: the OpenAPI document is drawn by zod-to-openapi, which reads schemas itself. Its
// exports, so that zod still links, without its ~10 KB; calling one says where it went.
const absent = (what: string) => (): never => {
  throw new Error(`${what} is not part of this bundle (functions/bundle/zod-trim.ts)`);
};
export const initializeContext = absent("zod's JSON Schema output");
export const handleUnrepresentable = absent("zod's JSON Schema output");
export const processSchema = absent("zod's JSON Schema output");
export { processSchema as process };
export const extractDefs = absent("zod's JSON Schema output");
export const finalize = absent("zod's JSON Schema output");
// Called when a schema is built (its `~standard` JSON Schema methods): each answers a method that throws.
export const createToJSONSchemaMethod = () => absent("schema.toJSONSchema");
export const createStandardJSONSchemaMethod = () => absent("the Standard JSON Schema of a schema");
