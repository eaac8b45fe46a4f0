// The code generator on small in-memory specs (the acme-jobs fixture, edited): what a spec may say in more than one
// way, a parameter given by `$ref` or on the path item instead of the operation, must give the same client.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { factsFiles } from "../src/codegen-facts.mjs";
import { providerModule, typesModule } from "../src/codegen-provider.mjs";
import { providerModel } from "../src/provider-model.mjs";
import { exampleArguments, targetExample } from "../src/samples.mjs";
import { repoRoot } from "../src/workspace.mjs";

const fixture = parse(readFileSync(join(repoRoot, "tools/test/fixtures/acme-jobs/openapi.yaml"), "utf8"));
const fields = {
  name: "fields",
  in: "query",
  description: "The fields to return.",
  schema: { type: "string" },
  example: "status",
};

/** The fixture with `edit` applied to a copy, and its generated provider module, types module and facts. */
function generate(edit: (doc: any, pathItem: any, op: any) => void) {
  const doc = structuredClone(fixture);
  const pathItem = doc.paths["/jobs/{jobId}"];
  edit(doc, pathItem, pathItem.get);
  const p = { name: "acme-jobs", ...providerModel(doc, "acme-jobs (in memory)") };
  return { model: p, code: providerModule(p), types: typesModule(p), facts: factsFiles(p) };
}

const queryType = `NonNullable<operations["getJob"]["parameters"]["query"]>`;

describe("the named method of an operation with a query parameter", () => {
  it("takes the query when the parameter is given by $ref", () => {
    const { model, code } = generate((d, _, op) => {
      d.components.parameters = { Fields: fields };
      op.parameters.push({ $ref: "#/components/parameters/Fields" });
    });
    expect(code).toContain(`  getJob(jobId: string, query?: ${queryType}, options?: CallOptions): Promise<Job>;`);
    expect(code).toContain(
      `    getJob: (jobId, query, options) => client.body("getJob", { path: { jobId }, query }, options),`,
    );
    expect(code).toContain("client.getJob(target, undefined, o)");
    expect(exampleArguments(model, "getJob")).toEqual(["job-1", { fields: "status" }]);
  });

  it("takes the query when the parameter is on the path item", () => {
    const { model, code } = generate((_, pathItem) => {
      pathItem.parameters = [fields];
    });
    expect(code).toContain(`  getJob(jobId: string, query?: ${queryType}, options?: CallOptions): Promise<Job>;`);
    expect(exampleArguments(model, "getJob")).toEqual(["job-1", { fields: "status" }]);
  });

  it("follows the operation where it overrides a path-item parameter (same name and place)", () => {
    const { model, code } = generate((_, pathItem, op) => {
      pathItem.parameters = [{ ...fields, required: true, example: "id" }];
      op.parameters.push(fields);
    });
    expect(code).toContain(`  getJob(jobId: string, query?: ${queryType}, options?: CallOptions): Promise<Job>;`);
    expect(exampleArguments(model, "getJob")).toEqual(["job-1", { fields: "status" }]);
  });

  it("may have its query type named in `types`, wherever the parameter is given", () => {
    for (const place of ["$ref", "path item"]) {
      const { code, types } = generate((d, pathItem, op) => {
        d.info["x-opstatus"].types.JobQuery = { query: "getJob" };
        if (place === "$ref") {
          d.components.parameters = { Fields: fields };
          op.parameters.push({ $ref: "#/components/parameters/Fields" });
        } else pathItem.parameters = [fields];
      });
      expect(types, place).toContain(`export type JobQuery = ${queryType};`);
      expect(code, place).toContain("  getJob(jobId: string, query?: JobQuery, options?: CallOptions): Promise<Job>;");
    }
  });
});

describe("the example id of the waiter's target (README usage block, CLI help)", () => {
  it("is the polled operation's path parameter example, or the manifest's own", () => {
    expect(targetExample(providerModel(fixture, "acme-jobs"))).toBe("job-1");
    const { model } = generate((d) => {
      d.info["x-opstatus"].waiter.target.example = "job-42";
    });
    expect(targetExample(model)).toBe("job-42");
  });

  it("is `<name>-1`, not the query, when the polled operation has no such path parameter", () => {
    const { model } = generate((d) => {
      d.paths["/jobs"] = { get: { ...structuredClone(d.paths["/jobs/{jobId}"].get), operationId: "listJobs" } };
      d.paths["/jobs"].get.parameters = [fields];
      const x = d.info["x-opstatus"];
      x.methods.listJobs = "listJobs";
      x.waiter.operation = "listJobs";
      x.waiter.handWritten = { module: "wait", why: "the job is found in the list" };
    });
    expect(exampleArguments(model, "listJobs")).toEqual([{ fields: "status" }]);
    expect(targetExample(model)).toBe("jobId-1");
  });
});

describe("the generated modules that hand-written code may import", () => {
  it("are leaves: the status table in states.ts and the named types in types.ts, re-exported by provider.ts", () => {
    const { code, types, facts } = generate(() => {});
    expect(facts["states.ts"]).toMatch(/^\/\*\*[\s\S]*\*\/\nexport const jobStates = \{\n/);
    expect(facts["states.ts"]).not.toContain("import");
    expect(types).toMatch(/^import type \{ components \} from "\.\/openapi\.js";\n/);
    expect(types.match(/^import /gm)).toHaveLength(1);
    expect(code).toContain(`export { jobStates } from "./states.js";`);
    expect(code).toMatch(/^export type \{ Job, [^}]+ \} from "\.\/types\.js";$/m);
  });

  it("a hand-written waiter: its module's `<waiter>Definition` is the generated waiter (with its step), typed with the client", () => {
    const { code } = generate((d) => {
      const w = d.info["x-opstatus"].waiter;
      w.handWritten = { module: "job-wait", why: "its own" };
      w.target.object = "JobTarget";
    });
    expect(code).toContain(`import { waitForJobDefinition, type JobTarget } from "../job-wait.js";`);
    expect(code).toContain("export const waitForJob: Waiter<AcmeJobsClient, JobTarget, Job> = waitForJobDefinition;");
    expect(code).toContain("`waitForJob.step(client, target, state, options)` makes one poll");
    expect(code).not.toContain("defineWaiter");
  });
});
