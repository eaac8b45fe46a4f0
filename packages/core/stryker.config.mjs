// @ts-check
// Mutation testing of core's hand-written logic: the wait engine, sessions, the client, URLs, redaction and errors.
import { strykerConfig } from "../../stryker.config.base.mjs";

export default strykerConfig(["src/**/*.ts", "!src/index.ts", "!src/internal.ts"]);
