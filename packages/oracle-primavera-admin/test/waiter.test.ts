import { scriptedServer, type LoopbackServer } from "@opstatus/tools/test-kit";
import { describeWaiter } from "@opstatus/tools/test-kit/waiter-suite";
import { afterEach, describe, expect, it } from "vitest";
import { createPrimaveraClient, PrimaveraApiError, waitForJob } from "../src/index.js";

const location = { Location: "/cloudapi/restapi/user/status/12345" };
const client = (baseUrl: string) => createPrimaveraClient({ baseUrl, auth: { basic: { username: "admin", password: "pw" } } });

describeWaiter({
  provider: "oracle-primavera-admin",
  ErrorClass: PrimaveraApiError,
  wait: (baseUrl, options) => waitForJob(client(baseUrl), "12345", options),
  running: { status: 202, headers: location },
  succeeded: { status: 200, body: { added: [{ loginId: "jdoe", lastAction: "Created" }] } },
  failed: { status: 200, body: { exception: "User jdoe already exists", localizedException: true } },
  failureText: "User jdoe already exists",
  succeededStatus: "200",
});

describe("waitForJob", () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.close());

  it("takes Retry-After in seconds and as an HTTP-date as the earliest next poll", async () => {
    // HTTP-dates have whole seconds: 3 s from now is still at least ~1 s ahead when the second answer is sent
    const inThreeSeconds = new Date(Date.now() + 3000).toUTCString();
    server = await scriptedServer([
      { status: 202, headers: { ...location, "Retry-After": "1" } },
      { status: 202, headers: { ...location, "Retry-After": inThreeSeconds } },
      { status: 200, body: {} },
    ]);
    const result = await waitForJob(client(server.url), "12345", { minDelay: 5, maxDelay: 20 });
    const [first, second, third] = result.history.map((h) => h.at);
    expect(second! - first!).toBeGreaterThanOrEqual(1000);
    expect(third! - second!).toBeGreaterThanOrEqual(900);
    expect(result.history.map((h) => h.vendorStatus)).toEqual(["202", "202", "200"]);
  });

  it("surfaces failed deletions of a finished job in the result", async () => {
    server = await scriptedServer([
      { status: 202, headers: location },
      { status: 200, body: { deleted: ["a"], deleteFailed: [{ loginId: "bsmith" }, { loginId: "cjones" }] } },
    ]);
    const result = await waitForJob(client(server.url), "12345", { minDelay: 5, maxDelay: 20 });
    expect(result.state).toBe("succeeded");
    expect(result.reason).toBe("deletion failed for 2 user(s): bsmith, cjones");
    expect(result.body.deleteFailed).toHaveLength(2);
  });
});
