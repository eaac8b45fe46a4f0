// vSphere's own cases; the shared client suite runs in provider.test.ts.
import { fakeFetch, json } from "@opstatus/tools/test-kit";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createVsphereClient, OpstatusRequestError } from "../src/index.js";
import type {
  VmGuestCustomizationInfo,
  VmGuestCustomizationStatus,
  VsphereApiError,
  VsphereErrorBody,
} from "../src/index.js";

const baseUrl = "https://vcenter.test";

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
