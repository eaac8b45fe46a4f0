export { createVsphereClient, VsphereApiError } from "./client.js";
export type { VmGuestCustomizationInfo, VmGuestCustomizationStatus, VsphereClient, VsphereClientOptions, VsphereErrorBody } from "./client.js";
export { customizationStates, waitForCustomization } from "./waiter.js";
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
