// @opstatus/core: what users touch. Building blocks for provider packages are on `@opstatus/core/internal`.
export {
  OpstatusApiError,
  OpstatusAuthError,
  OpstatusError,
  OpstatusNetworkError,
  OpstatusRequestError,
} from "./errors.js";
export type { ApiErrorDetails, ErrorScope } from "./errors.js";
export {
  OpstatusAbortError,
  OpstatusOperationFailedError,
  OpstatusTimeoutError,
  OpstatusUnknownStatusError,
  waitUntilDone,
} from "./waiter.js";
export type {
  CanonicalState,
  Clock,
  Observation,
  PollRecord,
  ProgressEvent,
  WaitOptions,
  WaitResult,
  WaitSpec,
} from "./waiter.js";
export type { CallOptions, ClientOptions } from "./client.js";
export type { AuthOptions, Credential } from "./auth.js";
