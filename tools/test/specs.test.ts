// Fidelity and example tests over every provider spec: specs/<name>/openapi.yaml with an x-opstatus manifest (the
// specs `providers()` finds, and the ones `pnpm generate` lists in redocly.yaml).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { specModel } from "../src/spec-model.mjs";
import { checkFidelity, findSchema, validateExamples } from "../src/spec-checks.mjs";
import { provider, providers } from "../src/workspace.mjs";

const inventoryOf = (specDir: string) => JSON.parse(readFileSync(join(specDir, "page-inventory.json"), "utf8"));
const opById = (doc: any, id: string) => specModel(doc).operation(id).op;

describe.each(providers())("$name spec", ({ doc, specDir }) => {
  const inventory = inventoryOf(specDir);

  it("is OpenAPI 3.1 with info, externalDocs, servers, tags and security schemes", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.description).toMatch(/Differences from the vendor page/i);
    expect(doc.externalDocs?.url).toMatch(/^https:\/\//);
    expect(doc.servers?.length).toBeGreaterThan(0);
    expect(Object.keys(doc.components?.securitySchemes ?? {}).length).toBeGreaterThan(0);
    expect(doc.info["x-opstatus"]?.provider).toBe(inventory.page.split(".")[0]);
  });

  it("holds every parameter, response, header, schema, field and enum on the vendor page", () => {
    expect(checkFidelity(doc, inventory)).toEqual([]);
  });

  it("has examples that all validate against their schemas (ajv, JSON Schema 2020-12)", () => {
    const { count, problems } = validateExamples(doc);
    const pageExamples = inventory.operations.flatMap((op: { responses: Record<string, { examples?: number }> }) =>
      Object.values(op.responses).map((r) => r.examples ?? 0),
    );
    expect(count).toBeGreaterThanOrEqual(pageExamples.reduce((a: number, b: number) => a + b, 0));
    expect(problems).toEqual([]);
  });
});

describe("the checks themselves catch a lossy edit", () => {
  const [first] = providers();
  const inventory = inventoryOf(first!.specDir);
  const doc = () => structuredClone(first!.doc);
  // the inventory's first operation, the one the edits below break
  const op = (d: any) => opById(d, inventory.operations[0].operationId);

  it("reports a dropped response code", () => {
    const d = doc();
    const code = Object.keys(inventory.operations[0].responses).at(-1)!;
    delete op(d).responses[code];
    expect(checkFidelity(d, inventory).join("\n")).toContain(`response ${code}: missing`);
  });

  it("reports a dropped schema field", () => {
    const d = doc();
    const [vendorName, fields] = Object.entries(inventory.schemas as Record<string, string[]>).find(
      ([, f]) => f.length > 0,
    )!;
    delete findSchema(d, vendorName).properties[fields[0]!];
    expect(checkFidelity(d, inventory).join("\n")).toContain(`field ${fields[0]} missing`);
  });

  it("reports a dropped parameter", () => {
    const d = doc();
    const param = inventory.operations[0].parameters.find((p: { as?: string }) => !p.as);
    op(d).parameters = (op(d).parameters ?? []).filter((p: { name: string }) => p.name !== param.name);
    expect(checkFidelity(d, inventory).join("\n")).toContain(`parameter ${param.name}: missing`);
  });

  it("reports an example that breaks its schema", () => {
    const d = doc();
    const response = op(d).responses["200"];
    const example = Object.values(response.content["application/json"].examples)[0] as { value: unknown };
    example.value = 42;
    expect(validateExamples(d).problems.length).toBeGreaterThan(0);
  });
});

describe("the credential-operation checks catch a lossy edit", () => {
  const spec = (name: string) => {
    const p = provider(name);
    return { doc: structuredClone(p.doc), inventory: inventoryOf(p.specDir) };
  };

  it("accepts `security: []` only where the inventory says the credentials travel in the body", () => {
    const { doc, inventory } = spec("ntt-enterprise-cloud");
    expect(checkFidelity(doc, inventory)).toEqual([]);
    const without = structuredClone(inventory);
    delete without.operations.find((o: any) => o.operationId === "issueToken").credentials;
    expect(checkFidelity(doc, without).join("\n")).toContain("operation issueToken: no security requirement");
  });

  it("reports a body-credential operation whose `security: []` or request body is gone", () => {
    const { doc, inventory } = spec("ntt-enterprise-cloud");
    const d1 = structuredClone(doc);
    delete opById(d1, "issueToken").security;
    expect(checkFidelity(d1, inventory).join("\n")).toContain("must declare `security: []` explicitly");
    const d2 = structuredClone(doc);
    delete opById(d2, "issueToken").requestBody;
    expect(checkFidelity(d2, inventory).join("\n")).toContain("no required request body");
  });

  it("reports a dropped operation server and a request body example that breaks its schema", () => {
    const { doc: d, inventory } = spec("ntt-enterprise-cloud");
    delete opById(d, "revokeToken").servers;
    expect(checkFidelity(d, inventory).join("\n")).toContain(
      "operation revokeToken: operation server https://keystone-{region}-ecl.api.ntt.com missing",
    );
    const example = Object.values(opById(d, "issueToken").requestBody.content["application/json"].examples)[0] as {
      value: any;
    };
    delete example.value.auth.identity;
    expect(validateExamples(d).problems.join("\n")).toContain("request body application/json");
  });

  it("reports a login operation that uses the wrong security scheme", () => {
    const { doc: d, inventory } = spec("oracle-identity-governance");
    opById(d, "createToken").security = [{ bearerAuth: [] }];
    expect(checkFidelity(d, inventory).join("\n")).toContain(
      "operation createToken: header parameter Authorization: security schemes are bearerAuth, the source says basicAuth",
    );
  });

  it("checks the examples of a text/plain answer", () => {
    const { doc: d, inventory } = spec("oracle-primavera-admin");
    delete opById(d, "getOAuthToken").responses["200"].content["text/plain"].examples;
    expect(checkFidelity(d, inventory).join("\n")).toContain("operation getOAuthToken: response 200: 0 example(s)");
    opById(d, "getOAuthToken").responses["200"].content = { "application/json": { schema: { type: "string" } } };
    expect(checkFidelity(d, inventory).join("\n")).toContain(
      "operation getOAuthToken: response 200: no text/plain media type",
    );
  });
});
