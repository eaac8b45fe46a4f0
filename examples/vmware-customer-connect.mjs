// Try it: `pnpm mock vmware-customer-connect` in one terminal, then `node examples/vmware-customer-connect.mjs`.
import { createCustomerConnectClient, waitForRequest } from "@opstatus/vmware-customer-connect";
import { baseUrl, logProgress, startScriptedOperation } from "./scripted-operation.mjs";

const cc = createCustomerConnectClient({ baseUrl, auth: { bearer: process.env.CC_TOKEN ?? "demo.jwt.token" } });
console.log(`GET request status from ${baseUrl}:`, await cc.getRequestStatus("1uy14hzktpz7n7a9h"));

const operation = await startScriptedOperation([
  { body: { id: "1uy14hzktpz7n7a9h", operation: "inviteUsers", status: "IN_PROGRESS" } },
  { body: { id: "1uy14hzktpz7n7a9h", operation: "inviteUsers", status: "COMPLETED", report: [{ "a@example.test": "Invitation has been sent to user successfully." }] } },
]);
console.log(`waitForRequest against a scripted request at ${operation.url}:`);
const done = await waitForRequest(createCustomerConnectClient({ baseUrl: operation.url, auth: { bearer: "demo" } }), "1uy14hzktpz7n7a9h", {
  minDelay: 100,
  maxDelay: 500,
  timeout: 30_000,
  onProgress: logProgress,
});
console.log(`done: ${done.state} after ${done.attempts} polls, report`, done.body.report);
await operation.close();
