// @ts-check
// Mutation testing of NTT Enterprise Cloud's hand-written part: the waiter over List Operation.
import { strykerConfig } from "../../stryker.config.base.mjs";

export default strykerConfig(["src/waiter.ts"]);
