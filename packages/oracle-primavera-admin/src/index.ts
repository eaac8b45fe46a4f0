export { createPrimaveraClient, PrimaveraApiError } from "./client.js";
export type { PrimaveraClient, PrimaveraClientOptions, PrimaveraErrorBody, UserDataStore, UserJobStatus, UserRO } from "./client.js";
export { jobStates, waitForJob } from "./waiter.js";
export type { components, operations, paths } from "./generated/openapi.js";
// The shared errors, waiter engine and types, so one import serves a provider user.
export * from "@opstatus/core";
