// A consumer outside the workspace: installs the packed tarballs with npm, then uses every provider.
import { createCustomerConnectClient, waitForRequest, type RequestDetailsResponse } from "@opstatus/vmware-customer-connect";
import { createEnterpriseCloudClient, waitForOperation, type OperationList } from "@opstatus/ntt-enterprise-cloud";
import { createIdentityGovernanceClient, waitForRequest as waitForOigRequest } from "@opstatus/oracle-identity-governance";
import { createVsphereClient, waitForCustomization, VsphereApiError } from "opstatus/vmware-vsphere";
import { createPrimaveraClient, waitForJob, type UserDataStore } from "opstatus/oracle-primavera-admin";
import { OpstatusApiError } from "opstatus";

const baseUrl = process.env.OPSTATUS_TEST_URL!;
const fast = { minDelay: 1, maxDelay: 5, timeout: 5000 };

async function main(): Promise<void> {
  const cc = createCustomerConnectClient({ baseUrl, auth: { bearer: "jwt" } });
  const status: RequestDetailsResponse = await cc.getRequestStatus("r1");
  const ccWait = await waitForRequest(cc, "r1", fast);

  const ecl = createEnterpriseCloudClient({ baseUrl, auth: { apiKey: "token" } });
  const list: OperationList = await ecl.listOperations({ latest: true });
  const eclWait = await waitForOperation(ecl, { operationId: "op-1" }, fast);

  const oig = createIdentityGovernanceClient({ baseUrl, auth: { basic: { username: "u", password: "p" } } });
  const oigWait = await waitForOigRequest(oig, "2029", fast);

  const vsphere = createVsphereClient({ baseUrl, auth: { apiKey: "session" } });
  const customization = await waitForCustomization(vsphere, "vm-1", fast);
  let typedError = "";
  try {
    await vsphere.getCustomization("missing");
  } catch (error) {
    if (error instanceof VsphereApiError && error instanceof OpstatusApiError) typedError = `${error.name} ${error.status}`;
  }

  const primavera = createPrimaveraClient({ baseUrl, auth: { bearer: "t" } });
  const job = await waitForJob(primavera, "12345", fast);
  const result: UserDataStore = job.body;

  console.log(
    JSON.stringify({
      status: status.status,
      ccWait: ccWait.state,
      operations: list.operations?.length,
      eclWait: eclWait.vendorStatus,
      oigWait: oigWait.vendorStatus,
      customization: customization.vendorStatus,
      typedError,
      job: result.added?.[0]?.loginId,
    }),
  );
}

void main();
