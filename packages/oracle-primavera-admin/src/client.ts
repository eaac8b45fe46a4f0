import { createApiClient, OpstatusApiError, type ApiClient, type CallOptions, type ClientOptions, type Credential } from "@opstatus/core";
import type { components, paths } from "./generated/openapi.js";
import { specFacts } from "./generated/spec-facts.js";

/** `UserDataStore`: the users a job added, modified, deleted or failed to delete, and any exception. */
export type UserDataStore = components["schemas"]["UserDataStore"];
/** `UserRO`: one user record. */
export type UserRO = components["schemas"]["UserRO"];
/** Primavera documents no error body; whatever JSON the server sends. */
export type PrimaveraErrorBody = components["schemas"]["ErrorResponse"];

/** An error answer of the Primavera Administration user API. */
export class PrimaveraApiError extends OpstatusApiError<PrimaveraErrorBody> {
  override name = "PrimaveraApiError";
}

export interface PrimaveraClientOptions extends ClientOptions<{ basic: { username: string; password: string } } | { bearer: Credential }> {
  /** `host`: your Primavera Administration server host. */
  serverVariables?: { host?: string };
}

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

export interface PrimaveraClient {
  /** The typed openapi-fetch client for the whole spec. */
  readonly api: ApiClient<paths>["api"];
  readonly baseUrl: string;
  /** GET /cloudapi/restapi/user/status/{jobId}: whether the user job has finished, and its result. */
  getJobStatus(jobId: string, options?: CallOptions): Promise<UserJobStatus>;
}

/**
 * A client for the user job status of Oracle Primavera Administration. Auth is HTTP Basic, or a bearer token from
 * `GET /cloudapi/restapi/oauth2/token`; pass a function to refresh it.
 */
export function createPrimaveraClient(options: PrimaveraClientOptions): PrimaveraClient {
  const client = createApiClient<paths>(specFacts, options, PrimaveraApiError);
  return {
    api: client.api,
    baseUrl: client.baseUrl,
    async getJobStatus(jobId, callOptions) {
      const { data, response } = await client.request<UserDataStore>("getUserJobStatus", { path: { jobId } }, callOptions);
      return {
        httpStatus: response.status,
        done: response.status !== 202,
        result: data,
        location: response.headers.get("location"),
        retryAfter: response.headers.get("retry-after"),
      };
    },
  };
}
