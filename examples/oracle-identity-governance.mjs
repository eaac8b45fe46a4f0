// Try it: `pnpm mock oracle-identity-governance` in one terminal, then `node examples/oracle-identity-governance.mjs`.
import { createIdentityGovernanceClient, waitForRequest } from "@opstatus/oracle-identity-governance";
import { baseUrl, logProgress, startScriptedOperation } from "./scripted-operation.mjs";

const auth = { basic: { username: process.env.OIG_USER ?? "xelsysadm", password: process.env.OIG_PASSWORD ?? "demo-password" } };
const oig = createIdentityGovernanceClient({ baseUrl, auth });
const request = await oig.getRequest("2029", { fields: ["reqType", "reqStatus"] });
console.log(`GET request 2029 from ${baseUrl}: ${request.reqType}, ${request.reqStatus}`);

const status = (reqStatus) => ({ body: { id: "2029", reqType: "Assign Roles", reqStatus } });
const operation = await startScriptedOperation([status("Request Awaiting Approval"), status("Request Approved Fulfillment Pending"), status("Request Completed")]);
console.log(`waitForRequest against a scripted request at ${operation.url}:`);
const done = await waitForRequest(createIdentityGovernanceClient({ baseUrl: operation.url, auth }), "2029", {
  minDelay: 100,
  maxDelay: 500,
  timeout: 30_000,
  onProgress: logProgress,
});
console.log(`done: ${done.state} (${done.vendorStatus}) after ${done.attempts} polls`);
await operation.close();
