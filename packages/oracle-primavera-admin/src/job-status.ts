// The vendor's own part: a user job's state is the HTTP status of its status call, 202 while it runs (with
// `Location`), 200 once it has finished, with the result as the body.
import type { CallOptions, WaitOptions, WaitResult } from "@opstatus/core";
import { defineWaiter, type ApiClient } from "@opstatus/core/internal";
import type { paths } from "./generated/openapi.js";
import { jobStates, type PrimaveraClient, type UserDataStore } from "./generated/provider.js";
import { provider, type ClientOperations } from "./generated/spec-facts.js";

/** A job's state is the HTTP status: 202 while it runs (with `Location`), 200 once it has finished. */
export interface UserJobStatus {
  httpStatus: number;
  /** True on 200: `result` is the job's result. */
  done: boolean;
  /** The body: the job result on 200; on 202 whatever the server echoes (often nothing). */
  result: UserDataStore | undefined;
  /** `Location` of a 202: where to poll. */
  location: string | null;
  /** `Retry-After` of a 202, if the server sends one. */
  retryAfter: string | null;
}

/**
 * GET /cloudapi/restapi/user/status/{jobId}: whether the user job has finished, and its result. Bearer calls go to
 * the `/v3` form of the path, as the vendor says OAuth calls must; Basic calls to the classic one.
 */
export async function getJobStatus(client: ApiClient<paths, ClientOperations>, jobId: string, options?: CallOptions): Promise<UserJobStatus> {
  const operation = client.scheme === "bearerAuth" ? "getUserJobStatusV3" : "getUserJobStatus";
  const { data, response } = await client.request(operation, { path: { jobId } }, options);
  return {
    httpStatus: response.status,
    done: response.status !== 202,
    result: data,
    location: response.headers.get("location"),
    retryAfter: response.headers.get("retry-after"),
  };
}

/** What a finished job left undone: the users whose deletion failed. */
function failedDeletions(result: UserDataStore): string | undefined {
  const failed = result.deleteFailed ?? [];
  if (failed.length === 0) return undefined;
  const who = failed.map((user) => user.loginId ?? user.id ?? "?").join(", ");
  return `deletion failed for ${failed.length} user(s): ${who}`;
}

const definition = /* @__PURE__ */ defineWaiter({
  provider,
  operation: "getUserJobStatus",
  call: (client: PrimaveraClient, jobId: string, options) => client.getJobStatus(jobId, options),
  read: (job: UserJobStatus) => {
    const body = job.result ?? {};
    const key = !job.done ? "202" : body.exception ? "200 with exception" : "200";
    const reason = key === "200 with exception" ? body.exception : failedDeletions(body);
    return { state: jobStates[key], vendorStatus: String(job.httpStatus), body, ...(job.done && reason ? { reason } : {}) };
  },
});

/**
 * Polls a user job until it finishes. Resolves with the job's `UserDataStore` (failed deletions, if any, are in
 * `result.reason` and `result.body.deleteFailed`); rejects with `OpstatusOperationFailedError` when the job reports
 * an exception. `Retry-After` on a 202 sets the next poll's earliest time.
 */
export function waitForJob(client: PrimaveraClient, jobId: string, options?: WaitOptions<UserDataStore>): Promise<WaitResult<UserDataStore>> {
  return definition(client, jobId, options);
}
