// How a command ends (src/outcome.ts): the exit code and the outcome for a wait that ended, and for every error kind,
// with errors built by @opstatus/core's own classes and told apart by its guard.
import * as core from "@opstatus/core";
import type { WaitResult } from "@opstatus/core";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/args.js";
import { EXIT, ended, errorInfo, failure } from "../../src/outcome.js";
import { subject, succeededOutcome } from "./fixtures.js";

const scope = { provider: "vmware-vsphere", operation: "getVmGuestCustomization" };
const result = (over: Partial<WaitResult<unknown>> = {}): WaitResult<unknown> => ({
  state: "succeeded",
  vendorStatus: "SUCCEEDED",
  body: { status: "SUCCEEDED" },
  attempts: 3,
  elapsedMs: 4200,
  history: [],
  ...over,
});
const api = (status: number) => new core.OpstatusApiError({ ...scope, status, body: { message: `refused ${status}` } });

describe("EXIT", () => {
  it("the documented exit codes", () => {
    expect(EXIT).toEqual({ succeeded: 0, failed: 1, usage: 2, auth: 3, error: 4, timeout: 124, interrupted: 130 });
  });
});

describe("errorInfo", () => {
  it("an Error: its name and message", () => {
    expect(errorInfo(new TypeError("bad thing"))).toEqual({ name: "TypeError", message: "bad thing" });
    expect(errorInfo(new UsageError("give a command"))).toEqual({ name: "UsageError", message: "give a command" });
  });

  it("an API error: its status too", () => {
    expect(errorInfo(api(404))).toEqual({
      name: "OpstatusApiError",
      message: "vmware-vsphere getVmGuestCustomization: HTTP 404: refused 404",
      status: 404,
    });
  });

  it("anything else thrown: Error, and the value as text", () => {
    expect(errorInfo("plain text")).toEqual({ name: "Error", message: "plain text" });
    expect(errorInfo(undefined)).toEqual({ name: "Error", message: "undefined" });
    expect(errorInfo(null)).toEqual({ name: "Error", message: "null" });
    expect(errorInfo(42)).toEqual({ name: "Error", message: "42" });
  });

  it("a non-numeric status or name is left out", () => {
    const odd = Object.assign(new Error("odd"), { status: "500" });
    expect(errorInfo(odd)).toEqual({ name: "Error", message: "odd" });
    expect(errorInfo({ name: 7, status: 502 })).toEqual({ name: "Error", message: "[object Object]", status: 502 });
  });
});

describe("ended", () => {
  it("succeeded: exit 0, with everything the result says", () => {
    expect(ended(subject, result({ reason: "2 deletions failed" }), 200)).toEqual({
      ...succeededOutcome,
      reason: "2 deletions failed",
    });
  });

  it("failed and canceled: exit 1", () => {
    const failed = ended(subject, result({ state: "failed", vendorStatus: "FAILED", reason: "disk full" }));
    expect(failed).toMatchObject({ exitCode: 1, outcome: "failed", state: "failed", reason: "disk full" });
    const canceled = ended(subject, result({ state: "canceled", vendorStatus: "CANCELLED" }));
    expect(canceled).toMatchObject({ exitCode: 1, outcome: "canceled", state: "canceled", vendorStatus: "CANCELLED" });
  });

  it("no httpStatus nor reason when there is none", () => {
    const out = ended(subject, result({ reason: "" }));
    expect(out).not.toHaveProperty("httpStatus");
    expect(out).not.toHaveProperty("reason");
    expect(out).not.toHaveProperty("error");
  });
});

describe("failure", () => {
  const fail = (error: unknown, interrupted = false) => failure(error, core.isOpstatusError, subject, interrupted);

  it("a usage error: exit 2, whether or not a provider was loaded", () => {
    const usage = new UsageError("--timeout must be more than 0");
    for (const out of [fail(usage), failure(usage, undefined, subject), fail(usage, true)])
      expect(out).toEqual({
        exitCode: 2,
        outcome: "usage",
        ...subject,
        error: { name: "UsageError", message: "--timeout must be more than 0" },
      });
  });

  it("before a provider package was loaded, any other error is exit 4", () => {
    expect(failure(new core.OpstatusAuthError({ ...scope, status: 401 }), undefined, subject)).toMatchObject({
      exitCode: 4,
      outcome: "error",
    });
    expect(failure(new Error("cannot load"), undefined, subject, true)).toMatchObject({
      exitCode: 4,
      outcome: "error",
      error: { name: "Error", message: "cannot load" },
    });
  });

  it("aborted, or any error after a signal: interrupted, exit 130", () => {
    const aborted = new core.OpstatusAbortError({
      ...scope,
      cause: new DOMException("interrupted by SIGINT", "AbortError"),
    });
    expect(fail(aborted)).toEqual({
      exitCode: 130,
      outcome: "interrupted",
      ...subject,
      error: {
        name: "AbortError",
        message: "vmware-vsphere getVmGuestCustomization: the wait was aborted (interrupted by SIGINT)",
      },
    });
    expect(fail(new core.OpstatusNetworkError({ ...scope, message: "socket hang up" }), true)).toMatchObject({
      exitCode: 130,
      outcome: "interrupted",
    });
    expect(fail(api(401), true)).toMatchObject({ exitCode: 130, outcome: "interrupted" });
  });

  it("operation-failed: the operation's end, exit 1, no error", () => {
    const error = new core.OpstatusOperationFailedError({
      ...scope,
      result: result({ state: "failed", vendorStatus: "FAILED", reason: "guest OS error" }),
    });
    const out = fail(error);
    expect(out).toEqual(ended(subject, error.result));
    expect(out).toMatchObject({ exitCode: 1, outcome: "failed", reason: "guest OS error" });
    expect(out).not.toHaveProperty("error");
    const canceled = new core.OpstatusOperationFailedError({
      ...scope,
      result: result({ state: "canceled", vendorStatus: "CANCELLED" }),
    });
    expect(fail(canceled)).toMatchObject({ exitCode: 1, outcome: "canceled" });
  });

  it("a refused log-in, and 401/403 from the API: auth, exit 3", () => {
    const login = new core.OpstatusAuthError({ ...scope, operation: "createSession", status: 403 });
    expect(fail(login)).toMatchObject({
      exitCode: 3,
      outcome: "auth",
      error: { name: "OpstatusAuthError", status: 403 },
    });
    // a log-in whose answer carried no token is an auth error with a success status
    expect(fail(new core.OpstatusAuthError({ ...scope, status: 200, reason: "no token" }))).toMatchObject({
      exitCode: 3,
      outcome: "auth",
    });
    expect(fail(api(401))).toEqual({
      exitCode: 3,
      outcome: "auth",
      ...subject,
      error: {
        name: "OpstatusApiError",
        message: "vmware-vsphere getVmGuestCustomization: HTTP 401: refused 401",
        status: 401,
      },
    });
    expect(fail(api(403))).toMatchObject({ exitCode: 3, outcome: "auth" });
  });

  it("other API errors: exit 4", () => {
    for (const status of [400, 404, 409, 500, 503])
      expect(fail(api(status))).toMatchObject({ exitCode: 4, outcome: "error", error: { status } });
  });

  it("the deadline with the operation still going: timeout, exit 124, with the polls and the last body", () => {
    const error = new core.OpstatusTimeoutError({
      ...scope,
      elapsedMs: 60_000,
      attempts: 7,
      lastStatus: "RUNNING",
      lastBody: { status: "RUNNING" },
    });
    expect(fail(error)).toEqual({
      exitCode: 124,
      outcome: "timeout",
      ...subject,
      attempts: 7,
      body: { status: "RUNNING" },
      error: {
        name: "OpstatusTimeoutError",
        message: "vmware-vsphere getVmGuestCustomization: timed out after 60000 ms and 7 poll(s) (last status RUNNING)",
      },
    });
  });

  it("a timeout with no answer seen: no body", () => {
    const out = fail(new core.OpstatusTimeoutError({ ...scope, elapsedMs: 1000, attempts: 0 }));
    expect(out).toMatchObject({ exitCode: 124, outcome: "timeout", attempts: 0 });
    expect(out).not.toHaveProperty("body");
  });

  it("the deadline while the polls were failing: an error ended the wait, exit 4", () => {
    const error = new core.OpstatusTimeoutError({
      ...scope,
      elapsedMs: 30_000,
      attempts: 5,
      lastStatus: "RUNNING",
      lastBody: { status: "RUNNING" },
      lastError: "HTTP 503: unavailable",
    });
    expect(fail(error)).toMatchObject({
      exitCode: 4,
      outcome: "error",
      attempts: 5,
      body: { status: "RUNNING" },
      error: { name: "OpstatusTimeoutError", message: expect.stringContaining("last error: HTTP 503: unavailable") },
    });
  });

  it("an unknown status: exit 4, with the status and the body", () => {
    const error = new core.OpstatusUnknownStatusError({
      ...scope,
      vendorStatus: "HALF_DONE",
      body: { status: "HALF_DONE" },
    });
    expect(fail(error)).toEqual({
      exitCode: 4,
      outcome: "error",
      ...subject,
      state: "unknown",
      vendorStatus: "HALF_DONE",
      body: { status: "HALF_DONE" },
      error: {
        name: "OpstatusUnknownStatusError",
        message:
          'vmware-vsphere getVmGuestCustomization: unknown status "HALF_DONE" (pass unknownStatus: "wait" to keep waiting until the deadline)',
      },
    });
  });

  it("input refused before sending: usage, exit 2", () => {
    const error = new core.OpstatusRequestError({ ...scope, message: "the vm id is empty" });
    expect(fail(error)).toEqual({
      exitCode: 2,
      outcome: "usage",
      ...subject,
      error: { name: "OpstatusRequestError", message: "vmware-vsphere getVmGuestCustomization: the vm id is empty" },
    });
  });

  it("anything else: exit 4", () => {
    expect(fail(new core.OpstatusNetworkError({ ...scope, message: "ECONNREFUSED" }))).toMatchObject({
      exitCode: 4,
      outcome: "error",
      error: { name: "OpstatusNetworkError" },
    });
    expect(fail(new Error("boom"))).toMatchObject({ exitCode: 4, outcome: "error", error: { message: "boom" } });
    expect(fail("a string")).toMatchObject({
      exitCode: 4,
      outcome: "error",
      error: { name: "Error", message: "a string" },
    });
  });

  it("an error from another copy of core (its brand and code, not its class) is told apart", () => {
    const brand = Symbol.for("@opstatus/core.OpstatusError");
    const foreign = Object.assign(Object.create({ [brand]: true }), {
      name: "OpstatusApiError",
      message: "HTTP 401",
      code: "api",
      status: 401,
    });
    expect(fail(foreign)).toMatchObject({ exitCode: 3, outcome: "auth" });
  });
});
