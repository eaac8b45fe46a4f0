import { createApiClient, OpstatusApiError, type ApiClient, type CallOptions, type ClientOptions, type Credential } from "@opstatus/core";
import type { components, paths } from "./generated/openapi.js";
import { specFacts } from "./generated/spec-facts.js";

/** `RequestDetailsResponse`: the status and report of a Customer Connect request. */
export type RequestDetailsResponse = components["schemas"]["RequestDetailsResponse"];
/** `ErrorResponse`: Customer Connect's error body. */
export type CustomerConnectErrorBody = components["schemas"]["ErrorResponse"];

/** An error answer of the Customer Connect API, with the parsed `ErrorResponse` body. */
export class CustomerConnectApiError extends OpstatusApiError<CustomerConnectErrorBody> {
  override name = "CustomerConnectApiError";
}

export interface CustomerConnectClientOptions extends ClientOptions<{ bearer: Credential }> {
  /** `api_host`: the API gateway host (default apigw.vmware.com). */
  serverVariables?: { api_host?: string };
}

export interface CustomerConnectClient {
  /** The typed openapi-fetch client for the whole spec. */
  readonly api: ApiClient<paths>["api"];
  readonly baseUrl: string;
  /** GET /v1/m4/api/myvmware/external/requests/{requestId}/status: the request's status and report. */
  getRequestStatus(requestId: string, options?: CallOptions): Promise<RequestDetailsResponse>;
}

/**
 * A client for VMware Customer Connect's request status API. `auth.bearer` is the access token (a JWT) that the
 * Token Generation API gives for a Customer Connect API key; pass a function to refresh it.
 */
export function createCustomerConnectClient(options: CustomerConnectClientOptions): CustomerConnectClient {
  const client = createApiClient<paths>(specFacts, options, CustomerConnectApiError);
  return {
    api: client.api,
    baseUrl: client.baseUrl,
    getRequestStatus: (requestId, callOptions) => client.body("getRequestStatus", { path: { requestId } }, callOptions),
  };
}
