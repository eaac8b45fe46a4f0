// Customer Connect's own case; the shared waiter suite runs in provider.test.ts.
import { describe, expect, it } from "vitest";
import { requestStates } from "../src/index.js";

describe("requestStates", () => {
  it("maps the one documented status, COMPLETED, to succeeded", () =>
    expect(requestStates.COMPLETED).toBe("succeeded"));
});
