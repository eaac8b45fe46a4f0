import { lookupState, observeCall, waitUntilDone, type StatusTable, type WaitOptions, type WaitResult } from "@opstatus/core";
import type { CustomerConnectClient, RequestDetailsResponse } from "./client.js";

/**
 * Customer Connect request status -> canonical state. VMware documents only COMPLETED; the other entries are
 * assumed spellings (no published list exists), kept here so the default fail-fast policy does not stop on them.
 * Any other value is `unknown` and follows the `unknownStatus` policy.
 */
export const requestStates = {
  COMPLETED: "succeeded",
  SUBMITTED: "pending",
  PENDING: "pending",
  IN_PROGRESS: "running",
  PROCESSING: "running",
  FAILED: "failed",
  CANCELLED: "canceled",
  CANCELED: "canceled",
} as const satisfies StatusTable;

/** Polls a Customer Connect request until COMPLETED (resolves) or a failure (rejects). Status case is ignored. */
export function waitForRequest(
  client: CustomerConnectClient,
  requestId: string,
  options?: WaitOptions<RequestDetailsResponse>,
): Promise<WaitResult<RequestDetailsResponse>> {
  return waitUntilDone(
    {
      provider: "vmware-customer-connect",
      operation: "getRequestStatus",
      target: requestId,
      poll: (signal) =>
        observeCall((o) => client.getRequestStatus(requestId, o), signal, (body) => {
          const state = lookupState(requestStates, body.status, { ignoreCase: true });
          return { state, vendorStatus: body.status ?? "", reason: state === "failed" ? body.message : undefined };
        }),
    },
    options,
  );
}
