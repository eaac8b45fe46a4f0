// Try it: `pnpm mock vmware-vsphere` in one terminal, then `node examples/vmware-vsphere.mjs` in another.
import { createVsphereClient, waitForCustomization } from "@opstatus/vmware-vsphere";
import { baseUrl, logProgress, startScriptedOperation } from "./scripted-operation.mjs";

const vsphere = createVsphereClient({ baseUrl, auth: { apiKey: process.env.VSPHERE_SESSION ?? "demo-session-id" } });
console.log(`GET customization of vm-42 from ${baseUrl}:`, await vsphere.getCustomization("vm-42"));

const operation = await startScriptedOperation([
  { body: { status: "PENDING" } },
  { body: { status: "RUNNING", start_time: "2026-11-22T10:00:00Z" } },
  { body: { status: "SUCCEEDED", start_time: "2026-11-22T10:00:00Z", end_time: "2026-11-22T10:02:10Z" } },
]);
console.log(`waitForCustomization against a scripted customization at ${operation.url}:`);
const done = await waitForCustomization(createVsphereClient({ baseUrl: operation.url, auth: { apiKey: "demo" } }), "vm-42", {
  minDelay: 100,
  maxDelay: 500,
  timeout: 30_000,
  onProgress: logProgress,
});
console.log(`done: ${done.state} after ${done.attempts} polls, ended ${done.body.end_time}`);
await operation.close();
