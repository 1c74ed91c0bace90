// zod's `locales` index, in the Lambda bundles: English only (zod's default; Gongnon writes its
// own Korean and English messages). The full index is ~250 KB minified.
export { default as en } from "zod/v4/locales/en.js";
