export { OpstatusApiError, OpstatusError, OpstatusNetworkError, OpstatusRequestError, extractVendorMessage, redact } from "./errors.js";
export type { ApiErrorDetails, ErrorScope } from "./errors.js";
export { assertHeaderValue, authMiddleware, staticAuthHeader } from "./auth.js";
export type { AuthOptions, Credential, SecretSink } from "./auth.js";
export { createApiClient, isAbortError, resolveBaseUrl } from "./client.js";
export type { ApiClient, ApiErrorClass, CallOptions, ClientOptions, OperationParams, Outcome, SpecFacts } from "./client.js";
export {
  MAX_TIMER_MS,
  OpstatusAbortError,
  OpstatusOperationFailedError,
  OpstatusTimeoutError,
  OpstatusUnknownStatusError,
  backoffDelay,
  decodeWaitToken,
  encodeWaitToken,
  isRetryable,
  lookupState,
  observeCall,
  parseRetryAfter,
  systemClock,
  waitUntilDone,
} from "./waiter.js";
export type { CanonicalState, Classify, Clock, Observation, PollRecord, ProgressEvent, StatusTable, WaitOptions, WaitResult, WaitSpec, WaitToken } from "./waiter.js";
