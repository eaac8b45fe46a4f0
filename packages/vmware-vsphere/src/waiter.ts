import { lookupState, observeCall, waitUntilDone, type StatusTable, type WaitOptions, type WaitResult } from "@opstatus/core";
import type { VmGuestCustomizationInfo, VsphereClient } from "./client.js";

/**
 * vSphere customization status -> canonical state. IDLE ("no customization spec is applied") is `pending`: a spec
 * applied to a powered-off VM shows no progress until the guest boots, so IDLE is waited through until the deadline.
 */
export const customizationStates = {
  IDLE: "pending",
  PENDING: "pending",
  RUNNING: "running",
  SUCCEEDED: "succeeded",
  FAILED: "failed",
} as const satisfies StatusTable;

/**
 * Polls the guest customization status of `vm` until it SUCCEEDED (resolves) or FAILED (rejects with
 * `OpstatusOperationFailedError` whose `result.reason` is vSphere's error text).
 */
export function waitForCustomization(
  client: VsphereClient,
  vm: string,
  options?: WaitOptions<VmGuestCustomizationInfo>,
): Promise<WaitResult<VmGuestCustomizationInfo>> {
  return waitUntilDone(
    {
      provider: "vmware-vsphere",
      operation: "getVmGuestCustomization",
      target: vm,
      poll: (signal) =>
        observeCall((o) => client.getCustomization(vm, o), signal, (body) => ({
          state: lookupState(customizationStates, body.status),
          vendorStatus: body.status,
          reason: body.error,
        })),
    },
    options,
  );
}
