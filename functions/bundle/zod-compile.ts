// zod's opt-in compiler (`z.compile`), which Gongnon never calls, in the Lambda bundles: its
// exports, so that zod's index still links, without its ~29 KB.
const absent = (what: string) => () => {
  throw new Error(`${what} is not part of this bundle (functions/bundle/zod-trim.ts)`);
};
export const INVALID = Symbol.for("zod.compile.invalid");
export class ZodCompileAsyncError extends Error {}
export class ZodCompileUnsupportedError extends Error {}
export const compile = absent("z.compile");
export const withParser = absent("z.withParser");
export const compileFn = absent("z.compile");
