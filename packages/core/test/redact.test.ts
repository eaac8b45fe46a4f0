// The one secret policy (core's Redactor): what the client's errors and the CLI's output are redacted with.
import { describe, expect, it } from "vitest";
import { basicScheme } from "../src/auth.js";
import { Redactor } from "../src/redact.js";

describe("Redactor", () => {
  it("blanks out a secret inside a longer one completely, whatever order they came in", () => {
    for (const order of [
      ["abcd", "abcdef"],
      ["abcdef", "abcd"],
    ]) {
      const r = new Redactor();
      for (const s of order) r.add(s);
      expect(r.redact("key abcdef, secret abcd, xabcdefx")).toBe("key [REDACTED], secret [REDACTED], x[REDACTED]x");
    }
  });

  it("blanks out the JSON-escaped and the percent-encoded forms", () => {
    const r = new Redactor();
    r.add('pa"ss\\wörd/+&');
    const json = JSON.stringify({ password: 'pa"ss\\wörd/+&' });
    const query = `?p=${encodeURIComponent('pa"ss\\wörd/+&')}`;
    expect(r.redact(json)).toBe('{"password":"[REDACTED]"}');
    expect(r.redact(query)).toBe("?p=[REDACTED]");
  });

  it("of a Basic credential: the password, the base64 value and the header, never the user name", () => {
    const r = new Redactor();
    const header = basicScheme({ username: "admin", password: "hunter22" }, { provider: "p", operation: "o" }, (s) =>
      r.add(s),
    );
    const encoded = btoa("admin:hunter22");
    expect(header).toBe(`Basic ${encoded}`);
    expect(r.redact(`Authorization: ${header}; password hunter22; user admin`)).toBe(
      "Authorization: Basic [REDACTED]; password [REDACTED]; user admin",
    );
  });

  it("ignores secrets shorter than 4 characters (they would maim every text)", () => {
    const r = new Redactor();
    r.add("abc");
    r.add("");
    r.add(undefined);
    expect(r.redact("abc abcd")).toBe("abc abcd");
  });

  it("keeps the latest 32 transient secrets (session tokens), and every fixed one", () => {
    const r = new Redactor();
    r.add("fixed-secret");
    for (let i = 1; i <= 33; i++) r.add(`token-${i}-xyz`, { transient: true });
    expect(r.redact("fixed-secret token-1-xyz token-2-xyz token-33-xyz")).toBe(
      "[REDACTED] token-1-xyz [REDACTED] [REDACTED]",
    );
  });

  it("redacts every string of a parsed body", () => {
    const r = new Redactor();
    r.add("s3cr3t-value");
    expect(r.redactDeep({ a: ["x s3cr3t-value"], n: 2, b: null, c: { d: "s3cr3t-value" } })).toEqual({
      a: ["x [REDACTED]"],
      n: 2,
      b: null,
      c: { d: "[REDACTED]" },
    });
  });

  it("blanks out a 4-character secret, and the longer JSON-escaped or percent-encoded form of a 3-character one never", () => {
    const r = new Redactor();
    r.add("pa1!");
    r.add('a"b');
    r.add("a b");
    expect(r.redact("x pa1! y")).toBe("x [REDACTED] y");
    expect(r.redact(`${JSON.stringify('a"b')} a%20b`)).toBe('"a\\"b" a%20b');
  });

  it("blanks out a secret in its JSON-escaped form, also when it is a session token", () => {
    const r = new Redactor();
    r.add('tok"en\\1', { transient: true });
    expect(r.redact(JSON.stringify({ token: 'tok"en\\1' }))).toBe('{"token":"[REDACTED]"}');
  });

  it("gives a fixed secret given again as a session token none of the 32 places of the session tokens", () => {
    const r = new Redactor();
    r.add("fixed-secret");
    for (let i = 1; i <= 31; i++) r.add(`token-${i}-xyz`, { transient: true });
    r.add("fixed-secret", { transient: true });
    r.add("token-31-xyz", { transient: true });
    r.add("token-32-xyz", { transient: true });
    expect(r.redact("token-1-xyz fixed-secret")).toBe("[REDACTED] [REDACTED]");
  });
});
