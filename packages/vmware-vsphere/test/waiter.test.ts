// vSphere's own case; the shared waiter suite runs in provider.test.ts.
import { describe, expect, it } from "vitest";
import { customizationStates } from "../src/index.js";

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
