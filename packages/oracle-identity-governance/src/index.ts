export { createIdentityGovernanceClient, IdentityGovernanceApiError } from "./client.js";
export type { GetRequestQuery, IdentityGovernanceClient, IdentityGovernanceClientOptions, IdentityGovernanceErrorBody, UserRequest } from "./client.js";
export { requestStates, waitForRequest } from "./waiter.js";
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
