// Primavera's own cases: the job's state is the HTTP status; the shared client suite runs in provider.test.ts.
import { fakeFetch, json } from "@opstatus/tools/test-kit";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createPrimaveraClient, type UserDataStore, type UserJobStatus } from "../src/index.js";

const baseUrl = "https://primavera.test";

describe("createPrimaveraClient", () => {
  it("reports 202 as running with its Location and Retry-After", async () => {
    const { fetch, requests } = fakeFetch(
      () =>
        new Response(null, {
          status: 202,
          headers: { Location: "/cloudapi/restapi/user/status/12345", "Retry-After": "5" },
        }),
    );
    const status = await createPrimaveraClient({
      serverVariables: { host: "p6.corp.test" },
      fetch,
      auth: { basic: { username: "u", password: "p" } },
    }).getJobStatus("12345");
    expect(requests[0]!.url).toBe("https://p6.corp.test/cloudapi/restapi/user/status/12345");
    expect(status).toEqual({
      httpStatus: 202,
      done: false,
      result: undefined,
      location: "/cloudapi/restapi/user/status/12345",
      retryAfter: "5",
    });
  });

  it("sends bearer calls to the /v3 form of the path and Basic calls to the classic one", async () => {
    const { fetch, requests } = fakeFetch(() => json(200, {}));
    await createPrimaveraClient({ baseUrl, fetch, auth: { bearer: "t" } }).getJobStatus("7");
    await createPrimaveraClient({ baseUrl, fetch, auth: { basic: { username: "u", password: "p" } } }).getJobStatus(
      "7",
    );
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual([
      "/cloudapi/restapi/v3/user/status/7",
      "/cloudapi/restapi/user/status/7",
    ]);
  });

  it("reports 200 as done with the job's UserDataStore", async () => {
    const body = { added: [{ loginId: "jdoe", lastAction: "Created" }], deleted: [] };
    const { fetch } = fakeFetch(() => json(200, body));
    const status = await createPrimaveraClient({ baseUrl, fetch, auth: { bearer: "t" } }).getJobStatus("1");
    expect(status).toMatchObject({ httpStatus: 200, done: true, result: body });
  });

  it("has the vendor's types", () => {
    const client = createPrimaveraClient({ baseUrl, auth: { bearer: "t" } });
    expectTypeOf(client.getJobStatus).returns.resolves.toEqualTypeOf<UserJobStatus>();
    expectTypeOf<UserJobStatus["result"]>().toEqualTypeOf<UserDataStore | undefined>();
    expectTypeOf<NonNullable<UserDataStore["updatedIdMap"]>>().toEqualTypeOf<{ [key: string]: string }>();
  });
});
