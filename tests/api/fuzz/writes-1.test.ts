import { fuzzShard } from "./fuzz.js";

// A third of the write routes (see fuzz.ts); the three files run on vitest's two workers.
await fuzzShard(0, 3);
