import { lookupState, observeCall, waitUntilDone, type StatusTable, type WaitOptions, type WaitResult } from "@opstatus/core";
import type { EnterpriseCloudClient, OperationList } from "./client.js";

/** ECL operation status (any letter case) -> canonical state. STUCK ends the wait as failed, with its own reason. */
export const operationStates = {
  PROCESSING: "running",
  COMPLETE: "succeeded",
  ERROR: "failed",
  STUCK: "failed",
} as const satisfies StatusTable;

/** Shown while the operation is not (yet) in the list: the wait goes on until the deadline. */
export const NOT_LISTED = "(not listed)";

/** Wait for one operation by its id, or for the latest operation of a resource (a VNA) with `latest=true`. */
export type OperationTarget = { operationId: string } | { resourceId: string };

/**
 * Polls List Operation until the operation is COMPLETE (resolves), ERROR or STUCK (rejects with
 * `OpstatusOperationFailedError`; its `result.reason` says which, with the vendor's error text).
 */
export function waitForOperation(
  client: EnterpriseCloudClient,
  target: OperationTarget,
  options?: WaitOptions<OperationList>,
): Promise<WaitResult<OperationList>> {
  const byId = "operationId" in target;
  const filters = byId ? { id: target.operationId } : { resource_id: target.resourceId, latest: true };
  return waitUntilDone(
    {
      provider: "ntt-enterprise-cloud",
      operation: "listOperations",
      target: byId ? `id=${target.operationId}` : `resource_id=${target.resourceId}`,
      poll: (signal) =>
        observeCall((o) => client.listOperations(filters, o), signal, (body) => {
          const found = (body.operations ?? []).find((op) => (byId ? op.id === target.operationId : op.resource_id === target.resourceId));
          if (!found) return { state: "pending", vendorStatus: NOT_LISTED };
          const vendorStatus = String(found.status ?? "");
          const state = lookupState(operationStates, vendorStatus, { ignoreCase: true });
          if (state !== "failed") return { state, vendorStatus };
          const what = vendorStatus.toUpperCase() === "STUCK" ? "is STUCK" : "ended in ERROR";
          return { state, vendorStatus, reason: `operation ${found.id} ${what}${found.error ? `: ${found.error}` : ""}` };
        }),
    },
    options,
  );
}
