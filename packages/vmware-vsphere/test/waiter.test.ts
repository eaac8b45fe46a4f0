import { describeWaiter } from "@opstatus/tools/test-kit/waiter-suite";
import { describe, expect, it } from "vitest";
import { createVsphereClient, customizationStates, VsphereApiError, waitForCustomization } from "../src/index.js";

describeWaiter({
  provider: "vmware-vsphere",
  ErrorClass: VsphereApiError,
  wait: (baseUrl, options) =>
    waitForCustomization(createVsphereClient({ baseUrl, auth: { apiKey: "session" } }), "vm-42", options),
  running: { status: 200, body: { status: "RUNNING", start_time: "2026-11-22T10:00:00Z" } },
  succeeded: {
    status: 200,
    body: { status: "SUCCEEDED", start_time: "2026-11-22T10:00:00Z", end_time: "2026-11-22T10:02:00Z" },
  },
  failed: { status: 200, body: { status: "FAILED", error: "guest OS reported sysprep failure" } },
  failureText: "guest OS reported sysprep failure",
  unknown: { status: 200, body: { status: "PAUSED" } },
  succeededStatus: "SUCCEEDED",
});

describe("customizationStates", () => {
  it("maps every status of the spec's enum", () => {
    expect(customizationStates).toEqual({
      IDLE: "pending",
      PENDING: "pending",
      RUNNING: "running",
      SUCCEEDED: "succeeded",
      FAILED: "failed",
    });
  });
});
