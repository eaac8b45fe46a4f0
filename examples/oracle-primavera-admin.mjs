// Try it: `pnpm mock oracle-primavera-admin` in one terminal, then `node examples/oracle-primavera-admin.mjs`.
import { scriptedServer } from "@opstatus/tools/test-kit/server";
import { createPrimaveraClient, waitForJob } from "@opstatus/oracle-primavera-admin";
import { baseUrl, fast } from "./shared.mjs";

// Gets an OAuth token (GET /cloudapi/restapi/oauth2/token, HTTP Basic) on the first call and sends it as a bearer
// token to the /v3 form of the status path; Primavera documents no log-out, so close() only ends the client.
const p6 = createPrimaveraClient({
  baseUrl,
  auth: {
    username: process.env.OPSTATUS_USERNAME ?? "admin",
    password: process.env.OPSTATUS_PASSWORD ?? "demo-password",
    tokenExpiry: 3600,
  },
});
const job = await p6.getJobStatus("12345");
console.log(
  `GET job 12345 from ${baseUrl}: HTTP ${job.httpStatus}, done=${job.done}, added`,
  job.result?.added?.map((u) => u.loginId),
);
await p6.close();
console.log("closed (Primavera documents no log-out)");

const running = { status: 202, headers: { Location: "/cloudapi/restapi/user/status/12345", "Retry-After": "1" } };
const finished = {
  status: 200,
  body: {
    added: [{ loginId: "jdoe", lastAction: "Created" }],
    deleted: ["old.user"],
    deleteFailed: [{ loginId: "locked.user" }],
  },
};
const operation = await scriptedServer([running, running, finished]);
console.log(`waitForJob against a scripted job at ${operation.url} (202 with Retry-After: 1, then 200):`);
const done = await waitForJob(
  createPrimaveraClient({ baseUrl: operation.url, auth: { basic: { username: "admin", password: "demo-password" } } }),
  "12345",
  fast,
);
console.log(
  `done: ${done.state} after ${done.attempts} polls; added ${done.body.added?.map((u) => u.loginId)}; ${done.reason}`,
);
await operation.close();
