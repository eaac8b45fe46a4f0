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
// The shared errors, waiter engine and types, so one import serves a provider user.
export * from "@opstatus/core";
