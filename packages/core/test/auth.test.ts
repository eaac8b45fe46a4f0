// How a credential becomes a header (core's scheme formats): the header checks, bearer and API keys, HTTP Basic.
import { describe, expect, it } from "vitest";
import { apiKeyScheme, assertHeaderValue, authHeader, basicScheme, bearerScheme } from "../src/auth.js";
import { thrown } from "./outcomes.js";

const scope = { provider: "test-provider", operation: "getThing" };

describe("header checks", () => {
  it("refuse CR, LF and NUL in a value without showing it, and a name that is no token", () => {
    for (const value of ["a\rb", "a\nb", "a\0b"])
      expect(thrown(() => assertHeaderValue(scope, "X-Key", value))).toBe(
        "test-provider getThing: X-Key not sent: CR, LF or NUL in its value",
      );
    for (const name of ["X Key", "X-Key:", ":X", "", "Ä"])
      expect(
        thrown(() => assertHeaderValue(scope, name, "v")),
        name,
      ).toBe(`test-provider getThing: bad header name "${name}"`);
    expect(thrown(() => assertHeaderValue(scope, "X-Key_1.~", "a\tb"))).toBe("accepted");
  });
});

describe("scheme formats", () => {
  it("send a bearer token after Bearer, an API key as it is, each recorded as a secret; refuse an empty one", () => {
    const secrets: string[] = [];
    expect(authHeader(scope, [bearerScheme], "tok-1", (s) => secrets.push(s))).toEqual([
      "Authorization",
      "Bearer tok-1",
    ]);
    expect(authHeader(scope, [apiKeyScheme, "X-Api-Key"], "key-1", (s) => secrets.push(s))).toEqual([
      "X-Api-Key",
      "key-1",
    ]);
    expect(secrets).toEqual(["tok-1", "key-1"]);
    for (const value of ["", undefined, 42])
      expect(thrown(() => bearerScheme(value, scope, () => undefined))).toBe(
        "test-provider getThing: the credential is empty",
      );
    expect(thrown(() => authHeader(scope, [bearerScheme], "a\nb", () => undefined))).toContain("CR, LF or NUL");
  });

  it("encode Basic as UTF-8 base64, recording the password and the encoding, never the user name", () => {
    const secrets: string[] = [];
    const header = basicScheme({ username: "jörg", password: "pässwörd" }, scope, (s) => secrets.push(s));
    const encoded = Buffer.from("jörg:pässwörd", "utf8").toString("base64");
    expect(header).toBe(`Basic ${encoded}`);
    expect(secrets).toEqual(["pässwörd", encoded]);
  });

  it("refuse Basic without a user name or a password, with CR, LF or NUL, or with ':' in the user name", () => {
    for (const value of [
      { username: "", password: "pw" },
      { username: "admin" },
      { password: "pw" },
      { username: 1, password: "pw" },
      undefined,
    ])
      expect(thrown(() => basicScheme(value, scope, () => undefined))).toBe(
        "test-provider getThing: Basic credentials need a user name and a password",
      );
    expect(basicScheme({ username: "admin", password: "" }, scope, () => undefined)).toBe(`Basic ${btoa("admin:")}`);
    expect(thrown(() => basicScheme({ username: "ad\nmin", password: "pw" }, scope, () => undefined))).toBe(
      "test-provider getThing: Authorization not sent: CR, LF or NUL in its value",
    );
    expect(thrown(() => basicScheme({ username: "admin", password: "p\rw" }, scope, () => undefined))).toContain(
      "CR, LF or NUL",
    );
    expect(thrown(() => basicScheme({ username: "ad:min", password: "pw" }, scope, () => undefined))).toBe(
      "test-provider getThing: ':' in a Basic user name",
    );
  });
});
