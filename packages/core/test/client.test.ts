// Cleartext credentials: no credential goes over plain http to a host that is not loopback, unless the caller opts in.
import { describe, expect, it } from "vitest";
import { OpstatusApiError, OpstatusNetworkError, OpstatusRequestError } from "../src/index.js";
import { apiKeyScheme, bearerScheme } from "../src/auth.js";
import { createApiClient } from "../src/client.js";
import type { SpecFacts } from "../src/facts.js";
import { loginServerUrl } from "../src/urls.js";

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
    createApiClient<{
      getThing: { parameters: object; responses: { 200: { content: { "application/json": object } } } };
    }>(facts, {
      auth: { bearer: "s3cret-token" },
      fetch: async (request: Request) => {
        sent.push(request.url);
        return new Response("{}", { headers: { "content-type": "application/json" } });
      },
      ...options,
    });
  return { create, sent };
}

/** A log-in server of its own (ECL's Keystone), by region or by URL. */
const KEYSTONE: NonNullable<SpecFacts["loginServer"]> = {
  url: "https://keystone-{region}.test",
  variables: { region: {} },
  option: "keystoneUrl",
  variableOptions: { region: "keystoneRegion" },
  from: {},
};

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

  it("takes a URL option given as undefined as not given (e.g. baseUrl: process.env.X with X unset)", async () => {
    const { create, sent } = client({ baseUrl: undefined, keystoneUrl: undefined });
    await create().body("getThing");
    expect(sent).toEqual(["https://api.test/thing"]);
  });

  it("refuses a server built from variables on http too", () => {
    expect(() => client({ serverVariables: { scheme: "http", host: "api.corp.test" } }).create()).toThrow(
      /allowInsecureHttp/,
    );
  });

  it("refuses a log-in server given on http (keystoneUrl) at creation", () => {
    const withLogin: SpecFacts = {
      ...facts,
      loginScheme: "bearer",
      login: { fields: { user: "string", secret: "string" }, forms: "{ user, secret } or { bearer }" },
      loginServer: KEYSTONE,
    };
    const make = (keystoneUrl: string) =>
      createApiClient(
        withLogin,
        { baseUrl: "https://api.test", keystoneUrl, auth: { user: "u", secret: "s3cret" } } as never,
        undefined,
        async () => () => expect.fail("no session"),
        loginServerUrl,
      );
    expect(() => make("http://keystone.corp.test")).toThrow(/allowInsecureHttp/);
    expect(() => make("https://keystone.corp.test/v3")).not.toThrow();
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

describe("fetch(request), what the openapi-fetch client sends through", () => {
  it("adds the credential and the headers option, a header the request sets itself winning", async () => {
    const seen: Request[] = [];
    const api = createApiClient(facts, {
      baseUrl: "https://api.test/v1",
      auth: { bearer: "s3cret-token" },
      headers: { "x-trace": "client", "x-tenant": "t1" },
      fetch: async (request: Request) => {
        seen.push(request);
        return new Response("{}");
      },
    });
    await api.fetch(new Request("https://api.test/v1/thing", { headers: { "x-trace": "call" } }));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.get("authorization")).toBe("Bearer s3cret-token");
    expect(seen[0]!.headers.get("x-trace")).toBe("call");
    expect(seen[0]!.headers.get("x-tenant")).toBe("t1");
  });

  for (const url of ["https://evil.test/thing", "http://api.test/thing", "https://api.test:8443/thing"])
    it(`refuses ${url} (not the base URL's origin), sending nothing`, async () => {
      const { create, sent } = client({ baseUrl: "https://api.test" });
      const error: any = await create()
        .fetch(new Request(url))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpstatusRequestError);
      expect(error.message).toContain("test-provider fetch");
      expect(error.message).toContain(new URL(url).host);
      expect(sent).toEqual([]);
    });

  it("turns a failed connection into OpstatusNetworkError naming provider and operation, without the credential", async () => {
    const api = createApiClient(facts, {
      baseUrl: "https://api.test",
      auth: { bearer: "s3cret-token" },
      fetch: async () => {
        throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED (sent s3cret-token)") });
      },
    });
    const error: any = await api.fetch(new Request("https://api.test/thing")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpstatusNetworkError);
    expect(error.message).toContain("test-provider fetch");
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.message).not.toContain("s3cret-token");
  });

  it("refuses after close(), sending nothing", async () => {
    const { create, sent } = client({ baseUrl: "https://api.test" });
    const api = create();
    await api.close();
    await expect(api.fetch(new Request("https://api.test/thing"))).rejects.toThrow(/closed/);
    expect(sent).toEqual([]);
  });
});

describe("redirects: the credential never follows a redirect", () => {
  it("answers a 302 to another origin as the API error it is; the other origin gets nothing", async () => {
    const { createServer } = await import("node:http");
    const stolen: string[] = [];
    const thief = createServer((request, response) => {
      stolen.push(String(request.headers["x-api-key"] ?? "(no key)"));
      response.end("{}");
    });
    await new Promise<void>((resolve) => thief.listen(0, "127.0.0.1", resolve));
    const thiefPort = (thief.address() as { port: number }).port;
    const api = createServer((_, response) => {
      response.writeHead(302, { location: `http://127.0.0.1:${thiefPort}/steal` }).end();
    });
    await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
    const apiPort = (api.address() as { port: number }).port;
    try {
      const keyed = createApiClient(
        {
          ...facts,
          schemes: { key: [apiKeyScheme, "X-API-Key"] },
          forms: { apiKey: "key" },
          operations: { getThing: { method: "GET", path: "/thing", security: ["key"] } },
        },
        { baseUrl: `http://127.0.0.1:${apiPort}`, auth: { apiKey: "k3y-s3cret" } },
      );
      const error: any = await (keyed.request as (operation: string) => Promise<unknown>)("getThing").catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(OpstatusApiError);
      expect(error.status).toBe(302);
      const raw: any = await keyed.fetch(new Request(`http://127.0.0.1:${apiPort}/thing`));
      expect(raw.status).toBe(302);
      expect(stolen).toEqual([]);
    } finally {
      api.close();
      thief.close();
    }
  });
});

describe("a base URL that is not one", () => {
  it("does not echo unparsable text (it may hold a password)", () => {
    const baseUrl = "https://user:s3cret@api.test:99999";
    expect(URL.canParse(baseUrl)).toBe(false);
    let error: any;
    try {
      client({ baseUrl }).create();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OpstatusRequestError);
    expect(error.message).not.toContain("s3cret");
  });

  for (const baseUrl of ["ftp://api.test", "file:///etc", "javascript:alert(1)"])
    it(`refuses ${baseUrl} (only http and https)`, () => {
      expect(() => client({ baseUrl }).create()).toThrow(/http/);
    });
});

describe("the headers of an error answer", () => {
  it("keep no credential: a header that carries the token or a known secret is masked", async () => {
    const api = createApiClient(facts, {
      baseUrl: "https://api.test",
      auth: { bearer: "s3cret-token" },
      fetch: async () =>
        new Response("{}", {
          status: 500,
          headers: { "x-subject-token": "gAAAA-new-token", "x-echo": "Bearer s3cret-token", "x-request-id": "r-1" },
        }),
    });
    const error: any = await (api.request as (operation: string) => Promise<unknown>)("getThing").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OpstatusApiError);
    const headers = Object.fromEntries(error.headers);
    expect(JSON.stringify(headers)).not.toContain("gAAAA-new-token");
    expect(JSON.stringify(headers)).not.toContain("s3cret-token");
    expect(headers["x-request-id"]).toBe("r-1");
  });
});

describe("log-in fields of the wrong type", () => {
  const withLogin: SpecFacts = {
    ...facts,
    loginScheme: "bearer",
    login: {
      fields: { user: "string", secret: "string", expiry: "integer" },
      optional: ["expiry"],
      forms: "{ user, secret }",
    },
  };
  const make = (auth: object) =>
    createApiClient(
      withLogin,
      { baseUrl: "https://api.test", auth } as never,
      undefined,
      async () => () => expect.fail("no session"),
    );
  for (const auth of [
    { user: "u", secret: 12345678 },
    { user: "u", secret: "" },
    { user: ["u"], secret: "s" },
    { user: "u", secret: "s", expiry: "3600" },
    { user: "u", secret: "s", toString: "x" },
  ])
    it(`refuses ${JSON.stringify(auth)} at creation`, () => {
      expect(() => make(auth)).toThrow(OpstatusRequestError);
    });
  it("takes good fields", () => {
    expect(() => make({ user: "u", secret: "s", expiry: 60 })).not.toThrow();
  });
  it("does not take prototype keys for fields", () => {
    expect(() => make(Object.create({ user: "u", secret: "s" }))).toThrow(OpstatusRequestError);
  });
});

describe("a log-in server's URL option (keystoneUrl) ending in the operations' path prefix", () => {
  const withServer: SpecFacts = {
    ...facts,
    loginServer: { ...KEYSTONE, pathPrefix: "/v3" },
  };
  const scope = { provider: "test-provider", operation: "createClient" };
  for (const [given, expected] of [
    ["https://keystone.corp.test/v3", "https://keystone.corp.test"],
    ["https://keystone.corp.test/v3/", "https://keystone.corp.test"],
    ["https://keystone.corp.test/identity/v3", "https://keystone.corp.test/identity"],
    ["https://keystone.corp.test/identity", "https://keystone.corp.test/identity"],
    ["https://keystone.corp.test", "https://keystone.corp.test"],
  ] as const)
    it(`${given} → ${expected}`, () => {
      expect(loginServerUrl(scope, withServer, { keystoneUrl: given }, "https://api.test")).toBe(expected);
    });
});
