// The shared client and waiter suites, configured from the manifest and the spec's examples, and the answers of the
// hand-written waiter: the status of the one operation found in a list.
import { describeProviderFromManifest } from "@opstatus/tools/test-kit/manifest-suites";
import * as module from "../src/index.js";
import { operationList } from "./operation-list.js";

describeProviderFromManifest("ntt-enterprise-cloud", module, {
  waiter: {
    running: { status: 200, body: operationList("PROCESSING") },
    succeeded: { status: 200, body: operationList("Complete") },
    failed: { status: 200, body: operationList("ERROR", { error: "interface_1 network not found" }) },
    failureText: "interface_1 network not found",
    unknown: { status: 200, body: operationList("QUEUED") },
    succeededStatus: "Complete",
  },
  stepScenarios: [
    {
      name: "an operation not listed yet, then listed",
      answers: [
        { status: 200, body: { operations: [] } },
        { status: 200, body: operationList("PROCESSING") },
        { status: 200, body: operationList("COMPLETE") },
      ],
      ends: "succeeded",
    },
  ],
});
