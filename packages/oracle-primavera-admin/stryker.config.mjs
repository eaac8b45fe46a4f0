// @ts-check
// Mutation testing of Primavera's hand-written part: the job status (the HTTP status is the state) and its waiter.
import { strykerConfig } from "../../stryker.config.base.mjs";

export default strykerConfig(["src/job-status.ts"]);
