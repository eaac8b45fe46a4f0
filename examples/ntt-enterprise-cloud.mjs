// Try it: `pnpm mock ntt-enterprise-cloud` in one terminal, then `node examples/ntt-enterprise-cloud.mjs`.
import { createEnterpriseCloudClient, waitForOperation } from "@opstatus/ntt-enterprise-cloud";
import { baseUrl, logProgress, startScriptedOperation } from "./scripted-operation.mjs";

const vna = "a80c1728-cc0c-11e6-8080-525400060300";
const ecl = createEnterpriseCloudClient({ baseUrl, auth: { token: process.env.ECL_TOKEN ?? "69105c889f824efdafb56af224208ad4" } });
const list = await ecl.listOperations({ resource_id: vna, latest: true });
console.log(`GET operations of VNA ${vna} from ${baseUrl}:`, list.operations?.map((op) => `${op.request_type} ${op.status}`));

const op = (status) => ({ body: { operations: [{ id: "75aab8db-8632-42b4-af2f-06b5820798ef", resource_id: vna, request_type: "Create", status }] } });
const operation = await startScriptedOperation([op("PROCESSING"), op("PROCESSING"), op("Complete")]);
console.log(`waitForOperation (latest operation of the VNA) against a scripted operation at ${operation.url}:`);
const done = await waitForOperation(createEnterpriseCloudClient({ baseUrl: operation.url, auth: { token: "demo" } }), { resourceId: vna }, {
  minDelay: 100,
  maxDelay: 500,
  timeout: 30_000,
  onProgress: logProgress,
});
console.log(`done: ${done.state} (${done.vendorStatus}) after ${done.attempts} polls`);
await operation.close();
