import { readFileSync } from "node:fs";
import { fakeFetch } from "@opstatus/tools/test-kit";
import { describeLogin } from "@opstatus/tools/test-kit/login-suite";
import { provider } from "@opstatus/tools/workspace";
import { describe, expect, it } from "vitest";
import * as module from "../src/index.js";
import { createPrimaveraClient } from "../src/index.js";

// the job's state is the HTTP status: 202 while it runs, 200 once it has finished
describeLogin("oracle-primavera-admin", module, {
  target: "12345",
  statuses: [{ "@status": 202 }, { "@status": 202 }, { "@status": 202 }, { "@status": 202 }, { added: [] }],
});

// Oracle's security page: Basic goes with the v1/v2 endpoints, OAuth bearer "must use version three endpoints";
// OAuth is only for products hosted on Oracle Cloud Infrastructure; the token page always sends tokenExpiry=3600
describe("Primavera's OAuth token and its v3 endpoints", () => {
  const baseUrl = "https://primavera.test";
  /** A client logging in with `auth`, against a fetch that answers the token call with `token` and 202s after it. */
  function loginClient(auth: Record<string, unknown>, token = "tok-123", location?: string) {
    const { fetch, requests } = fakeFetch((request) =>
      request.url.includes("/oauth2/token")
        ? new Response(token, { status: 200, headers: { "content-type": "text/plain" } })
        : new Response(null, { status: 202, headers: location ? { Location: location } : {} }),
    );
    return { client: createPrimaveraClient({ baseUrl, auth: auth as never, fetch }), requests };
  }

  it("asks for the token with tokenExpiry as an integer, 3600 (the vendor's example) when not given", async () => {
    for (const [given, sent] of [
      [undefined, "3600"],
      [7200, "7200"],
    ] as const) {
      const { client, requests } = loginClient({
        username: "u",
        password: "p",
        ...(given ? { tokenExpiry: given } : {}),
      });
      await client.getJobStatus("1");
      expect(new URL(requests[0]!.url).searchParams.get("tokenExpiry")).toBe(sent);
    }
    for (const bad of [90.5, 0, -1])
      expect(() =>
        createPrimaveraClient({ baseUrl, auth: { username: "u", password: "p", tokenExpiry: bad } }),
      ).toThrow(/tokenExpiry/);
  });

  it("accepts the token in any media type, and trims the raw token", async () => {
    const { client, requests } = loginClient({ username: "u", password: "p" }, "  tok-123\r\n");
    await client.getJobStatus("1");
    expect(requests[0]!.headers.get("accept")).toBe("*/*");
    expect(requests[1]!.headers.get("authorization")).toBe("Bearer tok-123");
  });

  it("never follows a 202 Location outside /v3/ with the bearer token", async () => {
    for (const [location, path] of [
      ["/cloudapi/restapi/user/status/1", "/cloudapi/restapi/v3/user/status/1"],
      ["/cloudapi/restapi/v3/user/status/1?page=2", "/cloudapi/restapi/v3/user/status/1"],
    ] as const) {
      const { client, requests } = loginClient({ username: "u", password: "p" });
      await client.getJobStatus("1", { location });
      const status = requests.filter((r) => !r.url.includes("/oauth2/"));
      expect(new URL(status[0]!.url).pathname, location).toBe(path);
    }
  });

  it("declares Basic on the classic path and bearer on the v3 path only, as the vendor says", () => {
    const spec = provider("oracle-primavera-admin");
    expect(spec.operation("getUserJobStatus").op.security).toEqual([{ basicAuth: [] }]);
    expect(spec.operation("getUserJobStatusV3").op.security).toEqual([{ bearerAuth: [] }]);
  });

  it("says that OAuth is only for products hosted on Oracle Cloud Infrastructure: in the spec and the README", () => {
    const spec = provider("oracle-primavera-admin");
    expect(spec.doc.components.securitySchemes.bearerAuth.description).toMatch(/Oracle Cloud Infrastructure/);
    expect(readFileSync(new URL("../README.md", import.meta.url), "utf8")).toMatch(/Oracle Cloud Infrastructure/);
  });
});
