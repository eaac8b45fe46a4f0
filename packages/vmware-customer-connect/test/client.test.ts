import { SECRET, fakeFetch, json } from "@opstatus/tools/test-kit";
import { describeProviderClient } from "@opstatus/tools/test-kit/provider-suite";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  createCustomerConnectApi,
  createCustomerConnectClient,
  CustomerConnectApiError,
  OpstatusNetworkError,
  OpstatusRequestError,
  type CustomerConnectErrorBody,
  type RequestDetailsResponse,
} from "../src/index.js";

const baseUrl = "https://gateway.test";

describeProviderClient({
  provider: "vmware-customer-connect",
  operationId: "getRequestStatus",
  ErrorClass: CustomerConnectApiError,
  RequestError: OpstatusRequestError,
  NetworkError: OpstatusNetworkError,
  create: ({ fetch, auth }) =>
    createCustomerConnectClient({ baseUrl, fetch, auth: (auth as { bearer: string }) ?? { bearer: SECRET } }),
  authWith: (credential) => ({ bearer: credential }),
  authHeader: ["authorization", `Bearer ${SECRET}`],
  call: (client) => client.getRequestStatus("1uy14hzktpz7n7a9h"),
  openapi: (client) => createCustomerConnectApi(client),
  pathParam: {
    call: (client, value) => client.getRequestStatus(value),
    before: "/v1/m4/api/myvmware/external/requests/",
    after: "/status",
  },
});

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

  it("reports an empty 200 body as a typed error", async () => {
    const { fetch } = fakeFetch(() => new Response("", { status: 200 }));
    const error = await createCustomerConnectClient({ baseUrl, fetch, auth: { bearer: "t" } })
      .getRequestStatus("r1")
      .catch((e) => e);
    expect(error).toBeInstanceOf(CustomerConnectApiError);
    expect(error.message).toContain("the body is empty");
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
