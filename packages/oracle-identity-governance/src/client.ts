import { createApiClient, OpstatusApiError, type ApiClient, type CallOptions, type ClientOptions, type Credential } from "@opstatus/core";
import type { components, paths } from "./generated/openapi.js";
import { specFacts } from "./generated/spec-facts.js";

/** `UserRequest`: an OIG self-service request with its status (`reqStatus`). */
export type UserRequest = components["schemas"]["UserRequest"];
/** OIG documents no error body; whatever JSON the server sends. */
export type IdentityGovernanceErrorBody = components["schemas"]["ErrorResponse"];

/** An error answer of the OIG Self Service REST API. */
export class IdentityGovernanceApiError extends OpstatusApiError<IdentityGovernanceErrorBody> {
  override name = "IdentityGovernanceApiError";
}

export interface IdentityGovernanceClientOptions
  extends ClientOptions<{ basic: { username: string; password: string } } | { bearer: Credential }> {
  /** `scheme` (http, https), `host` and `port` of the OIG server (defaults http, localhost, 14000). */
  serverVariables?: { scheme?: "http" | "https"; host?: string; port?: string };
}

export interface GetRequestQuery {
  /** Attributes to return (`reqType`, `reqStatus`, ...); the request id always comes back. */
  fields?: string | readonly string[];
}

export interface IdentityGovernanceClient {
  /** The typed openapi-fetch client for the whole spec. */
  readonly api: ApiClient<paths>["api"];
  readonly baseUrl: string;
  /** GET /iam/governance/selfservice/api/v1/requests/{reqid}: the request's details and status. */
  getRequest(reqId: string, query?: GetRequestQuery, options?: CallOptions): Promise<UserRequest>;
}

/**
 * A client for Oracle Identity Governance's self-service requests. Auth is HTTP Basic, or a bearer JWT from the OIG
 * token service (`POST /iam/governance/token/api/v1/tokens`); pass a function to refresh it.
 */
export function createIdentityGovernanceClient(options: IdentityGovernanceClientOptions): IdentityGovernanceClient {
  const client = createApiClient<paths>(specFacts, options, IdentityGovernanceApiError);
  return {
    api: client.api,
    baseUrl: client.baseUrl,
    getRequest(reqId, query, callOptions) {
      const fields = typeof query?.fields === "string" ? query.fields : query?.fields?.join(",");
      return client.body("getRequest", { path: { reqid: reqId }, query: fields ? { fields } : {} }, callOptions);
    },
  };
}
