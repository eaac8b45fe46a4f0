// Customer Connect's own cases; the shared client suite runs in provider.test.ts.
import { fakeFetch, json } from "@opstatus/tools/test-kit";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createCustomerConnectClient } from "../src/index.js";
import type { CustomerConnectApiError, CustomerConnectErrorBody, RequestDetailsResponse } from "../src/index.js";

const baseUrl = "https://gateway.test";

describe("createCustomerConnectClient", () => {
  it("sends GET https://apigw.vmware.com/v1/m4/api/myvmware/external/requests/{requestId}/status by default", async () => {
    const { fetch, requests } = fakeFetch(() => json(200, { id: "r1", status: "COMPLETED" }));
    let calls = 0;
    const client = createCustomerConnectClient({ fetch, auth: { bearer: async () => `jwt-${++calls}` } });
    await client.getRequestStatus("r1");
    await client.getRequestStatus("r1");
    expect(requests.map((r) => r.url)).toEqual([
      "https://apigw.vmware.com/v1/m4/api/myvmware/external/requests/r1/status",
      "https://apigw.vmware.com/v1/m4/api/myvmware/external/requests/r1/status",
    ]);
    // an async credential is asked again for every request, so it can refresh
    expect(requests.map((r) => r.headers.get("authorization"))).toEqual(["Bearer jwt-1", "Bearer jwt-2"]);
  });

  it("has the vendor's types", () => {
    const client = createCustomerConnectClient({ baseUrl, auth: { bearer: "t" } });
    expectTypeOf(client.getRequestStatus).returns.resolves.toEqualTypeOf<RequestDetailsResponse>();
    expectTypeOf<RequestDetailsResponse["status"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CustomerConnectApiError["body"]>().toEqualTypeOf<CustomerConnectErrorBody | undefined>();
    expectTypeOf<NonNullable<CustomerConnectErrorBody["errorDetails"]>[number]>().toHaveProperty("errorCode");
    const typeOnly = () => {
      // @ts-expect-error Customer Connect takes a bearer token only
      createCustomerConnectClient({ baseUrl, auth: { basic: { username: "u", password: "p" } } });
    };
    expect(typeof typeOnly).toBe("function");
  });
});
