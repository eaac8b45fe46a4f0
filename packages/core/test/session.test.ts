// The credential engine in core's own suite (the providers test it too, through their built packages): logging in
// once, reading the token and its lifetime, renewing it before it expires, a 401 to the token, log-out, and its
// secrets redacted by the one policy (user names are not). Time is `Date.now`, set by each test; the vendor is an
// injected fetch.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OpstatusApiError, isOpstatusError } from "../src/index.js";
import { apiKeyScheme, basicScheme, bearerScheme } from "../src/auth.js";
import { createApiClient } from "../src/client.js";
import type { LoginFacts, SpecFacts } from "../src/facts.js";
import { loginSession, type SessionHost } from "../src/session.js";
import { loginServerUrl } from "../src/urls.js";
import { caught } from "./outcomes.js";

const facts: SpecFacts = {
  provider: "test-provider",
  servers: [{ url: "https://api.test", variables: {} }],
  operations: { getThing: { method: "GET", path: "/thing", security: ["token"] } },
  schemes: { token: [bearerScheme] },
  forms: { token: "token" },
  loginScheme: "token",
  login: {
    fields: { username: "string", password: "string", apiKey: "string" },
    forms: "{ username, password, apiKey } or { token }",
  },
};

const loginFacts: LoginFacts = {
  secret: ["password", "apiKey"],
  operation: "logIn",
  params: { body: { user: "{username}", password: "{password}", key: "{apiKey}" } },
  scheme: "token",
  token: "body:token",
  operations: { logIn: { method: "POST", path: "/login", security: [] } },
};

/** A client logging in with `auth`; the server echoes everything it was sent in a 500 on the status call. */
function echoClient(auth: Record<string, string>, onSecret?: (secret: string) => void) {
  let sent = "";
  const client = createApiClient<{
    getThing: { parameters: object; responses: { 200: { content: { "application/json": object } } } };
  }>(
    facts,
    {
      auth,
      ...(onSecret ? { onSecret } : {}),
      fetch: async (request) => {
        if (request.url.endsWith("/login")) {
          sent += await request.text();
          return Response.json({ token: "session-token-xyz" });
        }
        sent += ` ${request.headers.get("authorization")}`;
        return new Response(`echo: ${sent} user ${auth.username}`, { status: 500 });
      },
    },
    OpstatusApiError,
    async () => (host) => loginSession(host, loginFacts),
  );
  return client;
}

describe("a log-in client's secrets", () => {
  it("redacts abcd and abcdef fully (longest first), and the session token; leaves the user name alone", async () => {
    const error: OpstatusApiError = await echoClient({ username: "admin", password: "abcd", apiKey: "abcdef" })
      .request("getThing")
      .then(
        () => expect.fail("expected an error"),
        (e) => e,
      );
    expect(error).toBeInstanceOf(OpstatusApiError);
    const shown = `${error.message} ${error.rawBody}`;
    for (const secret of ["abcd", "session-token-xyz"]) expect(shown).not.toContain(secret);
    expect(error.rawBody).toContain('"password":"[REDACTED]","key":"[REDACTED]"');
    expect(error.rawBody).toContain("Bearer [REDACTED]");
    expect(error.rawBody).toContain('"user":"admin"');
    expect(error.rawBody).toContain("user admin");
  });

  it("hands every secret to onSecret (the fields that are secrets and the tokens), never the user name", async () => {
    const seen: string[] = [];
    await echoClient({ username: "admin", password: "abcd", apiKey: "abcdef" }, (s) => seen.push(s))
      .request("getThing")
      .catch(() => undefined);
    expect(seen).toEqual(expect.arrayContaining(["abcd", "abcdef", "session-token-xyz"]));
    expect(seen).not.toContain("admin");
    expect(seen.every((secret) => typeof secret === "string")).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A vendor with a log-in (POST /login), a refresh (PUT /login) and a log-out (DELETE /login), and one status call.

/** Epoch ms that `Date.now()` answers in these tests. */
let now = 0;
const T0 = Date.parse("2026-12-07T00:00:00Z");
const SECOND = 1000;

beforeEach(() => {
  now = T0;
  vi.spyOn(Date, "now").mockImplementation(() => now);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const vendorLogin: LoginFacts = {
  secret: ["password"],
  operation: "logIn",
  params: { body: { user: "{username}", password: "{password}" } },
  scheme: "token",
  token: "body:token",
  operations: {
    logIn: { method: "POST", path: "/login", security: [] },
    refresh: { method: "PUT", path: "/login", security: ["token"] },
    logOut: { method: "DELETE", path: "/login", security: ["token"] },
  },
};

interface Sent {
  /** `METHOD /path?query`, and the credential it carried (`-` for none). */
  line: string;
  body: string;
  headers: Headers;
  host: string;
}

type Route = (request: Request, n: number) => Response | Promise<Response>;

/**
 * A client of the vendor: `routes` answer `METHOD /path` (the n-th request to that route, from 1); by default the
 * log-in hands out tok-1, tok-2... and the status call answers 200.
 */
function vendor(
  login: Partial<LoginFacts> = {},
  routes: Record<string, Route> = {},
  options: { auth?: Record<string, unknown>; facts?: Partial<SpecFacts>; client?: object; basic?: boolean } = {},
) {
  const sent: Sent[] = [];
  const counts: Record<string, number> = {};
  let issued = 0;
  const defaults: Record<string, Route> = {
    "POST /login": () => Response.json({ token: `tok-${++issued}` }),
    "PUT /login": () => Response.json({ token: `tok-${++issued}` }),
    "DELETE /login": () => new Response(null, { status: 204 }),
    "GET /thing": () => Response.json({ ok: true }),
  };
  const all = { ...defaults, ...routes };
  const client = createApiClient(
    {
      ...facts,
      login: {
        fields: { username: "string", password: "string", apiKey: "string", tokenExpiry: "string" },
        optional: ["apiKey", "tokenExpiry"],
        forms: "{ username, password }",
      },
      ...options.facts,
    },
    {
      auth: options.auth ?? { username: "admin", password: "pw-secret" },
      fetch: async (request: Request) => {
        const url = new URL(request.url);
        const route = `${request.method} ${url.pathname}`;
        counts[route] = (counts[route] ?? 0) + 1;
        sent.push({
          line: `${route}${url.search} ${request.headers.get("authorization") ?? "-"}`,
          body: await request.clone().text(),
          headers: request.headers,
          host: url.host,
        });
        const answer = all[route];
        if (!answer) throw new Error(`no route ${route}`);
        return answer(request, counts[route]!);
      },
      ...options.client,
    },
    OpstatusApiError,
    async () => (host) => loginSession(host, { ...vendorLogin, ...login }, options.basic ? basicScheme : undefined),
    options.facts?.loginServer ? loginServerUrl : undefined,
  );
  const call = () => client.request("getThing" as never);
  return { client, sent, call, lines: () => sent.map((s) => s.line), logins: () => counts["POST /login"] ?? 0 };
}

describe("logging in", () => {
  it("logs in on the first call only, and sends every call, also concurrent ones, with the one token", async () => {
    const v = vendor();
    await Promise.all([v.call(), v.call(), v.call()]);
    await v.call();
    expect(v.lines()).toEqual([
      "POST /login -",
      "GET /thing Bearer tok-1",
      "GET /thing Bearer tok-1",
      "GET /thing Bearer tok-1",
      "GET /thing Bearer tok-1",
    ]);
    expect(JSON.parse(v.sent[0]!.body)).toEqual({ user: "admin", password: "pw-secret" });
  });

  it("fills the log-in's parameters from the fields and the defaults, leaving out a parameter whose field is not given", async () => {
    const v = vendor(
      {
        defaults: { lifetime: 3600 },
        params: {
          query: { expiry: "{lifetime}", note: "{apiKey}" },
          body: { user: "user {username}", list: ["{username}", "{apiKey}", 7], fixed: 1, none: null, key: "{apiKey}" },
        },
      },
      {},
      { auth: { username: "admin", password: "pw-secret" } },
    );
    await v.call();
    expect(v.sent[0]!.line).toBe("POST /login?expiry=3600 -");
    expect(JSON.parse(v.sent[0]!.body)).toEqual({
      user: "user admin",
      list: ["admin", "undefined", 7],
      fixed: 1,
      none: null,
    });
  });

  it("sends the log-in itself with HTTP Basic from the fields, where the vendor's log-in takes Basic", async () => {
    const v = vendor(
      {
        params: {},
        basic: ["basic"],
        operations: { ...vendorLogin.operations, logIn: { method: "POST", path: "/login", security: ["basic"] } },
      },
      {},
      { basic: true },
    );
    await v.call();
    expect(v.lines()).toEqual([`POST /login Basic ${btoa("admin:pw-secret")}`, "GET /thing Bearer tok-1"]);
  });

  it("sends the log-in to the log-in's own server when it has one", async () => {
    const v = vendor(
      {},
      {},
      {
        facts: {
          loginServer: { url: "https://id.test", variables: {}, option: "loginUrl", variableOptions: {}, from: {} },
        },
        client: { loginUrl: "https://id.test" },
      },
    );
    await v.call();
    expect(v.sent.map((s) => `${s.host} ${s.line}`)).toEqual([
      "id.test POST /login -",
      "api.test GET /thing Bearer tok-1",
    ]);
  });

  it("reads the token from a header, a path in the body, a JSON string or a text body (trimmed)", async () => {
    const header = vendor(
      { token: "header:X-Subject-Token" },
      {
        "POST /login": () => Response.json({}, { status: 201, headers: { "X-Subject-Token": "tok-1" } }),
      },
    );
    const path = vendor(
      { token: "body:data.access.token" },
      {
        "POST /login": () => Response.json({ data: { access: { token: "tok-1" } } }),
      },
    );
    const json = vendor({ token: "body" }, { "POST /login": () => Response.json("tok-1") });
    const text = vendor(
      {
        token: "text",
        operations: { ...vendorLogin.operations, logIn: { method: "POST", path: "/login", security: [], text: true } },
      },
      { "POST /login": () => new Response("tok-1\r\n", { headers: { "Content-Type": "text/plain" } }) },
    );
    for (const v of [header, path, json, text]) {
      await v.call();
      expect(v.lines()[1]).toBe("GET /thing Bearer tok-1");
    }
  });

  it("refuses an answer that carries no token with OpstatusAuthError naming its status", async () => {
    for (const body of [{}, { token: "" }, { token: "   " }, { token: 42 }]) {
      const v = vendor({}, { "POST /login": () => Response.json(body, { status: 201 }) });
      const error = await caught(v.call());
      expect(isOpstatusError(error, "auth")).toBe(true);
      expect(error.status).toBe(201);
      expect(error.operation).toBe("logIn");
      expect(error.message).toBe("test-provider logIn: HTTP 201 (the answer carries no token): empty body");
      expect(v.lines()).toEqual(["POST /login -"]);
    }
  });

  it("turns a 401 or 403 to the log-in into OpstatusAuthError, and lets any other failure through as it is", async () => {
    for (const status of [401, 403]) {
      const v = vendor({}, { "POST /login": () => Response.json({ message: "bad password" }, { status }) });
      const error = await caught(v.call());
      expect(isOpstatusError(error, "auth")).toBe(true);
      expect(error.status).toBe(status);
      expect(error.message).toBe(`test-provider logIn: HTTP ${status} (the log-in was refused): bad password`);
      expect(error.body).toEqual({ message: "bad password" });
    }
    const v = vendor({}, { "POST /login": () => new Response("down", { status: 503 }) });
    const error = await caught(v.call());
    expect(isOpstatusError(error, "api")).toBe(true);
    expect(isOpstatusError(error, "auth")).toBe(false);
    expect(error.status).toBe(503);
  });

  it("logs in again on the next call after a log-in failed", async () => {
    const v = vendor(
      {},
      {
        "POST /login": (_, n) => (n === 1 ? new Response("down", { status: 503 }) : Response.json({ token: "tok-1" })),
        "GET /thing": () => Response.json({ ok: true }),
      },
    );
    await caught(v.call());
    await v.call();
    await v.call();
    expect(v.lines()).toEqual(["POST /login -", "POST /login -", "GET /thing Bearer tok-1", "GET /thing Bearer tok-1"]);
  });

  it("refuses a log-in field with CR, LF or NUL before anything is sent, naming the field and not its value", async () => {
    const v = vendor({}, {}, { auth: { username: "admin", password: "pw\r\nX-Evil: 1" } });
    const error = await caught(v.call());
    expect(isOpstatusError(error, "request")).toBe(true);
    expect(error.message).toBe("test-provider logIn: auth.password not sent: CR, LF or NUL in its value");
    expect(v.sent).toEqual([]);
  });
});

describe("the token's lifetime", () => {
  /** Calls at `seconds` after T0, and the token each call carried. */
  async function tokensAt(v: ReturnType<typeof vendor>, seconds: number[]) {
    const used: string[] = [];
    for (const s of seconds) {
      now = T0 + s * SECOND;
      await v.call();
      used.push(v.sent.at(-1)!.line.split(" ").at(-1)!);
    }
    return used;
  }
  const lasting = (seconds: unknown) => ({
    "POST /login": (_: Request, n: number) => Response.json({ token: `tok-${n}`, expires_in: seconds }),
    "GET /thing": () => Response.json({ ok: true }),
  });

  it("renews a long-lived token a minute before it expires, not earlier", async () => {
    const v = vendor({ expiry: "seconds:expires_in" }, lasting(3600));
    expect(await tokensAt(v, [0, 3539.999, 3540])).toEqual(["tok-1", "tok-1", "tok-2"]);
    expect(v.logins()).toBe(2);
  });

  it("renews a short-lived token a tenth of its lifetime before it expires", async () => {
    const v = vendor({ expiry: "seconds:expires_in" }, lasting(100));
    expect(await tokensAt(v, [0, 89.999, 90, 179.999, 180])).toEqual(["tok-1", "tok-1", "tok-2", "tok-2", "tok-3"]);
  });

  it("reads an expiry time (at:) from the answer", async () => {
    const v = vendor(
      { expiry: "at:token.expires_at", token: "body:token.id" },
      {
        "POST /login": (_, n) =>
          Response.json({ token: { id: `tok-${n}`, expires_at: new Date(now + 600 * SECOND).toISOString() } }),
        "GET /thing": () => Response.json({ ok: true }),
      },
    );
    expect(await tokensAt(v, [0, 539.999, 540])).toEqual(["tok-1", "tok-1", "tok-2"]);
  });

  it("takes the lifetime the caller asked for (ask:), or the default one", async () => {
    const asked = { query: { expiry: "{tokenExpiry}" } };
    const given = vendor({ expiry: "ask:tokenExpiry", params: asked, defaults: { tokenExpiry: 3600 } }, lasting(1), {
      auth: { username: "admin", password: "pw-secret", tokenExpiry: "300" },
    });
    expect(await tokensAt(given, [0, 269.999, 270])).toEqual(["tok-1", "tok-1", "tok-2"]);
    expect(given.sent[0]!.line).toBe("POST /login?expiry=300 -");
    const fallback = vendor({ expiry: "ask:tokenExpiry", params: asked, defaults: { tokenExpiry: 3600 } }, lasting(1));
    expect(await tokensAt(fallback, [0, 3539.999, 3540])).toEqual(["tok-1", "tok-1", "tok-2"]);
  });

  it("keeps a token the vendor states no lifetime for (or no readable one) until the vendor refuses it", async () => {
    const year = 365 * 24 * 3600;
    for (const [expiry, said] of [
      [undefined, 1],
      ["seconds:expires_in", undefined],
      ["seconds:expires_in", "soon"],
      ["seconds:expires_in", 0],
      ["seconds:expires_in", -5],
    ] as const) {
      const v = vendor(expiry ? { expiry } : {}, lasting(said));
      expect(await tokensAt(v, [0, year])).toEqual(["tok-1", "tok-1"]);
    }
  });

  it("refreshes a token before it expires with the refresh operation, which carries the old token", async () => {
    const v = vendor(
      { expiry: "seconds:expires_in", refresh: { operation: "refresh", params: { body: { old: "{token}" } } } },
      {
        ...lasting(100),
        "PUT /login": (_, n) => Response.json({ token: `tok-r${n}`, expires_in: 100 }),
      },
    );
    expect(await tokensAt(v, [0, 90, 185])).toEqual(["tok-1", "tok-r1", "tok-r2"]);
    expect(v.lines()).toEqual([
      "POST /login -",
      "GET /thing Bearer tok-1",
      "PUT /login Bearer tok-1",
      "GET /thing Bearer tok-r1",
      "PUT /login Bearer tok-r1",
      "GET /thing Bearer tok-r2",
    ]);
    expect(JSON.parse(v.sent[2]!.body)).toEqual({ old: "tok-1" });
  });

  it("logs in afresh instead of refreshing a token that has expired", async () => {
    const v = vendor({ expiry: "seconds:expires_in", refresh: { operation: "refresh" } }, lasting(100));
    expect(await tokensAt(v, [0, 100])).toEqual(["tok-1", "tok-2"]);
    expect(v.lines().filter((line) => line.startsWith("PUT"))).toEqual([]);
  });

  it("logs in afresh when the refresh fails", async () => {
    const v = vendor(
      { expiry: "seconds:expires_in", refresh: { operation: "refresh" } },
      { ...lasting(100), "PUT /login": () => new Response("no", { status: 401 }) },
    );
    expect(await tokensAt(v, [0, 95])).toEqual(["tok-1", "tok-2"]);
    expect(v.lines().slice(2, 4)).toEqual(["PUT /login Bearer tok-1", "POST /login -"]);
  });

  it("renews once for calls that find the token due at the same time", async () => {
    const v = vendor({ expiry: "seconds:expires_in" }, lasting(100));
    await v.call();
    now = T0 + 95 * SECOND;
    await Promise.all([v.call(), v.call(), v.call()]);
    expect(v.logins()).toBe(2);
    expect(v.lines().slice(2)).toEqual([
      "POST /login -",
      "GET /thing Bearer tok-2",
      "GET /thing Bearer tok-2",
      "GET /thing Bearer tok-2",
    ]);
  });
});

describe("a token the vendor refuses", () => {
  it("is dropped: the client logs in again once and re-sends the call once, with its body", async () => {
    const v = vendor(
      {},
      {
        "PUT /thing": (request, n) =>
          n === 1 || request.headers.get("authorization") !== "Bearer tok-2"
            ? new Response("idle", { status: 401 })
            : Response.json({ ok: true }),
      },
      { facts: { operations: { putThing: { method: "PUT", path: "/thing", security: ["token"] } } } },
    );
    const outcome = await v.client.request("putThing" as never, { body: { a: 1 } } as never);
    expect(outcome.response.status).toBe(200);
    expect(v.lines()).toEqual(["POST /login -", "PUT /thing Bearer tok-1", "POST /login -", "PUT /thing Bearer tok-2"]);
    expect([v.sent[1]!.body, v.sent[3]!.body]).toEqual(['{"a":1}', '{"a":1}']);
  });

  it("comes back as the error when the new token is refused too, after one more log-in only", async () => {
    const v = vendor({}, { "GET /thing": () => new Response("denied", { status: 401 }) });
    const error = await caught(v.call());
    expect(error.status).toBe(401);
    expect(isOpstatusError(error, "auth")).toBe(false);
    expect(v.lines()).toEqual(["POST /login -", "GET /thing Bearer tok-1", "POST /login -", "GET /thing Bearer tok-2"]);
    // the next call uses the token that was refused last: only a 401 to the token held drops it
    await caught(v.call());
    expect(v.logins()).toBe(3);
  });

  it("is not re-sent when the request carried its own credential", async () => {
    const v = vendor({}, { "GET /thing": () => new Response("denied", { status: 401 }) });
    const response = await v.client.fetch(
      new Request("https://api.test/thing", { headers: { Authorization: "Bearer mine" } }),
    );
    expect(response.status).toBe(401);
    expect(v.lines()).toEqual(["GET /thing Bearer mine"]);
  });
});

describe("a session over time", () => {
  it("logs in again only once when several calls are refused the same token at once", async () => {
    let refuse = true;
    const v = vendor(
      {},
      {
        "GET /thing": async (request) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return refuse && request.headers.get("authorization") === "Bearer tok-1"
            ? new Response("idle", { status: 401 })
            : Response.json({ ok: true });
        },
      },
    );
    await v.call().catch(() => undefined);
    expect(v.logins()).toBe(2);
    refuse = false;
    const w = vendor(
      {},
      {
        // the second log-in takes a while: the other refused calls come back while it is pending
        "POST /login": async (_, n) => {
          if (n > 1) await new Promise((resolve) => setTimeout(resolve, 30));
          return Response.json({ token: `tok-${n}` });
        },
        "GET /thing": async (request) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return request.headers.get("authorization") === "Bearer tok-1"
            ? new Response("idle", { status: 401 })
            : Response.json({ ok: true });
        },
      },
    );
    await Promise.all([w.call(), w.call(), w.call()]);
    expect(w.logins()).toBe(2);
    expect(
      w
        .lines()
        .filter((line) => line.startsWith("GET"))
        .slice(-3),
    ).toEqual(["GET /thing Bearer tok-2", "GET /thing Bearer tok-2", "GET /thing Bearer tok-2"]);
  });

  it("still redacts the password after many renewals (session tokens take none of its place)", async () => {
    const v = vendor(
      { expiry: "seconds:expires_in" },
      {
        "POST /login": (_, n) => Response.json({ token: `token-${n}-xyz`, expires_in: 1 }),
        "GET /thing": () => new Response("echo pw-secret", { status: 500 }),
      },
    );
    let error: any;
    for (let i = 0; i < 40; i++) {
      now = T0 + i * SECOND;
      error = await caught(v.call());
    }
    expect(v.logins()).toBe(40);
    expect(error.message).toBe("test-provider getThing: HTTP 500: echo [REDACTED]");
    // (the session's tokens are among the latest 32 only: the redactor of a client that runs for weeks stays small)
    const old = vendor(
      { expiry: "seconds:expires_in" },
      {
        "POST /login": (_, n) => Response.json({ token: `token-${n}-xyz`, expires_in: 1 }),
        "GET /thing": () => new Response("echo token-1-xyz token-40-xyz", { status: 500 }),
      },
    );
    for (let i = 0; i < 40; i++) {
      now = T0 + i * SECOND;
      error = await caught(old.call());
    }
    expect(error.message).toBe("test-provider getThing: HTTP 500: echo token-1-xyz [REDACTED]");
  });

  it("leaves a credential the caller set in the token's own header alone", async () => {
    const v = vendor(
      { scheme: "session" },
      { "GET /thing": (request) => Response.json({ got: request.headers.get("x-session") }) },
      {
        facts: {
          operations: { getThing: { method: "GET", path: "/thing", security: ["session"] } },
          schemes: { session: [apiKeyScheme, "X-Session"] },
          loginScheme: "session",
        },
      },
    );
    const response = await v.client.fetch(new Request("https://api.test/thing", { headers: { "X-Session": "mine" } }));
    expect(await response.json()).toEqual({ got: "mine" });
    expect(v.logins()).toBe(0);
    const { data } = await v.client.request("getThing" as never);
    expect(data).toEqual({ got: "tok-1" });
  });

  it("reads no token where the answer lacks the path to it", async () => {
    const v = vendor({ token: "body:data.access.token" }, { "POST /login": () => Response.json({ data: null }) });
    const error = await caught(v.call());
    expect(error.message).toBe("test-provider logIn: HTTP 200 (the answer carries no token): empty body");
  });
});

describe("closing", () => {
  it("logs out once, with the token, and refuses every call after", async () => {
    const v = vendor({ logout: { operation: "logOut", params: { header: { "X-Token": "{token}" } } } });
    await v.call();
    await Promise.all([v.client.close(), v.client.close()]);
    await v.client.close();
    expect(v.lines()).toEqual(["POST /login -", "GET /thing Bearer tok-1", "DELETE /login Bearer tok-1"]);
    expect(v.sent[2]!.headers.get("x-token")).toBe("tok-1");
    const error = await caught(v.call());
    expect(error.message).toBe("test-provider getThing: the client is closed");
  });

  it("sends no log-out when it never logged in, or its log-in failed", async () => {
    const never = vendor({ logout: { operation: "logOut" } });
    await never.client.close();
    expect(never.sent).toEqual([]);
    const failed = vendor(
      { logout: { operation: "logOut" } },
      { "POST /login": () => new Response("no", { status: 401 }) },
    );
    await caught(failed.call());
    await failed.client.close();
    expect(failed.lines()).toEqual(["POST /login -"]);
  });

  it("sends no log-out where the vendor has none", async () => {
    const v = vendor();
    await v.call();
    await v.client.close();
    expect(v.lines()).toEqual(["POST /login -", "GET /thing Bearer tok-1"]);
  });

  it("refuses a session's call after close with OpstatusRequestError, sending nothing", async () => {
    const sent: string[] = [];
    const host: SessionHost = {
      facts,
      options: { auth: {} },
      auth: { username: "admin", password: "pw-secret" },
      perform: async () => expect.fail("no log-in after close"),
      fetch: async (request) => {
        sent.push(request.url);
        return new Response();
      },
      header: () => ["Authorization", "Bearer x"],
      secret: () => undefined,
      loginServer: undefined,
      assert: () => undefined,
      OpstatusRequestError: class extends Error {
        constructor(details: { message: string }) {
          super(details.message);
        }
      },
      OpstatusAuthError: Error as never,
    };
    const session = loginSession(host, vendorLogin);
    await session.close();
    const error = await caught(
      session.send(
        { provider: "test-provider", operation: "getThing" },
        "token",
        new Request("https://api.test/thing"),
      ),
    );
    expect(error.message).toBe("the client is closed");
    expect(sent).toEqual([]);
  });
});
