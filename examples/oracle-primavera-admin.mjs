// Try it: `pnpm mock oracle-primavera-admin` in one terminal, then `node examples/oracle-primavera-admin.mjs`.
import { createPrimaveraClient, waitForJob } from "@opstatus/oracle-primavera-admin";
import { baseUrl, logProgress, startScriptedOperation } from "./scripted-operation.mjs";

const auth = { basic: { username: process.env.P6_USER ?? "admin", password: process.env.P6_PASSWORD ?? "demo-password" } };
const job = await createPrimaveraClient({ baseUrl, auth }).getJobStatus("12345");
console.log(`GET job 12345 from ${baseUrl}: HTTP ${job.httpStatus}, done=${job.done}, added`, job.result?.added?.map((u) => u.loginId));

const running = { status: 202, headers: { Location: "/cloudapi/restapi/user/status/12345", "Retry-After": "1" } };
const finished = { status: 200, body: { added: [{ loginId: "jdoe", lastAction: "Created" }], deleted: ["old.user"], deleteFailed: [{ loginId: "locked.user" }] } };
const operation = await startScriptedOperation([running, running, finished]);
console.log(`waitForJob against a scripted job at ${operation.url} (202 with Retry-After: 1, then 200):`);
const done = await waitForJob(createPrimaveraClient({ baseUrl: operation.url, auth }), "12345", {
  minDelay: 100,
  maxDelay: 500,
  timeout: 30_000,
  onProgress: logProgress,
});
console.log(`done: ${done.state} after ${done.attempts} polls; added ${done.body.added?.map((u) => u.loginId)}; ${done.reason}`);
await operation.close();
