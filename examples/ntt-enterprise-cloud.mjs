// Try it: `pnpm mock ntt-enterprise-cloud` in one terminal, then `node examples/ntt-enterprise-cloud.mjs`.
import { scriptedServer } from "@opstatus/tools/test-kit/server";
import { createEnterpriseCloudClient, waitForOperation } from "@opstatus/ntt-enterprise-cloud";
import { baseUrl, fast } from "./shared.mjs";

// Gets a Keystone token (POST /v3/auth/tokens, here on the mock: keystoneUrl) on the first call; close() revokes it.
const ecl = createEnterpriseCloudClient({
  baseUrl,
  keystoneUrl: baseUrl,
  auth: {
    apiKey: process.env.OPSTATUS_API_KEY ?? "demo-api-key",
    apiSecret: process.env.OPSTATUS_API_SECRET ?? "demo-api-secret",
    tenantId: process.env.OPSTATUS_TENANT_ID ?? "13572f6f42a74d2b82f7099f78d0393a",
  },
});
const vna = "a80c1728-cc0c-11e6-8080-525400060300";
const list = await ecl.listOperations({ resource_id: vna, latest: true });
console.log(
  `GET operations of VNA ${vna} from ${baseUrl}:`,
  list.operations?.map((op) => `${op.request_type} ${op.status}`),
);
await ecl.close();
console.log("logged out (DELETE /v3/auth/tokens)");

const op = (status) => ({
  status: 200,
  body: {
    operations: [{ id: "75aab8db-8632-42b4-af2f-06b5820798ef", resource_id: vna, request_type: "Create", status }],
  },
});
const operation = await scriptedServer([op("PROCESSING"), op("PROCESSING"), op("Complete")]);
console.log(`waitForOperation (latest operation of the VNA) against a scripted operation at ${operation.url}:`);
const done = await waitForOperation(
  createEnterpriseCloudClient({ baseUrl: operation.url, auth: { token: "demo-token" } }),
  { resourceId: vna },
  fast,
);
console.log(`done: ${done.state} (${done.vendorStatus}) after ${done.attempts} polls`);
await operation.close();
