// Try it: `pnpm mock vmware-vsphere` in one terminal, then `node examples/vmware-vsphere.mjs` in another.
import { scriptedServer } from "@opstatus/tools/test-kit/server";
import { createVsphereClient, waitForCustomization } from "@opstatus/vmware-vsphere";
import { baseUrl, fast } from "./shared.mjs";

// Logs in with POST /api/session (HTTP Basic) on the first call, sends the session id; close() logs it out.
const vsphere = createVsphereClient({
  baseUrl,
  auth: {
    username: process.env.OPSTATUS_USERNAME ?? "administrator@vsphere.local",
    password: process.env.OPSTATUS_PASSWORD ?? "demo-password",
  },
});
console.log(`GET customization of vm-42 from ${baseUrl}:`, await vsphere.getCustomization("vm-42"));
await vsphere.close();
console.log("logged out (DELETE /api/session)");

const operation = await scriptedServer([
  { status: 200, body: { status: "PENDING" } },
  { status: 200, body: { status: "RUNNING", start_time: "2026-11-22T10:00:00Z" } },
  { status: 200, body: { status: "SUCCEEDED", start_time: "2026-11-22T10:00:00Z", end_time: "2026-11-22T10:02:10Z" } },
]);
console.log(`waitForCustomization against a scripted customization at ${operation.url}:`);
const done = await waitForCustomization(
  createVsphereClient({ baseUrl: operation.url, auth: { apiKey: "demo-session-id" } }),
  "vm-42",
  fast,
);
console.log(`done: ${done.state} after ${done.attempts} polls, ended ${done.body.end_time}`);
await operation.close();
