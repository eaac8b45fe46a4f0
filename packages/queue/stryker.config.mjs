// @ts-check
// Mutation testing of the queue's modules that hold its logic without Redis: a wait's job (ids, canonical targets,
// options, saved state, keys), the provider map and its checks, and the per-origin pacing (its Redis script call is
// tested with a fake client), against the unit tests (test/unit/). queue.ts and worker.ts need a real Redis (BullMQ),
// tested by the redis-server tests (test/*.test.ts), too slow to run once per mutant: not mutated here.
import { strykerConfig } from "../../stryker.config.base.mjs";

export default strykerConfig(["src/wait-job.ts", "src/providers.ts", "src/pacing.ts"], {
  configFile: "vitest.unit.config.ts",
});
