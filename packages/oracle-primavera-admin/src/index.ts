export { createPrimaveraClient, PrimaveraApiError } from "./client.js";
export type { PrimaveraClient, PrimaveraClientOptions, PrimaveraErrorBody, UserDataStore, UserJobStatus, UserRO } from "./client.js";
export { jobStates, waitForJob } from "./waiter.js";
export type { components, operations, paths } from "./generated/openapi.js";
export {
  OpstatusApiError,
  OpstatusError,
  OpstatusNetworkError,
  OpstatusOperationFailedError,
  OpstatusRequestError,
  OpstatusTimeoutError,
  OpstatusUnknownStatusError,
} from "@opstatus/core";
export type { CallOptions, CanonicalState, Credential, PollRecord, ProgressEvent, WaitOptions, WaitResult } from "@opstatus/core";
