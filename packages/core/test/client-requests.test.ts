// What a client sends and what it makes of the answer (core's own suite): the credential forms it takes, the headers
// and body of a request, the error of an answer (its message, the vendor's message, redaction), a vendor's location.
import { describe, expect, it } from "vitest";
import { OpstatusApiError, OpstatusNetworkError, isOpstatusError } from "../src/index.js";
import { apiKeyScheme, bearerScheme } from "../src/auth.js";
import { createApiClient, isAbortError, requestAt } from "../src/client.js";
import { extractVendorMessage } from "../src/errors.js";
import type { SpecFacts } from "../src/facts.js";
import { caught, thrown } from "./outcomes.js";

const facts: SpecFacts = {
  provider: "test-provider",
  servers: [{ url: "https://api.test/base", variables: {} }],
  operations: {
    getThing: { method: "GET", path: "/thing/{id}", security: ["bearer"] },
    putThing: { method: "PUT", path: "/thing", security: ["bearer"] },
    getToken: { method: "GET", path: "/token", security: [], text: true },
    getOpen: { method: "GET", path: "/open" },
  },
  schemes: { bearer: [bearerScheme], key: [apiKeyScheme, "X-Key"] },
  forms: { bearer: "bearer", apiKey: "key" },
};

type Answer = (request: Request) => Response | Promise<Response>;

function client(answer: Answer = () => Response.json({ ok: true }), options: Record<string, unknown> = {}) {
  const sent: Request[] = [];
  const api = createApiClient(
    facts,
    {
      auth: { bearer: "s3cret-token" },
      fetch: async (request: Request) => {
        sent.push(request.clone());
        return answer(request);
      },
      ...options,
    },
    OpstatusApiError,
  );
  return { api: api as any, sent };
}

describe("the credential forms a client takes", () => {
  it("names the forms when auth matches none, and requires auth", () => {
    expect(thrown(() => client(undefined, { auth: { token: "x" } }))).toBe(
      "test-provider createClient: auth matches no form: it takes { bearer } or { apiKey }",
    );
    expect(thrown(() => client(undefined, { auth: { bearer: "a", apiKey: "b" } }))).toContain("matches no form");
    expect(thrown(() => client(undefined, { auth: undefined }))).toBe(
      "test-provider createClient: the auth option is required",
    );
    expect(thrown(() => client(undefined, { headers: { "X-A": "a\nb" } }))).toBe(
      "test-provider createClient: X-A not sent: CR, LF or NUL in its value",
    );
  });

  it("refuses log-in fields to a client whose vendor has no log-in", () => {
    const withLogin = {
      ...facts,
      loginScheme: "bearer",
      login: { fields: { username: "string", password: "string" }, forms: "{ username, password }" },
    } as SpecFacts;
    expect(() =>
      createApiClient(withLogin, { auth: { username: "u", password: "p" }, fetch: async () => new Response() }),
    ).toThrow("test-provider createClient: this client takes no log-in fields");
  });

  it("checks log-in fields: whole numbers above 0 where the vendor wants them, optional ones may be left out", () => {
    const withLogin = {
      ...facts,
      loginScheme: "bearer",
      login: {
        fields: { username: "string", password: "string", ttl: "integer" },
        optional: ["ttl"],
        forms: "{ username, password, ttl? }",
      },
    } as SpecFacts;
    const create = (auth: Record<string, unknown>) =>
      thrown(() =>
        createApiClient(withLogin, { auth, fetch: async () => new Response() }, OpstatusApiError, async () => () => ({
          send: async () => new Response(),
          close: async () => undefined,
        })),
      );
    expect(create({ username: "u", password: "p" })).toBe("accepted");
    expect(create({ username: "u", password: "p", ttl: 60 })).toBe("accepted");
    expect(create({ username: "u", password: "p", ttl: 0 })).toBe(
      "test-provider createClient: auth lacks a good ttl: it takes { username, password, ttl? }",
    );
    expect(create({ username: "u", password: "p", ttl: 1.5 })).toContain("lacks a good ttl");
    expect(create({ username: "u" })).toBe(
      "test-provider createClient: auth lacks a good password: it takes { username, password, ttl? }",
    );
    expect(create({ username: "u", password: "p", extra: "x" })).toBe(
      "test-provider createClient: auth matches no form: it takes { username, password, ttl? }",
    );
    expect(create({})).toContain("auth lacks a good username, password");
    const required = { ...withLogin, login: { fields: { username: "string" }, forms: "{ username }" } } as SpecFacts;
    expect(
      thrown(() => createApiClient(required, { auth: { password: "p" }, fetch: async () => new Response() })),
    ).toBe("test-provider createClient: auth lacks a good username: it takes { username }");
    const allOptional = {
      ...withLogin,
      login: { fields: { ttl: "integer" }, optional: ["ttl"], forms: "{ ttl? }" },
    } as SpecFacts;
    expect(thrown(() => createApiClient(allOptional, { auth: {}, fetch: async () => new Response() }))).toBe(
      "test-provider createClient: auth matches no form: it takes { ttl? }",
    );
  });
});

describe("a request", () => {
  it("sends JSON with Content-Type only when it has a body, Accept JSON, the headers option, and the path encoded", async () => {
    const { api, sent } = client(undefined, { headers: { "X-Tenant": "t1" } });
    await api.request("getThing", { path: { id: "a b" }, query: { q: "x" }, header: { "X-Call": "c" } });
    await api.request("putThing", { body: { a: 1 } });
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET https://api.test/base/thing/a%20b?q=x",
      "PUT https://api.test/base/thing",
    ]);
    expect(sent[0]!.headers.get("content-type")).toBeNull();
    expect(sent[0]!.headers.get("accept")).toBe("application/json");
    expect(sent[0]!.headers.get("x-tenant")).toBe("t1");
    expect(sent[0]!.headers.get("x-call")).toBe("c");
    expect(sent[0]!.headers.get("authorization")).toBe("Bearer s3cret-token");
    expect(sent[1]!.headers.get("content-type")).toBe("application/json");
    expect(await sent[1]!.text()).toBe('{"a":1}');
  });

  it("accepts any media type for a raw token, and gives its text as the data", async () => {
    const { api, sent } = client(() => new Response("tok-1\n"));
    const { data } = await api.request("getToken");
    expect(data).toBe("tok-1\n");
    expect(sent[0]!.headers.get("accept")).toBe("*/*");
    expect(sent[0]!.headers.get("authorization")).toBeNull();
    const empty = client(() => new Response(""));
    expect((await empty.api.request("getToken")).data).toBeUndefined();
  });

  it("sends no credential to an operation without security, and hands the response to onResponse", async () => {
    const { api, sent } = client();
    const seen: number[] = [];
    await api.request("getOpen", {}, { onResponse: (r: Response) => seen.push(r.status) });
    expect(sent[0]!.headers.get("authorization")).toBeNull();
    expect(seen).toEqual([200]);
  });

  it("passes the caller's signal on, and lets its abort through as it is", async () => {
    const controller = new AbortController();
    const { api } = client(
      (request) =>
        new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))),
    );
    const pending = caught(api.request("getThing", { path: { id: "1" } }, { signal: controller.signal }));
    controller.abort(new DOMException("stop", "AbortError"));
    const error = await pending;
    expect(error.name).toBe("AbortError");
    expect(isOpstatusError(error)).toBe(false);
  });

  it("names the cause of a failed connection, redacting the credential", async () => {
    const { api } = client(() => {
      throw new TypeError("fetch failed", { cause: new Error("ECONNRESET while sending s3cret-token") });
    });
    const error = await caught(api.request("getThing", { path: { id: "1" } }));
    expect(error).toBeInstanceOf(OpstatusNetworkError);
    expect(error.message).toBe("test-provider getThing: request failed: ECONNRESET while sending [REDACTED]");
    const plain = client(() => {
      throw new Error("socket hang up");
    });
    expect((await caught(plain.api.request("getThing", { path: { id: "1" } }))).message).toBe(
      "test-provider getThing: request failed: socket hang up",
    );
    const odd = client(() => {
      throw "odd";
    });
    expect((await caught(odd.api.request("getThing", { path: { id: "1" } }))).message).toBe(
      "test-provider getThing: request failed: odd",
    );
  });
});

describe("a ready credential", () => {
  it("is redacted from the start, also from the answer of an operation it was not sent to, and handed to onSecret", async () => {
    const seen: string[] = [];
    const { api, sent } = client(() => new Response("echo s3cret-token", { status: 500 }), {
      onSecret: (s: string) => seen.push(s),
    });
    expect(seen).toEqual(["s3cret-token"]);
    const error = await caught(api.request("getOpen"));
    expect(sent[0]!.headers.get("authorization")).toBeNull();
    expect(error.message).toBe("test-provider getOpen: HTTP 500: echo [REDACTED]");
  });

  it("from a function is asked for before every call, and only its latest 32 tokens are redacted", async () => {
    let n = 0;
    const secrets: unknown[] = [];
    const { api, sent } = client(
      (request) => new Response(`echo token-1-xyz ${request.headers.get("authorization")}`, { status: 500 }),
      {
        auth: { bearer: async () => `token-${++n}-xyz` },
        onSecret: (secret: unknown) => secrets.push(secret),
      },
    );
    let error: any;
    for (let i = 0; i < 33; i++) error = await caught(api.request("getThing", { path: { id: "1" } }));
    expect(sent.map((r) => r.headers.get("authorization")).slice(0, 2)).toEqual([
      "Bearer token-1-xyz",
      "Bearer token-2-xyz",
    ]);
    expect(error.message).toBe("test-provider getThing: HTTP 500: echo token-1-xyz Bearer [REDACTED]");
    expect(secrets.slice(0, 2)).toEqual(["token-1-xyz", "token-2-xyz"]);
    expect(secrets).toHaveLength(33);
  });

  it("is sent with the client's scheme, whatever other schemes an operation also takes", async () => {
    const sent: Request[] = [];
    const keyed = createApiClient(
      { ...facts, operations: { getKeyed: { method: "GET", path: "/keyed", security: ["key"] } } },
      {
        auth: { bearer: "s3cret-token" },
        fetch: async (request: Request) => {
          sent.push(request);
          return Response.json({});
        },
      },
    ) as any;
    await keyed.request("getKeyed");
    expect(sent[0]!.headers.get("authorization")).toBe("Bearer s3cret-token");
    expect(sent[0]!.headers.get("x-key")).toBeNull();
  });

  it("masks the headers that carry credentials by name, and no others", async () => {
    const headers = {
      Authorization: "a",
      "X-Authorization": "b",
      "Authorization-Info": "c",
      ApiKey: "d",
      "X-Api-Key": "e",
      "Proxy-Status": "f",
    };
    const { api } = client(() => new Response("", { status: 500, headers }));
    const error = await caught(api.request("getThing", { path: { id: "1" } }));
    expect(Object.fromEntries(error.headers)).toMatchObject({
      authorization: "[REDACTED]",
      "x-authorization": "b",
      "authorization-info": "c",
      apikey: "[REDACTED]",
      "x-api-key": "[REDACTED]",
      "proxy-status": "f",
    });
  });
});

describe("an answer", () => {
  it("that is an error: the status, the vendor's message or a snippet of the body, credential headers masked", async () => {
    const { api } = client(
      () =>
        new Response(JSON.stringify({ message: "no such  thing\n s3cret-token" }), {
          status: 404,
          headers: { "X-Auth-Token": "abc", "X-Request-Id": "r-s3cret-token", "Set-Cookie": "a=b" },
        }),
    );
    const error = await caught(api.request("getThing", { path: { id: "1" } }));
    expect(error.message).toBe("test-provider getThing: HTTP 404: no such thing [REDACTED]");
    expect(error.body).toEqual({ message: "no such  thing\n [REDACTED]" });
    expect(error.headers.get("x-auth-token")).toBe("[REDACTED]");
    expect(error.headers.get("x-request-id")).toBe("r-[REDACTED]");
    expect(error.headers.get("set-cookie")).toBe("[REDACTED]");
    const html = client(() => new Response(`<html>${"x".repeat(300)}</html>`, { status: 502 }));
    const cut = await caught(html.api.request("getThing", { path: { id: "1" } }));
    expect(cut.message).toBe(`test-provider getThing: HTTP 502: <html>${"x".repeat(194)}…`);
    const empty = client(() => new Response("  ", { status: 500 }));
    expect((await caught(empty.api.request("getThing", { path: { id: "1" } }))).message).toBe(
      "test-provider getThing: HTTP 500: empty body",
    );
  });

  it("that is a 2xx with a body that is not JSON, or an empty one where the body is required, is an error", async () => {
    const { api } = client(() => new Response("<html>oops", { status: 200 }));
    const error = await caught(api.request("getThing", { path: { id: "1" } }));
    expect(error.message).toBe("test-provider getThing: HTTP 200 (the body is not valid JSON): <html>oops");
    const empty = client(() => new Response("", { status: 200 }));
    expect((await empty.api.request("getThing", { path: { id: "1" } })).data).toBeUndefined();
    expect((await caught(empty.api.body("getThing", { path: { id: "1" } }))).message).toBe(
      "test-provider getThing: HTTP 200 (the body is empty): empty body",
    );
    const blank = client(() => new Response("  \n", { status: 200 }));
    expect((await blank.api.request("getThing", { path: { id: "1" } })).data).toBeUndefined();
    const ok = client(() => Response.json({ a: 1 }));
    expect(await ok.api.body("getThing", { path: { id: "1" } })).toEqual({ a: 1 });
  });

  it("of a vendor: its message found in each vendor's error shape", () => {
    expect(extractVendorMessage({ errorDetails: [{ message: "a" }] })).toBe("a");
    expect(extractVendorMessage({ messages: [{ default_message: "b" }] })).toBe("b");
    expect(extractVendorMessage({ fault: { faultstring: "c" } })).toBe("c");
    expect(extractVendorMessage({ errorMessage: "d" })).toBe("d");
    expect(extractVendorMessage({ cause: "e" })).toBe("e");
    expect(extractVendorMessage({ error_type: "f" })).toBe("f");
    expect(extractVendorMessage({ errorDetails: [], messages: [], message: "  ", errorMessage: 3 })).toBeUndefined();
    expect(extractVendorMessage("  text\n body ")).toBe("text body");
    expect(extractVendorMessage("  ")).toBeUndefined();
    expect(extractVendorMessage(null)).toBeUndefined();
    expect(extractVendorMessage(7)).toBeUndefined();
  });
});

describe("a vendor's location", () => {
  it("is requested with the operation's credentials only on the base URL's origin and under the given path", async () => {
    const { api, sent } = client();
    await requestAt(api, facts, "getThing" as never, "/base/jobs/1?x=2", undefined, "/base/");
    expect(sent.map((r) => r.url)).toEqual(["https://api.test/base/jobs/1?x=2"]);
    expect(sent[0]!.headers.get("authorization")).toBe("Bearer s3cret-token");
    expect(requestAt(api, facts, "getThing" as never, "https://other.test/base/jobs/1")).toBeUndefined();
    expect(requestAt(api, facts, "getThing" as never, "/elsewhere/jobs/1", undefined, "/base/")).toBeUndefined();
    expect(requestAt(api, facts, "getThing" as never, "/elsewhere/jobs/1")).toBeDefined();
  });
});

describe("isAbortError", () => {
  it("knows the caller's abort and AbortSignal.timeout(), nothing else", () => {
    expect(isAbortError(new DOMException("x", "AbortError"))).toBe(true);
    expect(isAbortError(new DOMException("x", "TimeoutError"))).toBe(true);
    expect(isAbortError(new Error("AbortError"))).toBe(false);
    expect(isAbortError({ name: "AbortError" })).toBe(false);
  });
});
