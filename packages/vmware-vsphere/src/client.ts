import { createApiClient, OpstatusApiError, type ApiClient, type CallOptions, type ClientOptions, type Credential } from "@opstatus/core";
import type { components, paths } from "./generated/openapi.js";
import { specFacts } from "./generated/spec-facts.js";

/** `Vm_Guest_Customization_Info`: the status of the guest customization applied to a VM. */
export type VmGuestCustomizationInfo = components["schemas"]["VmGuestCustomizationInfo"];
/** `Vm_Guest_Customization_Info_Status`: IDLE, PENDING, RUNNING, SUCCEEDED or FAILED. */
export type VmGuestCustomizationStatus = components["schemas"]["VmGuestCustomizationInfoStatus"];
/** `Std_Errors_Error`: the vAPI standard error body. */
export type VsphereErrorBody = components["schemas"]["StdErrorsError"];

/** An error answer of the vSphere Automation API, with the parsed `Std_Errors_Error` body. */
export class VsphereApiError extends OpstatusApiError<VsphereErrorBody> {
  override name = "VsphereApiError";
}

export interface VsphereClientOptions extends ClientOptions<{ apiKey: Credential }> {
  /** `api_host`: the vCenter Server host name or address. */
  serverVariables?: { api_host?: string };
}

export interface VsphereClient {
  /** The typed openapi-fetch client for the whole spec. */
  readonly api: ApiClient<paths>["api"];
  readonly baseUrl: string;
  /** GET /api/vcenter/vm/{vm}/guest/customization: the status of the customization applied to `vm`. */
  getCustomization(vm: string, options?: CallOptions): Promise<VmGuestCustomizationInfo>;
}

/**
 * A client for the vSphere Automation API's guest customization status. `auth.apiKey` is the session id from
 * `POST /api/session` (sent as `vmware-api-session-id`); pass `fetch` to trust vCenter's self-signed certificate.
 */
export function createVsphereClient(options: VsphereClientOptions): VsphereClient {
  const client = createApiClient<paths>(specFacts, options, VsphereApiError);
  return {
    api: client.api,
    baseUrl: client.baseUrl,
    getCustomization: (vm, callOptions) => client.body("getVmGuestCustomization", { path: { vm } }, callOptions),
  };
}
