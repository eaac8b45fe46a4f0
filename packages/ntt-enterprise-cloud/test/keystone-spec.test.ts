// Keystone's token operations as the vendor facts give them ("Credential flows", after the OpenStack Identity v3
// reference): the `nocatalog` query of the log-in, and every error code Keystone lists, each documented with an
// example and given by the client as it comes (issue 21, point 6).
import { documentedResponses, fakeFetch, json, loadSpec } from "@opstatus/tools/test-kit";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createEnterpriseCloudClient, EnterpriseCloudApiError, OpstatusAuthError } from "../src/index.js";
import type { operations } from "../src/index.js";

const tenantId = "13572f6f42a74d2b82f7099f78d0393a";
const login = { apiKey: "key", apiSecret: "secret", tenantId };

describe("Keystone issueToken: the nocatalog query", () => {
  type Query = NonNullable<operations["issueToken"]["parameters"]["query"]>;

  it("is an optional query parameter of issueToken, in the spec and the generated types", () => {
    const spec = loadSpec("ntt-enterprise-cloud");
    const params: any[] = spec.paths["/v3/auth/tokens"].post.parameters ?? [];
    const nocatalog = params.find((p) => p.name === "nocatalog");
    expect(nocatalog).toMatchObject({ in: "query", required: false, schema: { type: "string" } });
    expect(nocatalog.description).toMatch(/excludes the service catalog/);
    expectTypeOf<Query>().toHaveProperty("nocatalog");
    expectTypeOf<Query["nocatalog"]>().toEqualTypeOf<string | undefined>();
  });
});

describe("Keystone token operations: every error code the reference lists", () => {
  const codes = ["400", "401", "403", "404", "405", "409", "413", "415", "503"];
  const errors = (operationId: string) =>
    documentedResponses("ntt-enterprise-cloud").filter((r) => r.operationId === operationId && r.status >= 300);

  for (const operationId of ["issueToken", "revokeToken"]) {
    it(`${operationId} documents ${codes.join(", ")}, each with a Keystone error example`, () => {
      const documented = errors(operationId);
      expect([...new Set(documented.map((r) => r.code))]).toEqual(codes);
      for (const r of documented) expect(r.value).toMatchObject({ error: { code: r.status } });
    });
  }

  it("a log-in answered with any of them gives that error, with the documented body", async () => {
    for (const r of errors("issueToken")) {
      const { fetch, requests } = fakeFetch(() => json(r.status, r.value));
      const client = createEnterpriseCloudClient({
        baseUrl: "https://vna.test",
        keystoneRegion: "jp1",
        auth: login,
        fetch,
      });
      const error: any = await client.listOperations().catch((e) => e);
      // a refusal (401, 403) is an OpstatusAuthError; any other answer the provider's API error
      expect(error).toBeInstanceOf(r.status === 401 || r.status === 403 ? OpstatusAuthError : EnterpriseCloudApiError);
      expect([error.status, error.operation]).toEqual([r.status, "issueToken"]);
      expect(error.body).toEqual(r.value);
      expect(requests).toHaveLength(1);
    }
  });

  it("close() answered with any of them by revokeToken gives EnterpriseCloudApiError with the documented body", async () => {
    for (const r of errors("revokeToken")) {
      const { fetch } = fakeFetch((request) => {
        if (request.method === "POST")
          return json(201, { token: { methods: ["password"] } }, { "X-Subject-Token": "t" });
        if (request.method === "DELETE") return json(r.status, r.value);
        return json(200, { operations: [] });
      });
      const client = createEnterpriseCloudClient({
        baseUrl: "https://vna.test",
        keystoneRegion: "jp1",
        auth: login,
        fetch,
      });
      await client.listOperations();
      const error: any = await client.close().then(
        () => expect.fail("expected an error"),
        (e) => e,
      );
      expect(error).toBeInstanceOf(EnterpriseCloudApiError);
      expect([error.status, error.operation]).toEqual([r.status, "revokeToken"]);
      expect(error.body).toEqual(r.value);
    }
  });
});
