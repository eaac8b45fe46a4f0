// Contract tests: every client method against Prism serving that provider's spec on loopback. Prism rejects requests
// that break the spec (and says so in `sl-violations`); asked with `Prefer: code=…, example=…` it answers each
// documented response, which the client must turn into the right typed data or typed error.
import { documentedResponses, loadSpec } from "@opstatus/tools/test-kit";
import { startMock, type MockServer } from "@opstatus/tools/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomerConnectClient, CustomerConnectApiError } from "../src/vmware-customer-connect.js";
import { createEnterpriseCloudClient, EnterpriseCloudApiError } from "../src/ntt-enterprise-cloud.js";
import { createIdentityGovernanceClient, IdentityGovernanceApiError } from "../src/oracle-identity-governance.js";
import { createVsphereClient, VsphereApiError } from "../src/vmware-vsphere.js";
import { createPrimaveraClient, PrimaveraApiError } from "../src/oracle-primavera-admin.js";

type Call = (options: { headers?: Record<string, string>; onResponse?: (r: Response) => void }) => Promise<unknown>;
interface Contract {
  provider: string;
  operationId: string;
  ErrorClass: new (...args: any[]) => Error;
  /** The client method with valid input, for a client on `baseUrl`. */
  method(baseUrl: string): Call;
  /** The typed body out of what the method returns. */
  bodyOf?(result: any): unknown;
}

const contracts: Contract[] = [
  {
    provider: "vmware-customer-connect",
    operationId: "getRequestStatus",
    ErrorClass: CustomerConnectApiError,
    method: (baseUrl) => (o) => createCustomerConnectClient({ baseUrl, auth: { bearer: "eyJhbGciOiJIUzI1NiJ9.e30.sig" } }).getRequestStatus("1uy14hzktpz7n7a9h", o),
  },
  {
    provider: "ntt-enterprise-cloud",
    operationId: "listOperations",
    ErrorClass: EnterpriseCloudApiError,
    method: (baseUrl) => (o) =>
      createEnterpriseCloudClient({ baseUrl, auth: { apiKey: "69105c889f824efdafb56af224208ad4" } }).listOperations(
        {
          id: "75aab8db-8632-42b4-af2f-06b5820798ef",
          resource_id: "a80c1728-cc0c-11e6-8080-525400060300",
          resource_type: "ECL::VirtualNetworkAppliance::VSRX",
          request_id: "b0cdb8c5-aaf0-48eb-81ac-f211b54da53c",
          request_type: "Create",
          status: "PROCESSING",
          tenant_id: "13572f6f42a74d2b82f7099f78d0393a",
          no_deleted: true,
          latest: true,
        },
        o,
      ),
  },
  {
    provider: "oracle-identity-governance",
    operationId: "getRequest",
    ErrorClass: IdentityGovernanceApiError,
    method: (baseUrl) => (o) =>
      createIdentityGovernanceClient({ baseUrl, auth: { basic: { username: "xelsysadm", password: "Welcome1" } } }).getRequest("2029", { fields: ["reqType", "reqStatus"] }, o),
  },
  {
    provider: "vmware-vsphere",
    operationId: "getVmGuestCustomization",
    ErrorClass: VsphereApiError,
    method: (baseUrl) => (o) => createVsphereClient({ baseUrl, auth: { apiKey: "b00db39f948d13ea1e59b4d6fce56389" } }).getCustomization("vm-42", o),
  },
  {
    provider: "oracle-primavera-admin",
    operationId: "getUserJobStatus",
    ErrorClass: PrimaveraApiError,
    method: (baseUrl) => (o) => createPrimaveraClient({ baseUrl, auth: { bearer: "token" } }).getJobStatus("12345", o),
    bodyOf: (result) => result.result,
  },
];

for (const contract of contracts) {
  describe(`${contract.provider} against Prism`, () => {
    let mock: MockServer;
    beforeAll(async () => {
      mock = await startMock(contract.provider);
    }, 60_000);
    afterAll(() => mock?.close());

    it("sends requests that Prism finds valid for the spec", async () => {
      let violations: string | null = "not called";
      let status = 0;
      await contract.method(mock.url)({
        onResponse: (r) => {
          violations = r.headers.get("sl-violations");
          status = r.status;
        },
      });
      expect(violations).toBeNull();
      expect(status).toBeLessThan(300);
    });

    it("is refused by Prism without credentials (the spec declares security)", async () => {
      const url = new URL(mock.url);
      url.pathname = Object.keys(loadSpec(contract.provider).paths)[0]!.replace(/\{[^}]+\}/g, "x1");
      const answer = await fetch(url);
      expect(answer.status).toBe(401);
      expect(answer.headers.get("sl-violations")).toContain("security");
    });

    for (const r of documentedResponses(contract.provider).filter((x) => x.operationId === contract.operationId)) {
      const label = `${r.code}${r.exampleName ? ` example ${r.exampleName}` : ""}`;
      it(`answers ${label} as the ${r.status < 300 ? "typed result" : "typed error"}`, async () => {
        const prefer = r.code === "default" ? "code=418" : `code=${r.code}${r.exampleName ? `, example=${r.exampleName}` : ""}`;
        const call = contract.method(mock.url)({ headers: { Prefer: prefer } });
        if (r.status < 300) {
          const body = (contract.bodyOf ?? ((x: unknown) => x))(await call);
          if (r.value !== undefined) expect(body).toEqual(r.value);
          return;
        }
        const error: any = await call.then(
          () => expect.fail("expected an error"),
          (e) => e,
        );
        expect(error).toBeInstanceOf(contract.ErrorClass);
        expect(error.status).toBe(r.status);
        if (r.value !== undefined) expect(error.body).toEqual(r.value);
      });
    }
  });
}

describe("pnpm mock --proxy: Prism in front of a vendor reports where real answers break the spec", () => {
  it("flags a vendor answer that breaks the vSphere spec", async () => {
    const { startServer } = await import("@opstatus/tools/test-kit");
    // a stand-in vendor on loopback whose status is not one the spec allows
    const vendor = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "PAUSED" }));
    });
    const proxy = await startMock("vmware-vsphere", { proxy: vendor.url });
    try {
      let violations: string | null = null;
      const info = await createVsphereClient({ baseUrl: proxy.url, auth: { apiKey: "session" } }).getCustomization("vm-42", {
        onResponse: (r) => (violations = r.headers.get("sl-violations")),
      });
      expect(info.status).toBe("PAUSED");
      expect(vendor.requests).toHaveLength(1);
      expect(violations).toContain("status");
    } finally {
      await proxy.close();
      await vendor.close();
    }
  }, 60_000);
});
