import { resolve, sep } from "node:path";
import type { FunctionProps } from "sst/constructs";

type EsbuildPlugin = NonNullable<NonNullable<NonNullable<FunctionProps["nodejs"]>["esbuild"]>["plugins"]>[number];

/**
 * The Lambda bundles take zod without what Gongnon never calls: its messages in ~40 languages
 * (English stays), its opt-in compiler, `z.fromJSONSchema` and its JSON Schema output (~300 KB of the ~440 KB zod adds
 * minified). Each is replaced by a module with the same exports (functions/bundle/zod-*.ts).
 * The infrastructure tests run the bundles, and the bundle budget test holds them to it.
 */
const STUBS: [RegExp, string][] = [
  [/^\.\.\/locales\/index\.js$/, "zod-locales.ts"],
  [/^\.\/compile\.js$/, "zod-compile.ts"],
  [/^\.\/from-json-schema\.js$/, "zod-from-json-schema.ts"],
  [/^(\.\.\/core|\.)\/to-json-schema\.js$/, "zod-to-json-schema.ts"],
  [/^\.\/json-schema-generator\.js$/, "zod-json-schema-generator.ts"],
];

export const zodTrim: EsbuildPlugin = {
  name: "zod-trim",
  setup(build) {
    for (const [filter, stub] of STUBS) {
      build.onResolve({ filter }, (args) =>
        args.importer.includes(`${sep}node_modules${sep}zod${sep}`) ? { path: resolve("functions/bundle", stub) } : undefined,
      );
    }
  },
};
