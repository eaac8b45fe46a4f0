import { SECRET, fakeFetch, json } from "@opstatus/tools/test-kit";
import { describeProviderClient } from "@opstatus/tools/test-kit/provider-suite";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  createVsphereApi,
  createVsphereClient,
  OpstatusNetworkError,
  OpstatusRequestError,
  VsphereApiError,
  type VmGuestCustomizationInfo,
  type VmGuestCustomizationStatus,
  type VsphereErrorBody,
} from "../src/index.js";

const baseUrl = "https://vcenter.test";

describeProviderClient({
  provider: "vmware-vsphere",
  operationId: "getVmGuestCustomization",
  ErrorClass: VsphereApiError,
  RequestError: OpstatusRequestError,
  NetworkError: OpstatusNetworkError,
  create: ({ fetch, auth }) =>
    createVsphereClient({ baseUrl, fetch, auth: (auth as { apiKey: string }) ?? { apiKey: SECRET } }),
  authWith: (credential) => ({ apiKey: credential }),
  authHeader: ["vmware-api-session-id", SECRET],
  call: (client) => client.getCustomization("vm-42"),
  openapi: (client) => createVsphereApi(client),
  pathParam: {
    call: (client, value) => client.getCustomization(value),
    before: "/api/vcenter/vm/",
    after: "/guest/customization",
  },
});

describe("createVsphereClient", () => {
  it("sends GET {api_host}/api/vcenter/vm/{vm}/guest/customization built from the server variable", async () => {
    const { fetch, requests } = fakeFetch(() => json(200, { status: "RUNNING" }));
    const client = createVsphereClient({
      serverVariables: { api_host: "vc01.corp.test" },
      auth: { apiKey: async () => "sess-1" },
      fetch,
    });
    expect(await client.getCustomization("vm-7")).toEqual({ status: "RUNNING" });
    expect(requests[0]!.method).toBe("GET");
    expect(requests[0]!.url).toBe("https://vc01.corp.test/api/vcenter/vm/vm-7/guest/customization");
    expect(requests[0]!.headers.get("vmware-api-session-id")).toBe("sess-1");
  });

  it("uses the spec's default host when nothing is given", () => {
    expect(createVsphereClient({ auth: { apiKey: "s" } }).baseUrl).toBe("https://vcenter.local");
  });

  it("rejects a host variable that is not a host, before any request", () => {
    expect(() => createVsphereClient({ serverVariables: { api_host: "evil.test/x?" }, auth: { apiKey: "s" } })).toThrow(
      OpstatusRequestError,
    );
  });

  it("passes extra headers and rejects CR/LF in them", async () => {
    const { fetch, requests } = fakeFetch(() => json(200, { status: "IDLE" }));
    await createVsphereClient({ baseUrl, fetch, auth: { apiKey: "s" }, headers: { "x-trace": "1" } }).getCustomization(
      "vm-1",
    );
    expect(requests[0]!.headers.get("x-trace")).toBe("1");
    expect(() => createVsphereClient({ baseUrl, auth: { apiKey: "s" }, headers: { "x-trace": "a\r\nb" } })).toThrow(
      OpstatusRequestError,
    );
  });

  it("makes the typed openapi-fetch client for the whole spec", async () => {
    const { fetch } = fakeFetch(() => json(200, { status: "SUCCEEDED" }));
    const client = createVsphereClient({ baseUrl, fetch, auth: { apiKey: "s" } });
    const { data } = await createVsphereApi(client).GET("/api/vcenter/vm/{vm}/guest/customization", {
      params: { path: { vm: "vm-1" } },
    });
    expect(data?.status).toBe("SUCCEEDED");
  });

  it("has the vendor's types", () => {
    const client = createVsphereClient({ baseUrl, auth: { apiKey: "s" } });
    expectTypeOf(client.getCustomization).returns.resolves.toEqualTypeOf<VmGuestCustomizationInfo>();
    expectTypeOf<VmGuestCustomizationInfo["status"]>().toEqualTypeOf<VmGuestCustomizationStatus>();
    expectTypeOf<VmGuestCustomizationStatus>().toEqualTypeOf<"IDLE" | "PENDING" | "RUNNING" | "SUCCEEDED" | "FAILED">();
    expectTypeOf<VsphereApiError["body"]>().toEqualTypeOf<VsphereErrorBody | undefined>();
    expectTypeOf<VsphereApiError["status"]>().toEqualTypeOf<number>();
    const typeOnly = () => {
      // @ts-expect-error vSphere takes a session id, not a bearer token
      createVsphereClient({ baseUrl, auth: { bearer: "t" } });
      // @ts-expect-error the path parameter is a string
      void client.getCustomization({ vm: 1 });
    };
    expect(typeof typeOnly).toBe("function");
  });
});
