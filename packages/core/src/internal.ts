// @opstatus/core/internal: the building blocks provider packages (and their generated code) are made of.
// Not for applications: outside semver, it may change in any release.
export { extractVendorMessage, redact, redactDeep } from "./errors.js";
export { apiKeyScheme, assertHeaderValue, authHeader, basicScheme, bearerScheme } from "./auth.js";
export type { SchemeFacts, SchemeFormat, SecretSink } from "./auth.js";
export { checkedUrl, createApiClient, isAbortError, resolveBaseUrl, serverUrl } from "./client.js";
export type {
  ApiClient,
  ApiErrorClass,
  CallArgs,
  ErrorBody,
  OperationFacts,
  OperationId,
  OperationParams,
  Outcome,
  ServerFacts,
  SpecFacts,
  SuccessBody,
} from "./client.js";
export { openapiClient } from "./openapi-client.js";
export type { LoginCall, LoginFacts, LoginStep, Session, SessionHost } from "./session.js";
export { defineWaiter } from "./define-waiter.js";
export type { CustomWaiter, Reading, StatusFieldWaiter } from "./define-waiter.js";
export {
  MAX_TIMER_MS,
  backoffDelay,
  decodeWaitToken,
  encodeWaitToken,
  isRetryable,
  lookupState,
  parseRetryAfter,
  systemClock,
} from "./waiter.js";
export type { StatusTable, WaitToken } from "./waiter.js";
