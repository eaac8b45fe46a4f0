// What several unit tests share: the wait they speak of, and how it ends when it succeeds.
import type { Outcome } from "../../src/output.js";

/** What is waited for. */
export const subject = { provider: "vmware-vsphere", target: "vm-42" };

/** The outcome of that wait when it succeeded at its third poll. */
export const succeededOutcome: Outcome = {
  exitCode: 0,
  outcome: "succeeded",
  ...subject,
  state: "succeeded",
  vendorStatus: "SUCCEEDED",
  httpStatus: 200,
  attempts: 3,
  elapsedMs: 4200,
  body: { status: "SUCCEEDED" },
};
