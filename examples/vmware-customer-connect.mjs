// Try it: `pnpm mock vmware-customer-connect` in one terminal, then `node examples/vmware-customer-connect.mjs`.
import { scriptedServer } from "@opstatus/tools/test-kit/server";
import { createCustomerConnectClient, waitForRequest } from "@opstatus/vmware-customer-connect";
import { baseUrl, fast } from "./shared.mjs";

// Customer Connect publishes no log-in operation: pass the access token (a string, or a function that refreshes it).
const cc = createCustomerConnectClient({ baseUrl, auth: { bearer: process.env.OPSTATUS_TOKEN ?? "demo.jwt.token" } });
console.log(`GET request status from ${baseUrl}:`, await cc.getRequestStatus("1uy14hzktpz7n7a9h"));
await cc.close();

const operation = await scriptedServer([
  { status: 200, body: { id: "1uy14hzktpz7n7a9h", operation: "inviteUsers", status: "IN_PROGRESS" } },
  {
    status: 200,
    body: {
      id: "1uy14hzktpz7n7a9h",
      operation: "inviteUsers",
      status: "COMPLETED",
      report: [{ "a@example.test": "Invitation has been sent to user successfully." }],
    },
  },
]);
console.log(`waitForRequest against a scripted request at ${operation.url}:`);
const done = await waitForRequest(
  createCustomerConnectClient({ baseUrl: operation.url, auth: { bearer: "demo" } }),
  "1uy14hzktpz7n7a9h",
  fast,
);
console.log(`done: ${done.state} after ${done.attempts} polls, report`, done.body.report);
await operation.close();
