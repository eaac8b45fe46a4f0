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
export {
  OpstatusAbortError,
  OpstatusOperationFailedError,
  OpstatusTimeoutError,
  OpstatusUnknownStatusError,
} from "./wait-errors.js";
export type { AbortDetails, OperationFailedDetails, TimeoutDetails, UnknownStatusDetails } from "./wait-errors.js";
export { waitUntilDone } from "./waiter.js";
export type { Waiter } from "./define-waiter.js";
export type { Clock, DelayFunction, StepOptions, WaitOptions } from "./wait-options.js";
export type {
  CanonicalState,
  Observation,
  PollEvent,
  PollRecord,
  ProgressEvent,
  VendorState,
  WaitResult,
  WaitSpec,
  WaitState,
  WaitStep,
} from "./wait-types.js";
export type { CallOptions, ClientOptions } from "./options.js";
export type { AuthOptions, Credential } from "./auth.js";
