// The vendor's own part: List Operation answers a list, and the status is that of the one operation looked for. The
// generated `waitForOperation` calls `waitForOperationDefinition` with the client: this module imports only the
// generated leaf modules (facts, status table, types), never the client's module.
import type { CallOptions } from "@opstatus/core";
import { defineWaiter, lookupState } from "@opstatus/core/internal";
import { provider } from "./generated/spec-facts.js";
import { operationStates } from "./generated/states.js";
import type { ListOperationsFilters, OperationList } from "./generated/types.js";

/** Shown while the operation is not (yet) in the list: the wait goes on until the deadline. */
export const NOT_LISTED = "(not listed)";

/** Wait for one operation by its id, or for the latest operation of a resource (a VNA) with `latest=true`. */
export type OperationTarget = { operationId: string } | { resourceId: string };

/** What the waiter polls with: a client's `listOperations` (an `EnterpriseCloudClient` has it). */
interface OperationLister {
  listOperations(query?: ListOperationsFilters, options?: CallOptions): Promise<OperationList>;
}

const byId = (target: OperationTarget): target is { operationId: string } => "operationId" in target;

/**
 * `waitForOperation`: polls List Operation until the operation is COMPLETE (resolves), ERROR or STUCK (rejects with
 * `OpstatusOperationFailedError`; its `result.reason` says which, with the vendor's error text).
 */
export const waitForOperationDefinition = /* @__PURE__ */ defineWaiter({
  provider,
  operation: "listOperations",
  key: (target: OperationTarget) => (byId(target) ? `id=${target.operationId}` : `resource_id=${target.resourceId}`),
  call: (client: OperationLister, target, options) =>
    client.listOperations(
      byId(target) ? { id: target.operationId } : { resource_id: target.resourceId, latest: true },
      options,
    ),
  read: (body: OperationList, _response, target) => {
    const found = (body.operations ?? []).find((op) =>
      byId(target) ? op.id === target.operationId : op.resource_id === target.resourceId,
    );
    if (!found) return { state: "pending", vendorStatus: NOT_LISTED };
    const vendorStatus = String(found.status ?? "");
    const state = lookupState(operationStates, vendorStatus, { ignoreCase: true });
    if (state !== "failed") return { state, vendorStatus };
    const what = vendorStatus.toUpperCase() === "STUCK" ? "is STUCK" : "ended in ERROR";
    return { state, vendorStatus, reason: `operation ${found.id} ${what}${found.error ? `: ${found.error}` : ""}` };
  },
});
