// Enterprise Cloud's own cases (filters, region and endpoint, the page's loose values); the shared client suite runs
// in provider.test.ts.
import { validateExamples } from "@opstatus/tools/spec-checks";
import { fakeFetch, json, loadSpec } from "@opstatus/tools/test-kit";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createEnterpriseCloudClient } from "../src/index.js";
import type {
  EnterpriseCloudApiError,
  EnterpriseCloudErrorBody,
  ListOperationsFilters,
  Operation,
  OperationList,
} from "../src/index.js";

const baseUrl = "https://vna.test";

describe("createEnterpriseCloudClient", () => {
  it("serialises every filter into the query, booleans as true/false", async () => {
    const { fetch, requests } = fakeFetch(() => json(200, { operations: [] }));
    const client = createEnterpriseCloudClient({ serverVariables: { region: "uk1" }, fetch, auth: { token: "tok" } });
    const filters: ListOperationsFilters = {
      id: "75aab8db-8632-42b4-af2f-06b5820798ef",
      resource_id: "a80c1728-cc0c-11e6-8080-525400060300",
      resource_type: "ECL::VirtualNetworkAppliance::VSRX",
      request_type: "Create",
      status: "PROCESSING",
      tenant_id: "13572f6f42a74d2b82f7099f78d0393a",
      no_deleted: true,
      latest: false,
    };
    await client.listOperations(filters);
    const url = new URL(requests[0]!.url);
    expect(url.origin + url.pathname).toBe("https://virtual-network-appliance-uk1-ecl.api.ntt.com/v1.0/operations");
    expect(Object.fromEntries(url.searchParams)).toEqual({ ...filters, no_deleted: "true", latest: "false" });
    expect(url.search).toContain("resource_type=ECL%3A%3AVirtualNetworkAppliance%3A%3AVSRX");
  });

  it("sends no query string without filters, and takes a full api_endpoint", async () => {
    const { fetch, requests } = fakeFetch(() => json(200, { operations: [] }));
    await createEnterpriseCloudClient({
      serverVariables: { api_endpoint: "vna-jp2.example.internal" },
      fetch,
      auth: { token: "t" },
    }).listOperations();
    expect(requests[0]!.url).toBe("https://vna-jp2.example.internal/v1.0/operations");
  });

  it("rejects a region the spec does not list", () => {
    expect(() =>
      createEnterpriseCloudClient({ serverVariables: { region: "xx9" as "jp1" }, auth: { token: "t" } }),
    ).toThrow(/region must be one of/);
  });

  it("decodes the page's mixed-case status and string request_body as they come", async () => {
    const body = { operations: [{ id: "x", status: "Complete", request_body: '{"a":1}', request_id: "" }] };
    const { fetch } = fakeFetch(() => json(200, body));
    expect(await createEnterpriseCloudClient({ baseUrl, fetch, auth: { token: "t" } }).listOperations()).toEqual(body);
  });

  it("decodes a request_type and resource_type outside the known values as they came", async () => {
    const body = {
      operations: [{ id: "x", request_type: "Migrate", resource_type: "ECL::VirtualNetworkAppliance::Other" }],
    };
    const { fetch } = fakeFetch(() => json(200, body));
    const list = await createEnterpriseCloudClient({ baseUrl, fetch, auth: { token: "t" } }).listOperations({
      request_type: "Migrate",
    });
    expect(list).toEqual(body);
    expect(list.operations?.[0]?.request_type).toBe("Migrate");
  });

  it("decodes a status outside the known values as it came, and filters by it", async () => {
    const body = { operations: [{ id: "x", status: "Migrating" }] };
    const { fetch, requests } = fakeFetch(() => json(200, body));
    const list = await createEnterpriseCloudClient({ baseUrl, fetch, auth: { token: "t" } }).listOperations({
      status: "Migrating",
    });
    expect(list).toEqual(body);
    expect(new URL(requests[0]!.url).searchParams.get("status")).toBe("Migrating");
    expectTypeOf<Operation["status"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ListOperationsFilters["status"]>().toEqualTypeOf<string | undefined>();
  });

  it("has the vendor's types", () => {
    const client = createEnterpriseCloudClient({ baseUrl, auth: { token: "t" } });
    expectTypeOf(client.listOperations).returns.resolves.toEqualTypeOf<OperationList>();
    expectTypeOf<ListOperationsFilters["latest"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<ListOperationsFilters["request_type"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<EnterpriseCloudApiError["body"]>().toEqualTypeOf<EnterpriseCloudErrorBody | undefined>();
    const typeOnly = () => {
      // @ts-expect-error latest is a boolean
      void client.listOperations({ latest: "yes" });
    };
    expect(typeof typeOnly).toBe("function");
  });
});

describe("the spec's operation status: open like request_type and resource_type", () => {
  /** The spec's problems once an answer and the `status` filter carry `status` as their example. */
  const problemsWith = (status: string) => {
    const doc = loadSpec("ntt-enterprise-cloud");
    const op = doc.paths["/v1.0/operations"].get;
    op.responses["200"].content["application/json"].examples = { probe: { value: { operations: [{ status }] } } };
    op.parameters.find((p: { name: string }) => p.name === "status").example = status;
    return validateExamples(doc).problems;
  };
  const knownValues = (schema: any): unknown[] => [
    ...(schema.enum ?? []),
    ...(schema.anyOf ?? []).flatMap((alternative: any) => knownValues(alternative)),
  ];

  it("accepts a status outside the known values (Migrating), in answers and in the status filter", () => {
    expect(problemsWith("Migrating")).toEqual([]);
  });

  it("accepts the known values in any letter case, and no more than the page's 255 characters", () => {
    for (const status of ["COMPLETE", "Complete", "processing", "Stuck", "error"])
      expect(problemsWith(status)).toEqual([]);
    const tooLong = problemsWith("x".repeat(256));
    expect(tooLong).toHaveLength(2);
    expect(tooLong.join("\n")).toContain("status");
  });

  it("documents the vendor's four values as the known ones", () => {
    const schema = loadSpec("ntt-enterprise-cloud").components.schemas.OperationStatus;
    expect(knownValues(schema)).toEqual(["PROCESSING", "STUCK", "COMPLETE", "ERROR"]);
  });
});
