import { describeWaiter } from "@opstatus/tools/test-kit/waiter-suite";
import { describe, expect, it } from "vitest";
import { createCustomerConnectClient, CustomerConnectApiError, requestStates, waitForRequest } from "../src/index.js";

describeWaiter({
  provider: "vmware-customer-connect",
  ErrorClass: CustomerConnectApiError,
  wait: (baseUrl, options) =>
    waitForRequest(createCustomerConnectClient({ baseUrl, auth: { bearer: "jwt" } }), "1uy14hzktpz7n7a9h", options),
  running: { status: 200, body: { id: "1uy14hzktpz7n7a9h", status: "IN_PROGRESS" } },
  succeeded: {
    status: 200,
    body: {
      id: "1uy14hzktpz7n7a9h",
      status: "COMPLETED",
      report: [{ "a@b.test": "Invitation has been sent to user successfully." }],
    },
  },
  failed: {
    status: 200,
    body: { id: "1uy14hzktpz7n7a9h", status: "FAILED", message: "Invitation could not be sent." },
  },
  failureText: "Invitation could not be sent.",
  unknown: { status: 200, body: { id: "1uy14hzktpz7n7a9h", status: "QUEUED_FOR_REVIEW" } },
  succeededStatus: "COMPLETED",
});

describe("requestStates", () => {
  it("maps the one documented status, COMPLETED, to succeeded", () =>
    expect(requestStates.COMPLETED).toBe("succeeded"));
});
