import { createApiClient, OpstatusApiError, type ApiClient, type CallOptions, type ClientOptions, type Credential } from "@opstatus/core";
import type { components, operations, paths } from "./generated/openapi.js";
import { specFacts } from "./generated/spec-facts.js";

/** The `{operations: [...]}` body of List Operation. */
export type OperationList = components["schemas"]["OperationList"];
/** One Virtual Network Appliance operation. */
export type Operation = components["schemas"]["Operation"];
/** PROCESSING, STUCK, COMPLETE or ERROR, in the vendor's upper case or the mixed case real servers send. */
export type OperationStatus = components["schemas"]["OperationStatus"];
/** The query filters of List Operation (`no_deleted` and `latest` are booleans, sent as `true`/`false`). */
export type ListOperationsFilters = NonNullable<operations["listOperations"]["parameters"]["query"]>;
/** The error bodies seen from the service and its gateways: `{cause}`, `{message}`, `{fault}`, `{errorMessage}`. */
export type EnterpriseCloudErrorBody = components["schemas"]["ErrorResponse"];

/** An error answer of the Enterprise Cloud VNA API, with the parsed error body. */
export class EnterpriseCloudApiError extends OpstatusApiError<EnterpriseCloudErrorBody> {
  override name = "EnterpriseCloudApiError";
}

export interface EnterpriseCloudClientOptions extends ClientOptions<{ apiKey: Credential }> {
  /** `api_endpoint` (a full host name) or `region` (jp1, jp2, us1, uk1, sg1, au1, hk1, de1). */
  serverVariables?: { api_endpoint?: string } | { region?: "jp1" | "jp2" | "us1" | "uk1" | "sg1" | "au1" | "hk1" | "de1" };
}

export interface EnterpriseCloudClient {
  /** The typed openapi-fetch client for the whole spec. */
  readonly api: ApiClient<paths>["api"];
  readonly baseUrl: string;
  /** GET /v1.0/operations: the visible operations, filtered. */
  listOperations(filters?: ListOperationsFilters, options?: CallOptions): Promise<OperationList>;
}

/**
 * A client for NTT Enterprise Cloud 2.0's Virtual Network Appliance operations. `auth.apiKey` is the Keystone token
 * (from `POST /v3/auth/tokens`, the `X-Subject-Token` answer header), sent as `X-Auth-Token`.
 */
export function createEnterpriseCloudClient(options: EnterpriseCloudClientOptions): EnterpriseCloudClient {
  const client = createApiClient<paths>(specFacts, options, EnterpriseCloudApiError);
  return {
    api: client.api,
    baseUrl: client.baseUrl,
    listOperations: (filters, callOptions) => client.body("listOperations", { query: filters ?? {} }, callOptions),
  };
}
