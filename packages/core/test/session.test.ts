// The credential engine in core's own suite (the providers test it too, through their built packages): its secrets
// are redacted by the one policy, user names are not.
import { describe, expect, it } from "vitest";
import { OpstatusApiError } from "../src/index.js";
import { bearerScheme } from "../src/auth.js";
import { createApiClient } from "../src/client.js";
import type { LoginFacts, SpecFacts } from "../src/facts.js";
import { loginSession } from "../src/session.js";

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
  });
});
