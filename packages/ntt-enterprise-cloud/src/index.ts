export { createEnterpriseCloudClient, EnterpriseCloudApiError } from "./client.js";
export type {
  EnterpriseCloudClient,
  EnterpriseCloudClientOptions,
  EnterpriseCloudErrorBody,
  ListOperationsFilters,
  Operation,
  OperationList,
  OperationStatus,
} from "./client.js";
export { NOT_LISTED, operationStates, waitForOperation } from "./waiter.js";
export type { OperationTarget } from "./waiter.js";
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
