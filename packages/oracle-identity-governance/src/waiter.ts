import { lookupState, observeCall, waitUntilDone, type StatusTable, type WaitOptions, type WaitResult } from "@opstatus/core";
import type { IdentityGovernanceClient, UserRequest } from "./client.js";

/**
 * OIG `reqStatus` phrase -> canonical state. Oracle publishes no closed list: the phrases come from Oracle's pages
 * and from client code written against OIG; Withdrawn, Closed and Failed come from OIG's request life cycle.
 * Any other phrase is `unknown` and follows the `unknownStatus` policy.
 */
export const requestStates = {
  "Request Created": "pending",
  "Request Initialized": "pending",
  "Obtaining Request Approval": "running",
  "Obtaining Operation Approval": "running",
  "Request Awaiting Approval": "running",
  "Request Approved": "running",
  "Request Auto Approved": "running",
  "Request Approved Fulfillment Pending": "running",
  "Request Awaiting Child Requests Completion": "running",
  "Request Awaiting Dependent Request Completion": "running",
  "Request Awaiting Completion": "running",
  "Request Completed": "succeeded",
  "Request Rejected": "failed",
  "Request Failed": "failed",
  "Request Withdrawn": "canceled",
  "Request Closed": "canceled",
} as const satisfies StatusTable;

/** Polls an OIG request until "Request Completed" (resolves), or a rejected, failed or withdrawn end (rejects). */
export function waitForRequest(
  client: IdentityGovernanceClient,
  reqId: string,
  options?: WaitOptions<UserRequest>,
): Promise<WaitResult<UserRequest>> {
  return waitUntilDone(
    {
      provider: "oracle-identity-governance",
      operation: "getRequest",
      target: reqId,
      poll: (signal) =>
        observeCall((o) => client.getRequest(reqId, undefined, o), signal, (body) => ({
          state: lookupState(requestStates, body.reqStatus),
          vendorStatus: body.reqStatus ?? "",
        })),
    },
    options,
  );
}
