// `z.fromJSONSchema`, which Gongnon never calls, in the Lambda bundles (~12 KB).
export function fromJSONSchema(): never {
  throw new Error("z.fromJSONSchema is not part of this bundle (functions/bundle/zod-trim.ts)");
}
