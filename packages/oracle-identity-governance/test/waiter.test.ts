// OIG's own case; the shared waiter suite runs in provider.test.ts.
import { describe, expect, it } from "vitest";
import { requestStates } from "../src/index.js";

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
