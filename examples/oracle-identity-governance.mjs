// Try it: `pnpm mock oracle-identity-governance` in one terminal, then `node examples/oracle-identity-governance.mjs`.
import { scriptedServer } from "@opstatus/tools/test-kit/server";
import { createIdentityGovernanceClient, waitForRequest } from "@opstatus/oracle-identity-governance";
import { baseUrl, fast } from "./shared.mjs";

// Gets a JWT from the OIG token service (POST /iam/governance/token/api/v1/tokens) on the first call; OIG documents
// no log-out, so close() only ends the client.
const oig = createIdentityGovernanceClient({
  baseUrl,
  auth: {
    username: process.env.OPSTATUS_USERNAME ?? "xelsysadm",
    password: process.env.OPSTATUS_PASSWORD ?? "demo-password",
  },
});
const request = await oig.getRequest("2029", { fields: ["reqType", "reqStatus"] });
console.log(`GET request 2029 from ${baseUrl}: ${request.reqType}, ${request.reqStatus}`);
await oig.close();
console.log("closed (OIG documents no log-out)");

const status = (reqStatus) => ({ status: 200, body: { id: "2029", reqType: "Assign Roles", reqStatus } });
const operation = await scriptedServer([
  status("Request Awaiting Approval"),
  status("Request Approved Fulfillment Pending"),
  status("Request Completed"),
]);
console.log(`waitForRequest against a scripted request at ${operation.url}:`);
const done = await waitForRequest(
  createIdentityGovernanceClient({ baseUrl: operation.url, auth: { bearer: "demo-jwt" } }),
  "2029",
  fast,
);
console.log(`done: ${done.state} (${done.vendorStatus}) after ${done.attempts} polls`);
await operation.close();
