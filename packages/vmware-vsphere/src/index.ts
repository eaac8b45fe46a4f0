export { createVsphereClient, VsphereApiError } from "./client.js";
export type { VmGuestCustomizationInfo, VmGuestCustomizationStatus, VsphereClient, VsphereClientOptions, VsphereErrorBody } from "./client.js";
export { customizationStates, waitForCustomization } from "./waiter.js";
export type { components, operations, paths } from "./generated/openapi.js";
// The shared errors, waiter engine and types, so one import serves a provider user.
export * from "@opstatus/core";
