// @ts-check
// Mutation testing of the CLI's modules that hold its logic (the command line, credentials, outcomes and exit codes,
// the output, checkpoints, help, the worker's profiles and the queue commands' options), against the unit tests of
// the source (test/unit/). The commands' wiring (run.ts's runCommand, the worker, the queue commands, the dashboard,
// the metrics) runs as subprocesses in the end-to-end tests, which mutants never reach: not mutated here.
import { strykerConfig } from "../../stryker.config.base.mjs";

export default strykerConfig(
  [
    "src/args.ts",
    "src/credentials.ts",
    "src/outcome.ts",
    "src/output.ts",
    "src/checkpoint.ts",
    "src/help.ts",
    "src/queue/profiles.ts",
    "src/queue/shared.ts",
  ],
  { configFile: "vitest.unit.config.ts" },
);
