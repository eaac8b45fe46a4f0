export { createIdentityGovernanceClient, IdentityGovernanceApiError } from "./client.js";
export type { GetRequestQuery, IdentityGovernanceClient, IdentityGovernanceClientOptions, IdentityGovernanceErrorBody, UserRequest } from "./client.js";
export { requestStates, waitForRequest } from "./waiter.js";
export type { components, operations, paths } from "./generated/openapi.js";
// The shared errors, waiter engine and types, so one import serves a provider user.
export * from "@opstatus/core";
