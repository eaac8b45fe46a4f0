// The provider model on the acme-jobs fixture, edited in memory: the manifest's shape is checked by its JSON Schema
// (and its types come from that schema), what it names in the spec is checked in code, and the samples follow one rule.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import { parse } from "yaml";
import type { CanonicalState, LoginField, Manifest, Method } from "../src/manifest.mjs";
import { providerModel } from "../src/provider-model.mjs";
import { SAMPLE_SECRET, loginExamples, sampleAuth, sampleLogin } from "../src/samples.mjs";
import { provider, repoRoot } from "../src/workspace.mjs";

const fixture = parse(readFileSync(join(repoRoot, "tools/test/fixtures/acme-jobs/openapi.yaml"), "utf8"));

/** The fixture's model, with `edit` applied to a copy of its manifest first. */
const model = (edit: (x: any, doc: any) => void = () => {}) => {
  const doc = structuredClone(fixture);
  edit(doc.info["x-opstatus"], doc);
  return providerModel(doc, "acme-jobs.yaml");
};

describe("the manifest's shape (its JSON Schema)", () => {
  it("takes the fixture and fills in the defaults, leaving the spec as it was", () => {
    const { manifest, doc } = model();
    expect(manifest.waiter.ignoreCase).toBe(false);
    expect(manifest.waiter.notes).toBeTypeOf("object");
    expect(manifest.client.api).toBe("createAcmeJobsApi");
    expect(manifest.methods).toEqual([{ operationId: "getJob", name: "getJob" }]);
    expect(doc.info["x-opstatus"].waiter.ignoreCase).toBeUndefined();
  });

  it.each<[string, (x: any) => void, string]>([
    ["a key that is not an identifier", (x) => (x.client.factory = "1st"), "client.factory: must match pattern"],
    ["a missing key", (x) => delete x.client.summary, "client: must have required property 'summary'"],
    ["an unknown key", (x) => (x.client.factroy = "x"), "client: must NOT have additional properties (factroy)"],
    ["an empty text", (x) => (x.vendor = " "), "vendor: must match pattern"],
    ["no ready form", (x) => (x.auth.forms = {}), "auth.forms: must NOT have fewer than 1 properties"],
    [
      "a state that is not canonical",
      (x) => (x.waiter.states.paused = "ok"),
      "waiter.states.paused: must be equal to one of the allowed values (pending, running, succeeded, failed, canceled)",
    ],
    [
      "no status that means succeeded",
      (x) => (x.waiter.states = { running: "running" }),
      "waiter.states: vendor status -> canonical state, with at least one status that means succeeded",
    ],
    [
      "a target object on a generated waiter",
      (x) => (x.waiter.target.object = "JobTarget"),
      "waiter.target: a target object needs a hand-written waiter",
    ],
    [
      "a hand-written method without its return type",
      (x) => (x.methods.getJob = { name: "getJob", handWritten: { module: "job", why: "its own" } }),
      "methods.getJob.handWritten: must have required property 'returns'",
    ],
  ])("refuses %s, naming the key", (_, edit, message) => {
    expect(() => model(edit)).toThrow(/^acme-jobs\.yaml: info\.x-opstatus: /);
    expect(() => model(edit)).toThrow(message);
  });
});

describe("what the manifest names in the spec (checked in code)", () => {
  it.each<[string, (x: any) => void, string]>([
    ["an operation", (x) => (x.waiter.operation = "getJobs"), `waiter.operation: no operation "getJobs" in the spec`],
    ["a method's operation", (x) => (x.methods.nope = "nope"), `methods.nope: no operation "nope" in the spec`],
    ["a security scheme", (x) => (Object.values<any>(x.auth.forms)[0].scheme = "none"), `no security scheme "none"`],
    ["a schema", (x) => (x.types.Job = { schema: "Nope" }), `types.Job: no schema "Nope" in components.schemas`],
    [
      "the target's path parameter",
      (x) => (x.waiter.target.name = "id"),
      `waiter.target.name "id" is not a path parameter of getJob`,
    ],
  ])("refuses a missing %s", (_, edit, message) => {
    expect(() => model(edit)).toThrow(message);
  });
});

describe("the model", () => {
  it("finds an operation by id, with its parameters, and names the spec when there is none", () => {
    const m = model();
    expect(m.operation("getJob")).toMatchObject({ method: "get", path: "/jobs/{jobId}", pathParameters: ["jobId"] });
    expect(m.operation("getJob").parameters.map((p) => p.name)).toContain("jobId");
    expect(m.find("nope")).toBeUndefined();
    expect(() => m.operation("nope")).toThrow("acme-jobs.yaml: no operation nope");
  });

  it("answers the waiter's operation and its named method", () => {
    const m = model();
    expect(m.waiterOperation).toBe(m.operation("getJob"));
    expect(m.waiterMethod).toBe(m.manifest.methods[0]);
  });
});

describe("sample credentials: one rule", () => {
  it("a password or a secret gets the secret, any other field opstatus-<field>; optional fields are left out", () => {
    const m = model((x) => {
      x.auth.login = {
        summary: "log in",
        fields: {
          userName: "who",
          apiSecret: { description: "its secret", secret: true },
          tenantId: "where",
          lifetime: { description: "s", optional: true },
        },
        operation: "getJob",
        scheme: Object.values<any>(x.auth.forms)[0].scheme,
        token: "body",
      };
    });
    expect(sampleLogin(m.manifest)).toEqual({
      userName: "opstatus-userName",
      apiSecret: SAMPLE_SECRET,
      tenantId: "opstatus-tenantId",
    });
    expect(sampleAuth(m.manifest, { login: true, secret: "s3" })).toMatchObject({ apiSecret: "s3" });
    expect(sampleLogin(m.manifest, { examples: { tenantId: "t-1" } }).tenantId).toBe("t-1");
  });

  it("takes the log-in fields a validating mock accepts from the log-in body's example", () => {
    const ntt = provider("ntt-enterprise-cloud");
    const fields = loginExamples(ntt);
    expect(Object.keys(fields)).toEqual(["apiKey", "apiSecret", "tenantId"]);
    for (const value of Object.values(fields)) expect(value).not.toMatch(/^opstatus-/);
  });
});

it("the manifest's types come from its schema", () => {
  expectTypeOf<Manifest["waiter"]["ignoreCase"]>().toEqualTypeOf<boolean>();
  expectTypeOf<Manifest["waiter"]["states"]>().toEqualTypeOf<Record<string, CanonicalState>>();
  expectTypeOf<Manifest["waiter"]["reason"]>().toEqualTypeOf<string | undefined>();
  expectTypeOf<Method["operationId"]>().toEqualTypeOf<string>();
  expectTypeOf<NonNullable<Method["handWritten"]>["operations"]>().toEqualTypeOf<string[] | undefined>();
  expectTypeOf<LoginField["type"]>().toEqualTypeOf<"string" | "integer">();
  expectTypeOf<LoginField["optional"]>().toEqualTypeOf<boolean>();
  expectTypeOf<LoginField["secret"]>().toEqualTypeOf<boolean>();
  expectTypeOf<LoginField["default"]>().toEqualTypeOf<string | number | undefined>();
  expectTypeOf<LoginField["description"]>().toEqualTypeOf<string>();
  expectTypeOf<Manifest["types"]>().toEqualTypeOf<Record<string, { schema: string } | { query: string }>>();
});
