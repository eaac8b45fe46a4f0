// The shared client and waiter suites, configured from the manifest and the spec's examples, and what the manifest
// cannot say of the hand-written job status: what it returns, and that the job's state is the HTTP status.
import { describeProviderFromManifest } from "@opstatus/tools/test-kit/manifest-suites";
import * as module from "../src/index.js";

const location = { Location: "/cloudapi/restapi/user/status/12345" };

describeProviderFromManifest("oracle-primavera-admin", module, {
  // bearer calls go to the /v3 twin of the status path (Basic calls to the classic one: see client.test.ts)
  auth: "bearer",
  methods: {
    getJobStatus: { operationId: "getUserJobStatusV3", bodyOf: (status) => (status as module.UserJobStatus).result },
  },
  waiter: {
    running: { status: 202, headers: location },
    succeeded: { status: 200, body: { added: [{ loginId: "jdoe", lastAction: "Created" }] } },
    failed: { status: 200, body: { exception: "User jdoe already exists", localizedException: true } },
    failureText: "User jdoe already exists",
    succeededStatus: "200",
  },
  // where a 202's Location sends the next poll, carried from step to step in the wait's state
  stepScenarios: [
    {
      name: "following each 202's Location (same origin), not one to another origin",
      answers: [
        { status: 202, headers: { Location: "/cloudapi/restapi/user/status/12345?page=2" } },
        { status: 202, headers: { Location: "/cloudapi/restapi/user/status/12345?page=3" } },
        { status: 202, headers: { Location: "https://elsewhere.test/cloudapi/restapi/user/status/12345" } },
        { status: 200, body: { added: [{ loginId: "jdoe", lastAction: "Created" }] } },
      ],
      ends: "succeeded",
      paths: [
        "/cloudapi/restapi/user/status/12345",
        "/cloudapi/restapi/user/status/12345?page=2",
        "/cloudapi/restapi/user/status/12345?page=3",
        "/cloudapi/restapi/user/status/12345",
      ],
    },
  ],
});
