// Cleartext credentials: no credential goes over plain http to a host that is not loopback, unless the caller opts in.
import { describe, expect, it } from "vitest";
import { OpstatusRequestError } from "../src/index.js";
import { bearerScheme, createApiClient, type SpecFacts } from "../src/internal.js";

const facts: SpecFacts = {
  provider: "test-provider",
  servers: [
    {
      url: "{scheme}://{host}",
      variables: { scheme: { default: "https", enum: ["http", "https"] }, host: { default: "api.test" } },
    },
  ],
  operations: { getThing: { method: "GET", path: "/thing", security: ["bearer"] } },
  schemes: { bearer: [bearerScheme] },
  forms: { bearer: "bearer" },
};

/** A client on `options`, with a fetch that records what it is asked to send. */
function client(options: Record<string, unknown>) {
  const sent: string[] = [];
  const create = () =>
    createApiClient<
      object,
      { getThing: { parameters: object; responses: { 200: { content: { "application/json": object } } } } }
    >(facts, {
      auth: { bearer: "s3cret-token" },
      fetch: async (request: Request) => {
        sent.push(request.url);
        return new Response("{}", { headers: { "content-type": "application/json" } });
      },
      ...options,
    });
  return { create, sent };
}

describe("credentials over plain http", () => {
  for (const baseUrl of [
    "http://vcenter.corp.test",
    "http://10.0.0.5:8080",
    "http://128.0.0.1",
    "http://localhost.evil.test",
  ]) {
    it(`refuses ${baseUrl} at client creation, saying how to opt in, and sends nothing`, () => {
      const { create, sent } = client({ baseUrl });
      let error: any;
      try {
        create();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(OpstatusRequestError);
      expect(error.message).toContain("test-provider createClient");
      expect(error.message).toContain("allowInsecureHttp: true");
      expect(error.message).not.toContain("s3cret-token");
      expect(sent).toEqual([]);
    });
  }

  it("refuses a server built from variables on http too", () => {
    expect(() => client({ serverVariables: { scheme: "http", host: "api.corp.test" } }).create()).toThrow(
      /allowInsecureHttp/,
    );
  });

  it("refuses any other base URL option (a log-in server such as keystoneUrl) on http at creation", () => {
    expect(() => client({ baseUrl: "https://api.test", keystoneUrl: "http://keystone.corp.test" }).create()).toThrow(
      /allowInsecureHttp/,
    );
  });

  for (const baseUrl of [
    "http://127.0.0.1:4010",
    "http://127.8.9.10",
    "http://localhost:14000",
    "http://[::1]:8080",
    "https://api.corp.test",
  ])
    it(`allows ${baseUrl} (loopback, or https)`, async () => {
      const { create, sent } = client({ baseUrl });
      await create().body("getThing");
      expect(sent).toHaveLength(1);
    });

  it("allows plain http beyond loopback when the caller opts in with allowInsecureHttp: true", async () => {
    const { create, sent } = client({ baseUrl: "http://api.corp.test", allowInsecureHttp: true });
    await create().body("getThing");
    expect(sent).toEqual(["http://api.corp.test/thing"]);
  });
});
