// The edges of the wait engine that mutation testing found untested: the time the last poll at the deadline gets, a
// poll that ends exactly at the deadline, the history of a resumed wait, the schedule's messages and Retry-After's
// forms, which statuses are retried, the token a display reads, and the messages of the errors a wait ends with.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { FakeClock } from "@opstatus/tools/test-kit/fake-clock";
import { OpstatusApiError, OpstatusAuthError, OpstatusNetworkError, OpstatusRequestError } from "../src/errors.js";
import { waitUntilDone } from "../src/index.js";
import {
  OpstatusAbortError,
  OpstatusOperationFailedError,
  OpstatusTimeoutError,
  OpstatusUnknownStatusError,
} from "../src/wait-errors.js";
import { PollHistory } from "../src/history.js";
import { MAX_TIMER_MS, checkOptions, isRetryable, nextDelay, parseRetryAfter } from "../src/schedule.js";
import { stepWait } from "../src/step.js";
import { decodeWaitState, readWaitToken } from "../src/wait-state.js";
import { type Body, apiError, operation, tokenOf } from "./operation.js";
import { thrown } from "./outcomes.js";

const scope = { provider: "test-provider", operation: "getThing" };

describe("the last poll at the deadline", () => {
  it("still gets a second to answer when the deadline is now", async () => {
    const op = operation(["hang"]);
    const clock = new FakeClock();
    op.useClock(clock);
    const state = tokenOf({ startedAt: 0, deadline: 0, attempt: 3, nextPollAt: 0 });
    const { error } = await clock.run(stepWait(op.spec, JSON.stringify(state), { clock }));
    expect(error).toBeInstanceOf(OpstatusTimeoutError);
    expect(error.cause).toBeInstanceOf(OpstatusNetworkError);
    expect(error.cause.message).toBe("test-provider getThing: no answer within 1000 ms");
    expect(clock.now()).toBe(1000);
    // the poll's own signal says why it was cut
    const reason = op.polls[0]!.signal.reason;
    expect([reason.name, reason.message]).toEqual(["TimeoutError", "no answer within 1000 ms"]);
  });

  it("gets the time left when that is more than a second", async () => {
    const op = operation(["hang"]);
    const clock = new FakeClock();
    op.useClock(clock);
    await clock.run(new Promise((resolve) => clock.setTimeout(() => resolve(undefined), 5000)));
    const { error } = await clock.run(stepWait(op.spec, undefined, { clock, timeout: 4000 }));
    expect(error.cause.message).toBe("test-provider getThing: no answer within 4000 ms");
    expect(clock.now()).toBe(9000);
  });

  it("ends the wait when its answer comes exactly at the deadline, with a token to go on", async () => {
    const op = operation(["RUNNING"]);
    const clock = new FakeClock();
    op.useClock(clock);
    const state = tokenOf({ startedAt: 0, deadline: 0, attempt: 1, nextPollAt: 0, lastStatus: "RUNNING" });
    const { error } = await clock.run(stepWait(op.spec, state as never, { clock }));
    expect(error).toBeInstanceOf(OpstatusTimeoutError);
    expect(error.attempts).toBe(2);
    expect(JSON.parse(error.resumeToken)).toMatchObject({ attempt: 2, lastPollAt: 0, lastStatus: "RUNNING" });
  });

  it("goes on when its answer comes one millisecond before the deadline", async () => {
    const op = operation(["RUNNING"]);
    const clock = new FakeClock();
    op.useClock(clock);
    const state = tokenOf({ startedAt: 0, deadline: 1, attempt: 0, nextPollAt: 0 });
    const { value } = await clock.run(stepWait(op.spec, state as never, { clock, minDelay: 10, maxDelay: 10 }));
    expect(value).toMatchObject({ done: false, nextPollAt: 10 });
  });

  it("reports no next delay in the progress event of a poll at or after the deadline", async () => {
    const op = operation(["RUNNING"]);
    const clock = new FakeClock();
    op.useClock(clock);
    const events: (number | undefined)[] = [];
    const state = tokenOf({ startedAt: 0, deadline: 0, attempt: 0, nextPollAt: 0 });
    await clock.run(stepWait(op.spec, state as never, { clock, onProgress: (e) => events.push(e.nextDelayMs) }));
    expect(events).toEqual([undefined]);
  });
});

describe("a step's events and state", () => {
  it("reports a progress event only when the status changed since the token's last one", async () => {
    const op = operation(["RUNNING"]);
    const clock = new FakeClock();
    op.useClock(clock);
    const seen: string[] = [];
    const options = { clock, onProgress: (e: { vendorStatus: string }) => seen.push(e.vendorStatus) };
    const same = tokenOf({ startedAt: 0, deadline: 60_000, attempt: 1, nextPollAt: 0, lastStatus: "RUNNING" });
    await clock.run(stepWait(op.spec, same as never, options));
    expect(seen).toEqual([]);
    const other = { ...same, lastStatus: "PENDING" };
    await clock.run(stepWait(op.spec, other as never, options));
    expect(seen).toEqual(["RUNNING"]);
  });

  it("drops the vendor's own state from the token when the answer carries none", async () => {
    const op = operation(["RUNNING"]);
    const clock = new FakeClock();
    op.useClock(clock);
    const state = tokenOf({ startedAt: 0, deadline: 60_000, attempt: 1, nextPollAt: 0, vendor: { location: "/x" } });
    const { value } = await clock.run(stepWait(op.spec, state as never, { clock }));
    expect((value as { state: object }).state).not.toHaveProperty("vendor");
  });

  it("keeps the last answer's body for the timeout that follows a failed last poll", async () => {
    const op = operation(["RUNNING", apiError(503)]);
    const { error } = await op.wait(new FakeClock(), { timeout: 1500 });
    expect(error).toBeInstanceOf(OpstatusTimeoutError);
    expect(error.lastBody).toEqual({ status: "RUNNING" });
    expect(error.lastStatus).toBe("RUNNING");
    expect(error.lastError).toBe("test-provider getThing: HTTP 503: empty body");
  });
});

describe("the history of a resumed wait", () => {
  it("does not count the first poll as a change when it repeats the token's last status", () => {
    const history = new PollHistory("RUNNING");
    for (let attempt = 1; attempt <= 6; attempt++)
      history.push({ attempt, at: attempt, elapsedMs: attempt, httpStatus: 200, vendorStatus: "RUNNING" });
    expect(history.list().map((r) => r.attempt)).toEqual([3, 4, 5, 6]);
    const fresh = new PollHistory();
    for (let attempt = 1; attempt <= 6; attempt++)
      fresh.push({ attempt, at: attempt, elapsedMs: attempt, httpStatus: 200, vendorStatus: "RUNNING" });
    expect(fresh.list().map((r) => r.attempt)).toEqual([1, 3, 4, 5, 6]);
  });
});

describe("the schedule", () => {
  it("names the option, its bound and the value in the message of a bad option", () => {
    const message = (options: object) => {
      try {
        checkOptions(scope, options);
      } catch (error) {
        return (error as Error).message;
      }
      return "accepted";
    };
    expect(message({ timeout: 0 })).toBe(
      "test-provider getThing: the timeout option must be a finite number of milliseconds > 0, not 0",
    );
    expect(message({ initialDelay: -1 })).toBe(
      "test-provider getThing: the initialDelay option must be a finite number of milliseconds >= 0, not -1",
    );
    expect(message({ maxDelay: "10" })).toMatch(/the maxDelay option .* > 0, not "10"$/);
    // a value JSON cannot show is shown as text
    expect(message({ maxDelay: () => 10 })).toMatch(/the maxDelay option .* > 0, not \(\) => 10$/);
    // nor a BigInt nor a Symbol (JSON.stringify throws on one, and a template on the other): the option is named
    expect(message({ timeout: 10n })).toBe(
      "test-provider getThing: the timeout option must be a finite number of milliseconds > 0, not 10",
    );
    expect(message({ minDelay: Symbol("s") })).toBe(
      "test-provider getThing: the minDelay option must be a finite number of milliseconds > 0, not Symbol(s)",
    );
    expect(message({ unknownStatus: 1n })).toBe(
      'test-provider getThing: the unknownStatus option must be "fail" or "wait", not 1',
    );
    expect(message({ unknownStatus: "never" })).toBe(
      'test-provider getThing: the unknownStatus option must be "fail" or "wait", not "never"',
    );
    expect(message({ minDelay: 500, maxDelay: 100 })).toBe(
      "test-provider getThing: the maxDelay option (100) must not be less than minDelay (500)",
    );
    expect(message({ delay: 5 })).toBe("test-provider getThing: the delay option must be a function");
    expect(message({ initialDelay: 0 })).toBe("accepted");
    expect(message({ unknownStatus: "fail" })).toBe("accepted");
    expect(message({ unknownStatus: "wait" })).toBe("accepted");
  });

  /** The delay after poll `attempt` of a wait whose delay function answers `answer`. */
  const delayAfter = (attempt: number, answer: unknown) => () =>
    nextDelay(scope, checkOptions(scope, { delay: () => answer as never }), {
      attempt,
      after: 0,
      deadline: 1e6,
      last: undefined,
      retryAfter: null,
      random: Math.random,
    });

  it("names a delay function's answer that JSON cannot show (a BigInt)", () => {
    expect(delayAfter(1, 5n)).toThrow(
      "test-provider getThing: the delay option gave 5 after poll 1, not a finite number of milliseconds",
    );
  });

  it("names a delay function's bad answer", () => {
    expect(delayAfter(2, undefined)).toThrow(
      "test-provider getThing: the delay option gave undefined after poll 2, not a finite number of milliseconds",
    );
  });

  it("draws the planned delay for a random source at exactly 0 and exactly 1, and nothing outside", () => {
    const schedule = checkOptions(scope, { minDelay: 1000, maxDelay: 8800 });
    const delay = (r: number) =>
      nextDelay(scope, schedule, {
        attempt: 1,
        after: 0,
        deadline: 1e6,
        last: undefined,
        retryAfter: null,
        random: () => r,
      });
    expect([delay(0), delay(1), delay(-0.5), delay(1.5)]).toEqual([1000, 1100, 1000, 1000]);
  });

  it("reads Retry-After in whole or fractional seconds, with spaces around, and nothing else as seconds", () => {
    expect(parseRetryAfter(" 2 ", 0)).toBe(2000);
    expect(parseRetryAfter("1.5", 0)).toBe(1500);
    expect(parseRetryAfter("1.25", 0)).toBe(1250);
    expect(parseRetryAfter("x2", 0)).toBeUndefined();
    expect(parseRetryAfter("2x", 0)).toBeUndefined();
    expect(parseRetryAfter("1.5e3", 0)).toBeUndefined();
    expect(parseRetryAfter("", 0)).toBeUndefined();
  });

  it("keeps the planned delay after a poll that ended exactly at the deadline (for a resume)", () => {
    const schedule = checkOptions(scope, { minDelay: 1000, maxDelay: 8800 });
    const input = { attempt: 5, after: 10_000, deadline: 10_000, last: undefined, retryAfter: null, random: () => 0 };
    expect(nextDelay(scope, schedule, input)).toBe(5063);
  });

  it("retries 408, 425, 429, 5xx and an unreadable 2xx; not 4xx, 3xx, a refused log-in nor other errors", () => {
    const retried = [408, 425, 429, 500, 599, 200, 299].map((s) => isRetryable(apiError(s)));
    expect(retried).toEqual([true, true, true, true, true, true, true]);
    const ended = [400, 401, 404, 409, 499, 300, 302, 199, 600].map((s) => isRetryable(apiError(s)));
    expect(ended).toEqual(Array(9).fill(false));
    const refused = new OpstatusAuthError({ ...scope, status: 503 });
    expect(isRetryable(refused)).toBe(false);
    expect(isRetryable(new OpstatusNetworkError({ ...scope, message: "reset" }))).toBe(true);
    expect(isRetryable(new Error("boom"))).toBe(false);
  });
});

describe("a wait's token", () => {
  it("is read for a display: attempt, start, next poll and last status, and nothing that is not a number", () => {
    expect(
      readWaitToken(JSON.stringify(tokenOf({ startedAt: 5, attempt: 2, nextPollAt: 9, lastStatus: "RUNNING" }))),
    ).toEqual({
      attempt: 2,
      startedAt: 5,
      nextPollAt: 9,
      lastStatus: "RUNNING",
    });
    expect(
      readWaitToken(JSON.stringify({ v: 1, attempt: 0, startedAt: "x", nextPollAt: null, lastStatus: 3 })),
    ).toEqual({
      attempt: 0,
    });
    for (const text of ["{", "null", '{"v":3,"attempt":1}', '{"v":2,"attempt":1.5}', '{"v":2}'])
      expect(readWaitToken(text), text).toBeUndefined();
  });

  it("is refused naming the field that is wrong", () => {
    const good = tokenOf({ startedAt: 0, deadline: 10, attempt: 1, nextPollAt: 5 });
    const message = (token: object) => {
      try {
        decodeWaitState(scope, "thing-1", JSON.stringify(token), 0);
      } catch (error) {
        return (error as Error).message;
      }
      return "accepted";
    };
    expect(message(good)).toBe("accepted");
    expect(message({ ...good, attempt: -1 })).toBe("test-provider getThing: the resume token has no valid attempt");
    expect(message({ ...good, lastStatus: 5 })).toBe(
      "test-provider getThing: the resume token has no valid lastStatus",
    );
    expect(message({ ...good, vendor: { a: 1 } })).toBe("test-provider getThing: the resume token has no valid vendor");
    expect(message({ ...good, vendor: null })).toBe("test-provider getThing: the resume token has no valid vendor");
    expect(message({ ...good, vendor: "abc" })).toBe("test-provider getThing: the resume token has no valid vendor");
    expect(message({ ...good, vendor: { a: "x", b: 1 } })).toBe(
      "test-provider getThing: the resume token has no valid vendor",
    );
    for (const text of ["not json", "null"])
      expect(thrown(() => decodeWaitState(scope, "thing-1", text, 0))).toBe(
        "test-provider getThing: the resume token has unsupported version undefined",
      );
    expect(Object.keys(decodeWaitState(scope, "thing-1", good as never, 7))).toEqual([
      "v",
      "provider",
      "operation",
      "target",
      "startedAt",
      "deadline",
      "attempt",
      "nextPollAt",
    ]);
    expect(message({ ...good, provider: "other" })).toBe(
      "test-provider getThing: the resume token is for other getThing thing-1, not thing-1",
    );
    expect(message({ ...good, operation: "other" })).toContain("is for test-provider other thing-1");
    expect(message({ ...good, v: 1, vendor: { location: "/x" }, lastPollAt: 2, lastStatus: "A" })).toBe("accepted");
    expect(decodeWaitState(scope, "thing-1", JSON.stringify({ ...good, lastPollAt: 2 }), 0)).toMatchObject({
      v: 2,
      lastPollAt: 2,
    });
  });
});

describe("the messages of the errors a wait ends with", () => {
  it("name the end, the status, the reason, the polls and the last error", () => {
    const result = {
      state: "failed" as const,
      vendorStatus: "ERROR",
      body: {},
      attempts: 1,
      elapsedMs: 0,
      history: [],
    };
    expect(new OpstatusOperationFailedError({ ...scope, result }).message).toBe(
      "test-provider getThing: operation ended failed (status ERROR)",
    );
    expect(new OpstatusOperationFailedError({ ...scope, result: { ...result, reason: "disk full" } }).message).toBe(
      "test-provider getThing: operation ended failed (status ERROR): disk full",
    );
    const timeout = (fields: object) =>
      new OpstatusTimeoutError<Body>({ ...scope, elapsedMs: 5, attempts: 2, ...fields }).message;
    expect(timeout({})).toBe("test-provider getThing: timed out after 5 ms and 2 poll(s) (no status seen)");
    expect(timeout({ lastStatus: "RUNNING", lastError: "reset" })).toBe(
      "test-provider getThing: timed out after 5 ms and 2 poll(s) (last status RUNNING; last error: reset)",
    );
    expect(new OpstatusTimeoutError({ ...scope, elapsedMs: 0, attempts: 0 }).history).toEqual([]);
    expect(new OpstatusUnknownStatusError({ ...scope, vendorStatus: "WEIRD" }).message).toBe(
      'test-provider getThing: unknown status "WEIRD" (pass unknownStatus: "wait" to keep waiting until the deadline)',
    );
  });

  it("say why the wait was aborted: the reason's message, or the reason when it is text", () => {
    const aborted = (cause: unknown) => new OpstatusAbortError({ ...scope, cause });
    expect(aborted(new Error("user pressed ^C")).message).toBe(
      "test-provider getThing: the wait was aborted (user pressed ^C)",
    );
    expect(aborted("shutting down").message).toBe("test-provider getThing: the wait was aborted (shutting down)");
    expect(aborted(42).message).toBe("test-provider getThing: the wait was aborted");
    expect(aborted(undefined).name).toBe("AbortError");
  });
});

describe("a wait on the system clock", () => {
  it("sleeps on real timers between polls and counts elapsed time from the first", async () => {
    const op = operation(["RUNNING", "RUNNING", "DONE"]);
    const started = Date.now();
    op.useClock({ now: () => Date.now() } as FakeClock);
    const result = await waitUntilDone(op.spec, { minDelay: 20, maxDelay: 20, random: () => 0 });
    expect(result.attempts).toBe(3);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(40);
    expect(result.elapsedMs).toBeLessThan(Date.now() - started + 1);
    const gaps = op.polls.slice(1).map((p, i) => p.at - op.polls[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(19);
  });
});

describe("the error classes", () => {
  it("are named after themselves, and have a cause only when given one", () => {
    const names = [
      new OpstatusRequestError({ ...scope, message: "m" }),
      new OpstatusNetworkError({ ...scope, message: "m" }),
      new OpstatusApiError({ ...scope, status: 500 }),
      new OpstatusAuthError({ ...scope, status: 401 }),
      new OpstatusOperationFailedError({
        ...scope,
        result: { state: "failed", vendorStatus: "X", body: {}, attempts: 1, elapsedMs: 0, history: [] },
      }),
      new OpstatusTimeoutError({ ...scope, elapsedMs: 0, attempts: 0 }),
      new OpstatusUnknownStatusError({ ...scope, vendorStatus: "X" }),
    ].map((error) => error.name);
    expect(names).toEqual([
      "OpstatusRequestError",
      "OpstatusNetworkError",
      "OpstatusApiError",
      "OpstatusAuthError",
      "OpstatusOperationFailedError",
      "OpstatusTimeoutError",
      "OpstatusUnknownStatusError",
    ]);
    expect("cause" in new OpstatusRequestError({ ...scope, message: "m" })).toBe(false);
    expect(new OpstatusRequestError({ ...scope, message: "m", cause: 0 }).cause).toBe(0);
  });

  it("show a vendor's message of 200 characters whole, and cut a longer one", () => {
    const of = (length: number) =>
      new OpstatusApiError({ ...scope, status: 500, body: { message: "x".repeat(length) } });
    expect(of(200).message).toBe(`test-provider getThing: HTTP 500: ${"x".repeat(200)}`);
    expect(of(201).message).toBe(`test-provider getThing: HTTP 500: ${"x".repeat(200)}…`);
  });
});

/** A fake clock whose timers have `unref`, as Node's do: counts the calls. */
class UnrefClock extends FakeClock {
  unrefs = 0;
  override setTimeout(callback: () => void, ms: number): unknown {
    return { id: super.setTimeout(callback, ms), unref: () => this.unrefs++ };
  }
  override clearTimeout(handle: unknown): void {
    super.clearTimeout((handle as { id: number }).id);
  }
}

describe("the loop's sleep", () => {
  it("unrefs its timers and the poll's time limit only when asked", async () => {
    const asked = new UnrefClock();
    await operation(["RUNNING", "DONE"]).wait(asked, { unref: true });
    expect(asked.unrefs).toBe(4);
    const not = new UnrefClock();
    await operation(["RUNNING", "DONE"]).wait(not);
    expect(not.unrefs).toBe(0);
  });

  it("ends at once when aborted while it sleeps, and leaves no timer or listener behind", async () => {
    const op = operation(["RUNNING"]);
    const clock = new FakeClock();
    const controller = new AbortController();
    clock.setTimeout(() => controller.abort(new Error("stop")), 500);
    const { error } = await op.wait(clock, { signal: controller.signal });
    expect(error).toBeInstanceOf(OpstatusAbortError);
    expect(error.message).toBe("test-provider getThing: the wait was aborted (stop)");
    expect(clock.now()).toBe(500);
    expect(op.polls).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("removes its abort listener after every sleep of a wait that ends well", async () => {
    const controller = new AbortController();
    await operation(["RUNNING", "RUNNING", "DONE"]).wait(new FakeClock(), { signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("sleeps in steps Node's timers accept until the time has come", async () => {
    const op = operation(["DONE"]);
    const clock = new FakeClock();
    await op.wait(clock, { initialDelay: 2 * MAX_TIMER_MS + 5, timeout: 10 * MAX_TIMER_MS });
    expect(op.polls.map((p) => p.at)).toEqual([2 * MAX_TIMER_MS + 5]);
  });

  it("names a delay function's NaN as NaN (JSON said null)", async () => {
    const { error } = await operation(["RUNNING"]).wait(new FakeClock(), { delay: () => Number.NaN });
    expect(error.message).toBe(
      "test-provider getThing: the delay option gave NaN after poll 1, not a finite number of milliseconds",
    );
  });
});

describe("the history's changes", () => {
  it("count a failed poll after one with an empty status as a change", () => {
    const history = new PollHistory();
    const at = { at: 0, elapsedMs: 0, httpStatus: 200 };
    history.push({ attempt: 1, ...at, vendorStatus: "" });
    history.push({ attempt: 2, ...at, error: "reset" });
    for (let attempt = 3; attempt <= 6; attempt++) history.push({ attempt, ...at, vendorStatus: "" });
    expect(history.list().map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe("a step's edges", () => {
  it("sends nothing when its signal has aborted already, and gives a token of the state as it was", async () => {
    const op = operation(["DONE"]);
    const clock = new FakeClock();
    op.useClock(clock);
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    const { error } = await clock.run(stepWait(op.spec, undefined, { clock, signal: controller.signal }));
    expect(error).toBeInstanceOf(OpstatusAbortError);
    expect(op.polls).toHaveLength(0);
    expect(JSON.parse(error.resumeToken)).toMatchObject({ attempt: 0, nextPollAt: 0 });
  });

  it("records a failed poll's error in the history", async () => {
    const { value } = await operation([apiError(503), "DONE"]).wait(new FakeClock());
    expect(value?.history[0]).toEqual({
      attempt: 1,
      at: 0,
      elapsedMs: 0,
      httpStatus: 503,
      error: "test-provider getThing: HTTP 503: empty body",
    });
  });

  it("takes unref with a clock whose timers have no unref, or that gives no handle at all", async () => {
    const { value } = await operation(["RUNNING", "DONE"]).wait(new FakeClock(), { unref: true });
    expect(value?.state).toBe("succeeded");
    const fake = new FakeClock();
    const handleless = {
      now: () => fake.now(),
      setTimeout: (callback: () => void, ms: number) => void fake.setTimeout(callback, ms),
      clearTimeout: () => undefined,
    };
    const op = operation(["RUNNING", "DONE"]);
    op.useClock(fake);
    const { value: done } = await fake.run(waitUntilDone(op.spec, { clock: handleless, unref: true, minDelay: 1000 }));
    expect(done?.state).toBe("succeeded");
  });
});
