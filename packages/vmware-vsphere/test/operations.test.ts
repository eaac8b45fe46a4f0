// The operations are typed from the generated `operations`: a wrong operation id, parameter name or type, or result
// type does not compile. Checked by vitest's typecheck (tsc) in CI; each @ts-expect-error fails the run if its line
// stops being an error.
import { fakeFetch, json } from "@opstatus/tools/test-kit";
import { createApiClient } from "@opstatus/core/internal";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { operations } from "../src/generated/openapi.js";
import { specFacts } from "../src/generated/spec-facts.js";
import { VsphereApiError, type VmGuestCustomizationInfo, type VsphereErrorBody } from "../src/index.js";
import type { ErrorBody, SuccessBody } from "@opstatus/core/internal";

const client = (fetch = fakeFetch(() => json(200, { status: "RUNNING" })).fetch) =>
  createApiClient<operations>(
    specFacts,
    { baseUrl: "https://vcenter.test", auth: { apiKey: "s" }, fetch },
    VsphereApiError,
  );

describe("typed operations", () => {
  it("types the result and the error body of an operation from the spec", async () => {
    const result = await client().body("getVmGuestCustomization", { path: { vm: "vm-42" } });
    expectTypeOf(result).toEqualTypeOf<VmGuestCustomizationInfo>();
    expectTypeOf<SuccessBody<operations["getVmGuestCustomization"]>>().toEqualTypeOf<VmGuestCustomizationInfo>();
    expectTypeOf<ErrorBody<operations["getVmGuestCustomization"]>>().toEqualTypeOf<VsphereErrorBody>();
    expect(result.status).toBe("RUNNING");
  });

  it("does not compile a wrong operation id, parameter name or type, or result type", () => {
    const typeOnly = () => {
      // @ts-expect-error no such operation id (the issue's example)
      void client().body("getVmGuestCustomisation", { path: { vmm: 1 } });
      // @ts-expect-error no such operation id
      void client().request("listOperations");
      // @ts-expect-error the path parameter is `vm`, not `vmm`
      void client().body("getVmGuestCustomization", { path: { vmm: "vm-1" } });
      // @ts-expect-error the path parameter is a string
      void client().body("getVmGuestCustomization", { path: { vm: 42 } });
      // @ts-expect-error the operation has a required path parameter
      void client().body("getVmGuestCustomization");
      // @ts-expect-error the operation takes no query
      void client().body("getVmGuestCustomization", { path: { vm: "vm-1" }, query: { fields: "x" } });
      const wrongResult = async (): Promise<{ operations: unknown[] }> =>
        // @ts-expect-error the result is a VmGuestCustomizationInfo
        client().body("getVmGuestCustomization", { path: { vm: "vm-1" } });
      void wrongResult;
    };
    expect(typeof typeOnly).toBe("function");
  });

  it("sends what the typed call names", async () => {
    const { fetch, requests } = fakeFetch(() => json(200, { status: "IDLE" }));
    await client(fetch).request("getVmGuestCustomization", { path: { vm: "vm-7" } });
    expect(new URL(requests[0]!.url).pathname).toBe("/api/vcenter/vm/vm-7/guest/customization");
  });
});
