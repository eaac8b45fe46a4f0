// One error shape: every error has a `code`, takes one details object, can be rebuilt from its fields, and is
// recognised by `isOpstatusError` also when another copy of core made it.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  isOpstatusError,
  OpstatusAbortError,
  OpstatusApiError,
  OpstatusAuthError,
  OpstatusNetworkError,
  OpstatusOperationFailedError,
  OpstatusRequestError,
  OpstatusTimeoutError,
  OpstatusUnknownStatusError,
  type OpstatusError,
  type OpstatusErrorCode,
} from "../src/index.js";
import { errorFields, rebuildError } from "../src/error-fields.js";

const scope = { provider: "test-provider", operation: "getThing" };
const result = {
  state: "failed" as const,
  vendorStatus: "FAILED",
  body: { status: "FAILED" },
  reason: "disk full",
  attempts: 3,
  elapsedMs: 4000,
  history: [],
};

/** One error of each class, built from plain details. */
const made: [OpstatusErrorCode, OpstatusError][] = [
  ["request", new OpstatusRequestError({ ...scope, message: 'vm is ".."' })],
  ["network", new OpstatusNetworkError({ ...scope, message: "request failed: ECONNRESET" })],
  [
    "api",
    new OpstatusApiError({
      ...scope,
      status: 404,
      body: { message: "no such vm" },
      rawBody: '{"message":"no such vm"}',
      headers: { "retry-after": "5" },
    }),
  ],
  [
    "auth",
    new OpstatusAuthError({ ...scope, operation: "createSession", status: 401, reason: "the log-in was refused" }),
  ],
  [
    "timeout",
    new OpstatusTimeoutError({
      ...scope,
      elapsedMs: 600_000,
      attempts: 40,
      lastStatus: "RUNNING",
      lastError: "HTTP 503: busy",
      resumeToken: "{}",
    }),
  ],
  ["aborted", new OpstatusAbortError({ ...scope, cause: new DOMException("stop", "TimeoutError"), resumeToken: "{}" })],
  ["operation-failed", new OpstatusOperationFailedError({ ...scope, result })],
  ["unknown-status", new OpstatusUnknownStatusError({ ...scope, vendorStatus: "PAUSED", body: { status: "PAUSED" } })],
];

describe("error codes", () => {
  it("every class has its own code, the most specific one, and a message that starts with the scope", () => {
    expect(made.map(([, e]) => e.code)).toEqual(made.map(([code]) => code));
    for (const [, e] of made) expect(e.message.startsWith("test-provider ")).toBe(true);
    expect(made.find(([code]) => code === "auth")![1].message).toMatch(/^test-provider createSession: HTTP 401/);
  });

  it('isOpstatusError tells each code; "api" also matches an auth error, and nothing else matches', () => {
    const codes = made.map(([code]) => code);
    for (const [code, error] of made) {
      expect(isOpstatusError(error)).toBe(true);
      for (const other of codes)
        expect(isOpstatusError(error, other), `${code} as ${other}`).toBe(
          other === code || (other === "api" && code === "auth"),
        );
    }
    for (const other of [
      new Error("x"),
      { code: "api" },
      null,
      undefined,
      "api",
      Object.assign(new Error("y"), { code: "network" }),
    ])
      expect(isOpstatusError(other)).toBe(false);
  });

  it("the aborted error keeps the names AbortError / TimeoutError that abort checks look for", () => {
    const [, aborted] = made.find(([code]) => code === "aborted")!;
    expect(aborted.name).toBe("TimeoutError");
    expect(new OpstatusAbortError({ ...scope }).name).toBe("AbortError");
  });
});

describe("errors rebuilt from their fields (what a queue stores)", () => {
  it("an API error: status, body, raw body, headers, reason and the vendor's message come back, message included", () => {
    const [, original] = made.find(([code]) => code === "api")! as [string, OpstatusApiError];
    const stored = JSON.parse(JSON.stringify({ ...original, headers: Object.fromEntries(original.headers) }));
    const rebuilt = new OpstatusApiError(stored);
    expect(rebuilt.message).toBe(original.message);
    expect(rebuilt.vendorMessage).toBe("no such vm");
    expect(rebuilt.headers.get("retry-after")).toBe("5");
    expect({ ...rebuilt, headers: undefined }).toEqual({ ...original, headers: undefined });
  });

  it("a timeout and a failed operation come back with the same message and fields", () => {
    for (const code of ["timeout", "operation-failed", "unknown-status"] as const) {
      const [, original] = made.find(([c]) => c === code)!;
      const stored = JSON.parse(JSON.stringify(original));
      const Class = original.constructor as new (details: never) => OpstatusError;
      const rebuilt = new Class(stored as never);
      expect(rebuilt.message, code).toBe(original.message);
      expect(JSON.parse(JSON.stringify(rebuilt)), code).toEqual(stored);
    }
  });
});

describe("a second copy of core", () => {
  // the CommonJS build is a second copy of every class: its errors are no instanceof of the ES module's classes
  const other = createRequire(import.meta.url)("../dist/index.cjs") as typeof import("../src/index.js");

  it("makes errors that are not instanceof this copy's classes, yet isOpstatusError knows them, code and all", () => {
    const api = new other.OpstatusAuthError({ ...scope, status: 403 });
    const timeout = new other.OpstatusTimeoutError({ ...scope, elapsedMs: 1, attempts: 1 });
    expect(api).not.toBeInstanceOf(OpstatusApiError);
    expect(isOpstatusError(api, "auth")).toBe(true);
    expect(isOpstatusError(api, "api")).toBe(true);
    expect(isOpstatusError(api, "timeout")).toBe(false);
    expect(isOpstatusError(timeout, "timeout")).toBe(true);
    // and the other copy's guard knows this copy's errors
    expect(other.isOpstatusError(made[0]![1], "request")).toBe(true);
  });
});

describe("errorFields and rebuildError (a queue's stored failure)", () => {
  class VendorApiError extends OpstatusApiError {
    override name = "VendorApiError";
  }

  it("give back every class, with the same message and fields, through JSON", () => {
    const vendor = new VendorApiError({
      ...scope,
      status: 503,
      body: { message: "busy" },
      headers: { "retry-after": "2" },
    });
    for (const original of [...made.map(([, e]) => e), vendor]) {
      const stored = JSON.parse(JSON.stringify(errorFields(original)));
      const rebuilt = rebuildError(stored, VendorApiError);
      const expected = original.code === "api" ? VendorApiError : original.constructor;
      expect(rebuilt, original.code).toBeInstanceOf(original === made[2]![1] ? VendorApiError : expected);
      expect(rebuilt.message, original.code).toBe(original.message);
      expect(rebuilt.name, original.code).toBe(original === made[2]![1] ? "VendorApiError" : original.name);
      expect(errorFields(rebuilt), original.code).toEqual({
        ...stored,
        ...(original.code === "api" ? { name: rebuilt.name } : {}),
      });
    }
  });

  it("keep the last error's message of a timeout, and the status of an API error", () => {
    const timeout = new OpstatusTimeoutError({
      ...scope,
      elapsedMs: 5,
      attempts: 2,
      lastError: "HTTP 503: busy",
      cause: new Error("HTTP 503: busy"),
    });
    const rebuilt = rebuildError(JSON.parse(JSON.stringify(errorFields(timeout)))) as OpstatusTimeoutError;
    expect(rebuilt.lastError).toBe("HTTP 503: busy");
    expect((rebuilt.cause as Error).message).toBe("HTTP 503: busy");
    expect(errorFields(new Error("plain"))).toBeUndefined();
  });

  it("keep an API error's headers as a plain object", () => {
    const error = new OpstatusApiError({ ...scope, status: 429, headers: { "Retry-After": "2", "X-Id": "r1" } });
    expect(errorFields(error)?.headers).toEqual({ "retry-after": "2", "x-id": "r1" });
    expect(
      (rebuildError(JSON.parse(JSON.stringify(errorFields(error)))) as OpstatusApiError).headers.get("retry-after"),
    ).toBe("2");
  });

  it("give back the stored message word for word, as a writable message", () => {
    const stored = {
      code: "timeout" as const,
      name: "OpstatusTimeoutError",
      ...scope,
      message: "test-provider getThing: words of another version",
      elapsedMs: 1,
      attempts: 1,
    };
    const rebuilt = rebuildError(stored);
    expect(rebuilt.message).toBe("test-provider getThing: words of another version");
    expect(Object.getOwnPropertyDescriptor(rebuilt, "message")).toEqual({
      value: "test-provider getThing: words of another version",
      writable: true,
      enumerable: false,
      configurable: true,
    });
  });

  it("keep the class's own name, but for an abort's (AbortError or TimeoutError)", () => {
    const api = rebuildError({ code: "api", name: "SomeOtherName", ...scope, message: "m", status: 500 });
    expect(api.name).toBe("OpstatusApiError");
    const aborted = rebuildError({ code: "aborted", name: "TimeoutError", ...scope, message: "m" });
    expect(aborted.name).toBe("TimeoutError");
  });
});
