// @opstatus/core: what users touch. Building blocks for provider packages are on `@opstatus/core/internal`.
export {
  OpstatusApiError,
  OpstatusAuthError,
  OpstatusError,
  OpstatusNetworkError,
  OpstatusRequestError,
} from "./errors.js";
export type { ApiErrorDetails, ErrorDetails, ErrorScope, OpstatusErrorCode } from "./errors.js";
export { isOpstatusError } from "./guard.js";
export type { OpstatusErrorOfCode } from "./guard.js";
// the wait: its errors, options and types are public, every one of them
export * from "./wait-errors.js";
export { waitUntilDone } from "./waiter.js";
export type { Waiter } from "./define-waiter.js";
export type * from "./wait-options.js";
export type * from "./wait-types.js";
export type { CallOptions, ClientOptions } from "./options.js";
export type { AuthOptions, Credential } from "./auth.js";
