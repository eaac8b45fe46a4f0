// pollLine (src/run.ts): a waiter's poll event as the output shows it.
import { OpstatusApiError, type PollEvent } from "@opstatus/core";
import { describe, expect, it } from "vitest";
import { EXIT, pollLine } from "../../src/run.js";

const at = 1_700_000_000_000;
const seen = (vendorStatus: string, state: "running" | "succeeded" | "failed" | "pending" = "running") => ({
  state,
  vendorStatus,
  httpStatus: 200,
  body: { status: vendorStatus },
});
const event = (over: Partial<PollEvent<unknown>> = {}): PollEvent<unknown> => ({
  attempt: 2,
  at,
  elapsedMs: 3000,
  observation: seen("RUNNING"),
  nextPollAt: at + 4000,
  ...over,
});

/** The second poll, 3 s in, seeing RUNNING again. */
const sameRunning = { attempt: 2, elapsedMs: 3000, state: "running", vendorStatus: "RUNNING", changed: false };

describe("pollLine", () => {
  it("a new status: changed, with its body and HTTP status, and the delay to the next poll", () => {
    expect(pollLine(event(), "PENDING")).toEqual({
      attempt: 2,
      elapsedMs: 3000,
      state: "running",
      vendorStatus: "RUNNING",
      changed: true,
      nextPollInMs: 4000,
      httpStatus: 200,
      body: { status: "RUNNING" },
    });
  });

  it("the first poll is a change", () => {
    expect(pollLine(event(), undefined).changed).toBe(true);
  });

  it("the same status: not changed, no body", () => {
    const line = pollLine(event(), "RUNNING");
    expect(line).toEqual({ ...sameRunning, nextPollInMs: 4000 });
  });

  it("the last poll: the body even when unchanged, and no next poll", () => {
    const line = pollLine(event({ observation: seen("RUNNING"), nextPollAt: undefined }), "RUNNING");
    expect(line).toEqual({ ...sameRunning, httpStatus: 200, body: { status: "RUNNING" } });
    expect(line).not.toHaveProperty("nextPollInMs");
  });

  it("an empty status after none is a change; after an empty one it is not", () => {
    expect(pollLine(event({ observation: seen("", "pending") }), undefined).changed).toBe(true);
    expect(pollLine(event({ observation: seen("", "pending") }), "").changed).toBe(false);
  });

  it("the delay is whole milliseconds, never below 0", () => {
    expect(pollLine(event({ nextPollAt: at + 1234.6 }), "X").nextPollInMs).toBe(1235);
    expect(pollLine(event({ nextPollAt: at - 50 }), "X").nextPollInMs).toBe(0);
    expect(pollLine(event({ nextPollAt: at }), "X").nextPollInMs).toBe(0);
  });

  it("a failed poll: the error, not changed, no status", () => {
    const error = new OpstatusApiError({
      provider: "vmware-vsphere",
      operation: "getVmGuestCustomization",
      status: 503,
      rawBody: "busy",
    });
    const line = pollLine(event({ observation: undefined, error, nextPollAt: at + 2000 }), "RUNNING");
    expect(line).toEqual({
      attempt: 2,
      elapsedMs: 3000,
      changed: false,
      error: {
        name: "OpstatusApiError",
        message: "vmware-vsphere getVmGuestCustomization: HTTP 503: busy",
        status: 503,
      },
      nextPollInMs: 2000,
    });
    const last = pollLine(
      event({ observation: undefined, error: new Error("socket hang up"), nextPollAt: undefined }),
      "X",
    );
    expect(last).toEqual({
      attempt: 2,
      elapsedMs: 3000,
      changed: false,
      error: { name: "Error", message: "socket hang up" },
    });
  });
});

it("run.ts re-exports the exit codes", () => {
  expect(EXIT.timeout).toBe(124);
});
