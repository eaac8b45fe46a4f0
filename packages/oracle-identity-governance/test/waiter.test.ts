import { describeWaiter } from "@opstatus/tools/test-kit/waiter-suite";
import { describe, expect, it } from "vitest";
import {
  createIdentityGovernanceClient,
  IdentityGovernanceApiError,
  requestStates,
  waitForRequest,
} from "../src/index.js";

const request = (reqStatus: string) => ({ id: "2029", reqType: "Heterogeneous Request", reqStatus });

describeWaiter({
  provider: "oracle-identity-governance",
  ErrorClass: IdentityGovernanceApiError,
  wait: (baseUrl, options) =>
    waitForRequest(
      createIdentityGovernanceClient({ baseUrl, auth: { basic: { username: "xelsysadm", password: "pw" } } }),
      "2029",
      options,
    ),
  running: { status: 200, body: request("Request Awaiting Approval") },
  succeeded: { status: 200, body: request("Request Completed") },
  failed: { status: 200, body: request("Request Rejected") },
  failureText: "Request Rejected",
  unknown: { status: 200, body: request("Request Awaiting Manager Coffee") },
  succeededStatus: "Request Completed",
});

describe("requestStates", () => {
  it("knows every phrase VENDOR-FACTS lists", () => {
    const phrases = [
      "Request Completed",
      "Request Awaiting Approval",
      "Request Rejected",
      "Request Awaiting Child Requests Completion",
      "Request Approved Fulfillment Pending",
      "Request Awaiting Dependent Request Completion",
      "Obtaining Request Approval",
      "Obtaining Operation Approval",
      "Request Created",
      "Request Initialized",
      "Request Awaiting Completion",
      "Request Approved",
      "Request Auto Approved",
    ];
    for (const phrase of phrases) expect(requestStates).toHaveProperty([phrase]);
  });
});
