export { createVsphereClient, VsphereApiError } from "./client.js";
export type { VmGuestCustomizationInfo, VmGuestCustomizationStatus, VsphereClient, VsphereClientOptions, VsphereErrorBody } from "./client.js";
export type { components, operations, paths } from "./generated/openapi.js";
export { OpstatusApiError, OpstatusError, OpstatusNetworkError, OpstatusRequestError } from "@opstatus/core";
export type { CallOptions, Credential } from "@opstatus/core";
export { customizationStates, waitForCustomization } from "./waiter.js";
export { OpstatusOperationFailedError, OpstatusTimeoutError, OpstatusUnknownStatusError } from "@opstatus/core";
export type { CanonicalState, PollRecord, ProgressEvent, WaitOptions, WaitResult } from "@opstatus/core";
