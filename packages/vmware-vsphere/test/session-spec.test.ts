// The session operations as the vendor facts give them ("Credential flows"): the answers the spec documents, and what
// the client does with each, from the spec's own examples (issue 21, point 6).
import { documentedResponses, fakeFetch, json, loadSpec } from "@opstatus/tools/test-kit";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createVsphereClient, OpstatusAuthError, VsphereApiError } from "../src/index.js";
import type { operations } from "../src/index.js";

const documented = (operationId: string, code: string) =>
  documentedResponses("vmware-vsphere").filter((r) => r.operationId === operationId && r.code === code);

/** A client that logs in (201, a session id), polls once, and gets `logout` for `DELETE /api/session`. */
const loggedIn = async (logout: { status: number; body: unknown }) => {
  const { fetch, requests } = fakeFetch((request) => {
    if (request.method === "POST") return json(201, "b00db39f948d13ea1e59b4d6fce56389");
    if (request.method === "DELETE") return json(logout.status, logout.body);
    return json(200, { status: "RUNNING" });
  });
  const client = createVsphereClient({
    baseUrl: "https://vcenter.test",
    auth: { username: "u", password: "p" },
    fetch,
  });
  await client.getCustomization("vm-42");
  return { client, requests };
};

describe("vSphere deleteSession: 503 when the deletion fails for server-specific reasons", () => {
  it("is a documented answer of deleteSession, with an example body", () => {
    const [unavailable, ...more] = documented("deleteSession", "503");
    expect(more).toEqual([]);
    expect(unavailable?.value).toMatchObject({ error_type: "SERVICE_UNAVAILABLE" });
    expectTypeOf<operations["deleteSession"]["responses"]>().toHaveProperty(503);
  });

  it("close() gives every documented error of deleteSession as VsphereApiError with its body", async () => {
    const errors = documentedResponses("vmware-vsphere").filter(
      (r) => r.operationId === "deleteSession" && r.status >= 300,
    );
    expect(errors.map((r) => r.code).sort()).toEqual(["401", "503"]);
    for (const r of errors) {
      const { client, requests } = await loggedIn({ status: r.status, body: r.value });
      const error: any = await client.close().then(
        () => expect.fail("expected an error"),
        (e) => e,
      );
      expect(error).toBeInstanceOf(VsphereApiError);
      expect(error.status).toBe(r.status);
      expect(error.operation).toBe("deleteSession");
      expect(error.body).toEqual(r.value);
      expect(requests.map((q) => q.method)).toEqual(["POST", "GET", "DELETE"]);
    }
  });
});

describe("vSphere createSession: the session id is a `format: password` string", () => {
  it("declares the 201 body a string of format password, as the vendor's spec does", () => {
    const spec = loadSpec("vmware-vsphere");
    const created = spec.paths["/api/session"].post.responses["201"].content["application/json"];
    expect(created.schema).toMatchObject({ type: "string", format: "password" });
    expect(created.schema.description).toMatch(/format: password/);
  });
});

describe("vSphere 401 bodies of the session operations: the optional `challenge`", () => {
  type Unauthenticated<Op extends "createSession" | "deleteSession"> =
    operations[Op]["responses"][401]["content"]["application/json"];

  it("is in the generated types of both 401 answers, optional", () => {
    expectTypeOf<Unauthenticated<"createSession">>().toHaveProperty("challenge");
    expectTypeOf<Unauthenticated<"createSession">["challenge"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Unauthenticated<"deleteSession">["challenge"]>().toEqualTypeOf<string | undefined>();
    const withoutChallenge: Unauthenticated<"deleteSession"> = { messages: [], error_type: "UNAUTHENTICATED" };
    expect(withoutChallenge.challenge).toBeUndefined();
  });

  it("a refused log-in whose 401 carries a challenge keeps it in the OpstatusAuthError's body", async () => {
    const withChallenge = documented("createSession", "401").find(
      (r) => (r.value as { challenge?: string } | undefined)?.challenge,
    );
    expect(withChallenge?.value).toMatchObject({ error_type: "UNAUTHENTICATED", challenge: 'Basic realm="vCenter"' });
    const { fetch } = fakeFetch(() => json(401, withChallenge!.value));
    const client = createVsphereClient({
      baseUrl: "https://vcenter.test",
      auth: { username: "u", password: "p" },
      fetch,
    });
    const error: any = await client.getCustomization("vm-42").catch((e) => e);
    expect(error).toBeInstanceOf(OpstatusAuthError);
    expect(error.status).toBe(401);
    expect(error.body.challenge).toBe('Basic realm="vCenter"');
  });
});
