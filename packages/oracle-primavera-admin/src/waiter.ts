import { waitUntilDone, type CanonicalState, type WaitOptions, type WaitResult } from "@opstatus/core";
import type { PrimaveraClient, UserDataStore } from "./client.js";

/**
 * Primavera user job -> canonical state. The HTTP status is the job's state: 202 is running, 200 is finished;
 * a finished job whose body reports an `exception` has failed.
 */
export const jobStates = {
  "202": "running",
  "200": "succeeded",
  "200 with exception": "failed",
} as const satisfies Record<string, CanonicalState>;

/** What a finished job left undone: the users whose deletion failed. */
function failedDeletions(result: UserDataStore): string | undefined {
  const failed = result.deleteFailed ?? [];
  if (failed.length === 0) return undefined;
  const who = failed.map((user) => user.loginId ?? user.id ?? "?").join(", ");
  return `deletion failed for ${failed.length} user(s): ${who}`;
}

/**
 * Polls a user job until it finishes. Resolves with the job's `UserDataStore` (failed deletions, if any, are in
 * `result.reason` and `result.body.deleteFailed`); rejects with `OpstatusOperationFailedError` when the job reports
 * an exception. `Retry-After` on a 202 sets the next poll's earliest time.
 */
export function waitForJob(client: PrimaveraClient, jobId: string, options?: WaitOptions<UserDataStore>): Promise<WaitResult<UserDataStore>> {
  return waitUntilDone(
    {
      provider: "oracle-primavera-admin",
      operation: "getUserJobStatus",
      target: jobId,
      async poll(signal) {
        const job = await client.getJobStatus(jobId, { signal });
        const body = job.result ?? {};
        const key = !job.done ? "202" : body.exception ? "200 with exception" : "200";
        const reason = key === "200 with exception" ? body.exception : failedDeletions(body);
        return {
          state: jobStates[key],
          vendorStatus: String(job.httpStatus),
          body,
          httpStatus: job.httpStatus,
          retryAfter: job.retryAfter,
          ...(job.done && reason ? { reason } : {}),
        };
      },
    },
    options,
  );
}
