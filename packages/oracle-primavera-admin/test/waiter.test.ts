// Primavera's own cases (Retry-After, Location, failed deletions, the 2xx it does not know); the shared waiter suite
// runs in provider.test.ts.
import { scriptedServer, type LoopbackServer } from "@opstatus/tools/test-kit";
import { afterEach, describe, expect, it } from "vitest";
import { createPrimaveraClient, jobStates, waitForJob } from "../src/index.js";

const location = { Location: "/cloudapi/restapi/user/status/12345" };
const client = (baseUrl: string) =>
  createPrimaveraClient({ baseUrl, auth: { basic: { username: "admin", password: "pw" } } });

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

  it("knows only 202 (running) and 200 (finished): 201, 204 and any other 2xx are unknown statuses", async () => {
    expect(jobStates).toEqual({ "202": "running", "200": "succeeded" });
    for (const status of [201, 204, 206]) {
      server = await scriptedServer([
        { status: 202, headers: location },
        { status, body: status === 204 ? undefined : {} },
      ]);
      const error: any = await waitForJob(client(server.url), "12345", { minDelay: 5, maxDelay: 20 }).catch((e) => e);
      expect(error.name, String(status)).toBe("OpstatusUnknownStatusError");
      expect(error.vendorStatus).toBe(String(status));
      await server.close();
      server = await scriptedServer([{ status: 202, headers: location }, { status }, { status: 200, body: {} }]);
      const patient = await waitForJob(client(server.url), "12345", {
        minDelay: 5,
        maxDelay: 20,
        unknownStatus: "wait",
      });
      expect(patient.history.map((h) => h.vendorStatus)).toEqual(["202", String(status), "200"]);
      await server.close();
      server = undefined;
    }
  });

  it("reports a failed job as vendor status 200 with the exception as its reason", async () => {
    server = await scriptedServer([{ status: 200, body: { exception: "User jdoe already exists" } }]);
    const error: any = await waitForJob(client(server.url), "12345", { minDelay: 5, maxDelay: 20 }).catch((e) => e);
    expect(error.name).toBe("OpstatusOperationFailedError");
    expect(error.result).toMatchObject({ state: "failed", vendorStatus: "200", reason: "User jdoe already exists" });
  });

  it("polls the Location of a 202 when it has the base URL's origin", async () => {
    server = await scriptedServer([
      { status: 202, headers: { Location: "/cloudapi/restapi/user/status/12345/progress?step=2" } },
      { status: 200, body: {} },
    ]);
    await waitForJob(client(server.url), "12345", { minDelay: 5, maxDelay: 20 });
    expect(server.requests.map((r) => r.url)).toEqual([
      "/cloudapi/restapi/user/status/12345",
      "/cloudapi/restapi/user/status/12345/progress?step=2",
    ]);
    expect(server.requests[1]!.headers.authorization).toMatch(/^Basic /);
  });

  it("never sends credentials to a Location of another origin: the next poll stays on the base URL", async () => {
    const elsewhere = await scriptedServer([{ status: 200, body: {} }]);
    try {
      server = await scriptedServer([
        { status: 202, headers: { Location: `${elsewhere.url}/cloudapi/restapi/user/status/12345` } },
        { status: 200, body: {} },
      ]);
      const result = await waitForJob(client(server.url), "12345", { minDelay: 5, maxDelay: 20 });
      expect(result.state).toBe("succeeded");
      expect(elsewhere.requests).toHaveLength(0);
      expect(server.requests.map((r) => r.url)).toEqual([
        "/cloudapi/restapi/user/status/12345",
        "/cloudapi/restapi/user/status/12345",
      ]);
    } finally {
      await elsewhere.close();
    }
  });

  it("follows only a 202's Location: not one on a 201 or 204 it waits through, and no Location at all when a 202 has none", async () => {
    for (const status of [201, 204]) {
      server = await scriptedServer([
        { status: 202 },
        { status, headers: { Location: "/cloudapi/restapi/user/status/99" } },
        { status: 200, body: {} },
      ]);
      const result = await waitForJob(client(server.url), "12345", {
        minDelay: 5,
        maxDelay: 20,
        unknownStatus: "wait",
      });
      expect(result.history.map((h) => h.vendorStatus)).toEqual(["202", String(status), "200"]);
      expect(
        server.requests.map((r) => r.url),
        String(status),
      ).toEqual([
        "/cloudapi/restapi/user/status/12345",
        "/cloudapi/restapi/user/status/12345",
        "/cloudapi/restapi/user/status/12345",
      ]);
      await server.close();
      server = undefined;
    }
  });

  it("reads an exception or failed deletions only on a finished job, and none when nothing failed", async () => {
    server = await scriptedServer([
      { status: 202, headers: location, body: { exception: "not yet", deleteFailed: [{ loginId: "x" }] } },
      { status: 200, body: { deleteFailed: [] } },
    ]);
    const progress: (string | undefined)[] = [];
    const result = await waitForJob(client(server.url), "12345", {
      minDelay: 5,
      maxDelay: 20,
      onPoll: (event) => progress.push(event.observation?.reason),
    });
    expect(result.state).toBe("succeeded");
    expect(result.reason).toBeUndefined();
    expect(progress).toEqual([undefined, undefined]);
    await server.close();
    server = await scriptedServer([{ status: 200, body: {} }]);
    expect((await waitForJob(client(server.url), "12345", { minDelay: 5, maxDelay: 20 })).reason).toBeUndefined();
    await server.close();
    server = await scriptedServer([{ status: 200, body: { deleteFailed: [{ id: 7 }, {}] } }]);
    expect((await waitForJob(client(server.url), "12345", { minDelay: 5, maxDelay: 20 })).reason).toBe(
      "deletion failed for 2 user(s): 7, ?",
    );
  });

  it("names its operation in the errors a wait ends with", async () => {
    server = await scriptedServer([{ status: 200, body: { exception: "User jdoe already exists" } }]);
    const error: any = await waitForJob(client(server.url), "12345", { minDelay: 5, maxDelay: 20 }).catch((e) => e);
    expect(error.operation).toBe("getUserJobStatus");
  });
});
