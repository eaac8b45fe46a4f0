// The vendor's own part: a user job's state is the HTTP status of its status call, 202 while it runs (with
// `Location`), 200 once it has finished, with the result as the body. The generated client calls `getJobStatus`, and
// the generated `waitForJob` calls `waitForJobDefinition` with the client: this module imports only the generated
// leaf modules (facts, status table, types), never the client's module.
import type { CallOptions } from "@opstatus/core";
import { defineWaiter, lookupState, requestAt, type ApiClient } from "@opstatus/core/internal";
import { provider, specFacts, type ClientOperations } from "./generated/spec-facts.js";
import { jobStates } from "./generated/states.js";
import type { UserDataStore } from "./generated/types.js";

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

/** Options of `getJobStatus`: the call's, and the `Location` of an earlier 202 to poll instead. */
export interface JobStatusOptions extends CallOptions {
  /**
   * The `Location` of the job's last 202: polled instead of the job's status path when it has the base URL's origin
   * (and, with a bearer token, when it is under the `/v3/` endpoints, which OAuth calls must use); ignored (nothing is
   * sent there, least of all the credentials) when it has not.
   */
  location?: string | null;
}

/** Where the version-three endpoints are (`/cloudapi/restapi/v3/`): the only ones a bearer token goes to. */
const V3 = /* @__PURE__ */ (() => {
  const { path } = specFacts.operations.getUserJobStatusV3!;
  return path.slice(0, path.indexOf("/v3/") + 4);
})();

/** GET /cloudapi/restapi/user/status/{jobId}: whether the user job has finished, and its result. */
export async function getJobStatus(
  client: ApiClient<ClientOperations>,
  jobId: string,
  options: JobStatusOptions = {},
): Promise<UserJobStatus> {
  // bearer calls go to the `/v3` form of the path (and a Location under it), as the vendor says OAuth calls must; Basic
  // calls to the classic one
  const v3 = client.scheme === "bearerAuth";
  const operation = v3 ? "getUserJobStatusV3" : "getUserJobStatus";
  const { location, ...callOptions } = options;
  const { data, response } = await ((location &&
    requestAt(client, specFacts, operation, location, callOptions, v3 ? V3 : "/")) ||
    client.request(operation, { path: { jobId } }, callOptions));
  return {
    httpStatus: response.status,
    done: response.status === 200,
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

/** What the waiter polls with: a client's `getJobStatus` (a `PrimaveraClient` has it). */
interface JobStatusReader {
  getJobStatus(jobId: string, options?: JobStatusOptions): Promise<UserJobStatus>;
}

/**
 * Where the next poll goes, kept in the wait's state: the path of a 202's `Location` when it has the origin of the
 * answer it came with (the client checks the origin again before it sends anything there). `url` is the answer's
 * URL; where a test's fetch gives none, only a path is taken.
 */
function nextLocation(location: string | null, url: string): { location: string } | undefined {
  // the ".invalid" name is reserved (RFC 2606): no answer comes from it, so only a path matches its origin
  const base = URL.canParse(url) ? url : "http://answer.invalid/";
  const at = location && URL.canParse(location, base) ? new URL(location, base) : undefined;
  return at?.origin === new URL(base).origin ? { location: at.pathname + at.search } : undefined;
}

/**
 * `waitForJob`: polls a user job until it finishes. Resolves with the job's `UserDataStore` (failed deletions, if any,
 * are in `result.reason` and `result.body.deleteFailed`); rejects with `OpstatusOperationFailedError` when the job
 * reports an exception (vendor status 200, the exception as the reason). Only 202 means running and 200 finished: any
 * other 2xx is an unknown status (the `unknownStatus` policy). `Retry-After` on a 202 sets the next poll's earliest
 * time; its `Location` is the next poll's address (kept in the wait's state) when it has the base URL's origin, and
 * is ignored (no credential leaves for another origin) when it has not.
 */
export const waitForJobDefinition = /* @__PURE__ */ defineWaiter<JobStatusReader, string, UserJobStatus, UserDataStore>(
  {
    provider,
    operation: "getUserJobStatus",
    call: (client, id, { vendor, ...callOptions }) =>
      client.getJobStatus(id, { ...callOptions, location: vendor?.location ?? null }),
    read: (job, response) => {
      const body = job.result ?? {};
      const vendorStatus = String(job.httpStatus);
      const state = lookupState(jobStates, vendorStatus);
      if (state === "succeeded" && body.exception)
        return { state: "failed", vendorStatus, body, reason: body.exception };
      return {
        state,
        vendorStatus,
        body,
        reason: state === "succeeded" ? failedDeletions(body) : undefined,
        vendor: job.httpStatus === 202 ? nextLocation(job.location, response.url) : undefined,
      };
    },
  },
);
