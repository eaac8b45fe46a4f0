import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  OpstatusApiError,
  OpstatusNetworkError,
  OpstatusOperationFailedError,
  OpstatusRequestError,
  OpstatusTimeoutError,
  OpstatusUnknownStatusError,
  type Observation,
} from "../src/index.js";
import { MAX_TIMER_MS, backoffDelay, parseRetryAfter } from "../src/schedule.js";
import { FakeClock } from "@opstatus/tools/test-kit/fake-clock";
import { type Body, apiError, gaps, operation, tokenOf } from "./operation.js";

describe("schedule", () => {
  it("grows the planned delay ×1.5 from minDelay up to maxDelay / 1.1 (whole milliseconds)", async () => {
    const op = operation([...Array(8).fill("RUNNING"), "DONE"]);
    const { value } = await op.wait(new FakeClock());
    expect(value?.state).toBe("succeeded");
    expect(gaps(op.polls)).toEqual([1000, 1500, 2250, 3375, 5063, 7594, 8000, 8000]);
  });

  it("draws each delay in a band 0-10 % above the planned one, also at the cap, never past maxDelay", () => {
    const randoms = [0, 0.25, 0.5, 0.75, 0.999];
    const atCap = randoms.map((r) => backoffDelay(10, 1000, 8800, () => r));
    expect(atCap).toEqual([8000, 8200, 8400, 8600, 8799]);
    expect(backoffDelay(2, 1000, 8800, () => 0.5)).toBe(1575);
    // the band is cut at maxDelay when the planned delay cannot leave room for it (minDelay = maxDelay)
    expect(backoffDelay(10, 5000, 5000, () => 0.999)).toBe(5000);
    // a random source that strays out of [0, 1] draws the planned delay
    for (const r of [Number.NaN, -1, 7]) expect(backoffDelay(2, 1000, 8800, () => r)).toBe(1500);
  });

  it("waits initialDelay before the first poll", async () => {
    const op = operation(["DONE"]);
    await op.wait(new FakeClock(), { initialDelay: 2500 });
    expect(op.polls[0]!.at).toBe(2500);
  });

  it("takes Retry-After (seconds) as a floor under the next delay", async () => {
    const op = operation(["RUNNING|7", "RUNNING", "DONE"]);
    await op.wait(new FakeClock());
    expect(gaps(op.polls)).toEqual([7000, 1500]);
  });

  it("takes Retry-After as an HTTP-date", () => {
    const now = Date.parse("2026-11-22T10:00:00Z");
    expect(parseRetryAfter("Sun, 22 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("does not let a short Retry-After shorten the backoff", async () => {
    const op = operation(["RUNNING", "RUNNING|1", "DONE"]);
    await op.wait(new FakeClock());
    expect(gaps(op.polls)).toEqual([1000, 1500]);
  });

  it("clamps every delay to the largest timer Node accepts", async () => {
    const op = operation(["RUNNING", "DONE"]);
    const clock = new FakeClock();
    await op.wait(clock, { minDelay: 10 * MAX_TIMER_MS, maxDelay: 10 * MAX_TIMER_MS, timeout: 100 * MAX_TIMER_MS });
    expect(gaps(op.polls)).toEqual([MAX_TIMER_MS]);
  });
});

describe("deadline", () => {
  it("polls one last time at the deadline, then fails with the last status", async () => {
    const op = operation(["PENDING", "RUNNING"]);
    const { error } = await op.wait(new FakeClock(), { timeout: 10_000 });
    expect(op.polls.map((p) => p.at)).toEqual([0, 1000, 2500, 4750, 8125, 10_000]);
    expect(error).toBeInstanceOf(OpstatusTimeoutError);
    expect(error.lastStatus).toBe("RUNNING");
    expect(error.message).toContain("test-provider getThing");
    expect(error.history).toHaveLength(6);
  });

  it("clamps a Retry-After beyond the deadline to a last poll at the deadline", async () => {
    const op = operation(["RUNNING|3600", "DONE"]);
    const { value } = await op.wait(new FakeClock(), { timeout: 5000 });
    expect(op.polls.map((p) => p.at)).toEqual([0, 5000]);
    expect(value?.state).toBe("succeeded");
  });

  it("gives each request the time left as its limit", async () => {
    const op = operation(["hang"]);
    const { error } = await op.wait(new FakeClock(), { timeout: 4000 });
    expect(error).toBeInstanceOf(OpstatusTimeoutError);
    expect(op.polls.map((p) => p.at)).toEqual([0]);
    expect(op.polls[0]!.signal.aborted).toBe(true);
    expect(error.cause).toBeInstanceOf(OpstatusNetworkError);
  });
});

describe("errors while polling", () => {
  it("retries network errors, 429 and 5xx within the deadline", async () => {
    const op = operation([
      new OpstatusNetworkError({ provider: "p", operation: "o", message: "reset" }),
      apiError(429),
      apiError(503),
      apiError(500),
      "DONE",
    ]);
    const { value } = await op.wait(new FakeClock());
    expect(value?.state).toBe("succeeded");
    expect(value?.history.map((h) => h.httpStatus ?? "net")).toEqual(["net", 429, 503, 500, 200]);
  });

  it("honours Retry-After on a 429", async () => {
    const op = operation([apiError(429, { "retry-after": "20" }), "DONE"]);
    await op.wait(new FakeClock());
    expect(gaps(op.polls)).toEqual([20_000]);
  });

  for (const status of [301, 304, 400, 401, 403, 404, 405, 409, 410, 422]) {
    it(`ends at once on ${status} with the provider's typed error`, async () => {
      const op = operation(["RUNNING", apiError(status), "DONE"]);
      const { error } = await op.wait(new FakeClock());
      expect(error).toBeInstanceOf(OpstatusApiError);
      expect(error.status).toBe(status);
      expect(op.polls).toHaveLength(2);
    });
  }

  for (const error of [
    new TypeError("a bug in poll()"),
    new OpstatusRequestError({ provider: "test-provider", operation: "getThing", message: "bad id" }),
  ]) {
    it(`ends at once on an error that is not a network or API error (${error.name})`, async () => {
      const op = operation(["RUNNING", error, "DONE"]);
      const result = await op.wait(new FakeClock());
      expect(result.error).toBe(error);
      expect(op.polls).toHaveLength(2);
    });
  }

  it("ends with a timeout naming the last error when errors last until the deadline", async () => {
    const op = operation([apiError(503)]);
    const { error } = await op.wait(new FakeClock(), { timeout: 5000 });
    expect(error).toBeInstanceOf(OpstatusTimeoutError);
    expect(error.message).toContain("HTTP 503");
    expect(error.lastStatus).toBeUndefined();
  });
});

describe("status handling", () => {
  it("fails fast on an unknown status by default", async () => {
    const op = operation(["RUNNING", "MIGRATING"]);
    const { error } = await op.wait(new FakeClock());
    expect(error).toBeInstanceOf(OpstatusUnknownStatusError);
    expect(error.vendorStatus).toBe("MIGRATING");
    expect(op.polls).toHaveLength(2);
  });

  it("keeps waiting on an unknown status up to the deadline when asked, never forever", async () => {
    const op = operation(["MIGRATING"]);
    const { error } = await op.wait(new FakeClock(), { unknownStatus: "wait", timeout: 20_000 });
    expect(error).toBeInstanceOf(OpstatusTimeoutError);
    expect(error.lastStatus).toBe("MIGRATING");
    expect(op.polls.at(-1)!.at).toBe(20_000);
  });

  it("rejects a failed operation with its reason and history", async () => {
    const failed: Observation<Body> = {
      state: "failed",
      vendorStatus: "FAILED",
      body: { status: "FAILED" },
      httpStatus: 200,
      reason: "disk full",
    };
    const op = operation(["RUNNING", failed]);
    const { error } = await op.wait(new FakeClock());
    expect(error).toBeInstanceOf(OpstatusOperationFailedError);
    expect(error.result).toMatchObject({ state: "failed", vendorStatus: "FAILED", reason: "disk full", attempts: 2 });
    expect(error.message).toContain("disk full");
  });

  it("rejects a canceled operation", async () => {
    const { error } = await operation(["CANCELED"]).wait(new FakeClock());
    expect(error.result.state).toBe("canceled");
  });

  it("reports transitions only, with attempt, elapsed time and next delay", async () => {
    const op = operation(["PENDING", "PENDING", "RUNNING", "RUNNING", "DONE"]);
    const events: unknown[] = [];
    const { value } = await op.wait(new FakeClock(), {
      onProgress: (e) =>
        events.push([e.attempt, e.elapsedMs, e.previousVendorStatus, e.vendorStatus, e.state, e.nextDelayMs]),
    });
    expect(events).toEqual([
      [1, 0, undefined, "PENDING", "pending", 1000],
      [3, 2500, "PENDING", "RUNNING", "running", 2250],
      [5, 8125, "RUNNING", "DONE", "succeeded", undefined],
    ]);
    expect(value).toMatchObject({
      state: "succeeded",
      vendorStatus: "DONE",
      body: { status: "DONE" },
      attempts: 5,
      elapsedMs: 8125,
    });
    expect(value!.history.map((h) => [h.attempt, h.at, h.vendorStatus, h.httpStatus])).toEqual([
      [1, 0, "PENDING", 200],
      [2, 1000, "PENDING", 200],
      [3, 2500, "RUNNING", 200],
      [4, 4750, "RUNNING", 200],
      [5, 8125, "DONE", 200],
    ]);
  });
});

describe("abort, resume and hygiene", () => {
  function countingSignal(controller: AbortController) {
    const signal = controller.signal;
    let listeners = 0;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((type: string, fn: any, opts: any) => {
      listeners++;
      add(type, fn, opts);
    }) as typeof signal.addEventListener;
    signal.removeEventListener = ((type: string, fn: any, opts: any) => {
      listeners--;
      remove(type, fn, opts);
    }) as typeof signal.removeEventListener;
    return { signal, listeners: () => listeners };
  }

  it("abort during the delay clears the timer, removes its listeners and sends nothing more", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const { signal, listeners } = countingSignal(controller);
    const op = operation(["RUNNING"]);
    const promise = op.wait(clock, { signal, onProgress: () => controller.abort() });
    const { error } = await promise;
    expect(error.name).toBe("AbortError");
    expect(op.polls).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
    expect(listeners()).toBe(0);
  });

  it("abort during a request aborts that request", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const { signal, listeners } = countingSignal(controller);
    const op = operation(["hang"]);
    const hang = op.spec.poll;
    op.spec.poll = (requestSignal) => {
      const answer = hang(requestSignal);
      controller.abort();
      return answer;
    };
    const { error } = await op.wait(clock, { signal });
    expect(error.name).toBe("AbortError");
    expect(op.polls).toHaveLength(1);
    expect(op.polls[0]!.signal.aborted).toBe(true);
    expect(clock.pendingTimers).toBe(0);
    expect(listeners()).toBe(0);
  });

  for (const [label, answers, options] of [
    ["success", ["RUNNING", "DONE"], {}],
    ["failure", ["FAILED"], {}],
    ["timeout", ["RUNNING"], { timeout: 3000 }],
    ["unknown status", ["WHAT"], {}],
  ] as const) {
    it(`leaves no timer or listener behind after ${label}`, async () => {
      const clock = new FakeClock();
      const { signal, listeners } = countingSignal(new AbortController());
      await operation([...answers]).wait(clock, { signal, ...options });
      expect(clock.pendingTimers).toBe(0);
      expect(listeners()).toBe(0);
    });
  }

  it("resumes from a token in a second waiter without starting over", async () => {
    const clock = new FakeClock();
    const tokens: string[] = [];
    const controller = new AbortController();
    const first = operation(["PENDING", "RUNNING", "RUNNING", "DONE"]);
    const { error } = await first.wait(clock, {
      timeout: 60_000,
      signal: controller.signal,
      onCheckpoint: (t) => {
        tokens.push(t);
        if (tokens.length === 2) controller.abort();
      },
    });
    expect(error.name).toBe("AbortError");
    // (what the token holds: resume.test.ts)
    expect(JSON.parse(tokens[1]!)).toMatchObject({ attempt: 2, nextPollAt: 2500 });

    const second = operation(["RUNNING", "DONE"]);
    const { value } = await second.wait(clock, { resume: tokens[1]! });
    expect(second.polls[0]!.at).toBe(2500);
    expect(value).toMatchObject({ state: "succeeded", attempts: 4 });
  });

  it("refuses a token for another target or version", async () => {
    const op = operation(["DONE"]);
    const other = JSON.stringify(tokenOf({ v: 1, target: "thing-2", deadline: 1, attempt: 1, nextPollAt: 1 }));
    expect((await op.wait(new FakeClock(), { resume: other })).error.message).toContain("not thing-1");
    expect((await op.wait(new FakeClock(), { resume: '{"v":9}' })).error.message).toContain("version 9");
  });

  it("lets the process exit at once after an abort, with real timers", () => {
    const script = `
      const { waitUntilDone } = await import(${JSON.stringify(fileURLToPath(new URL("../dist/index.js", import.meta.url)))});
      const controller = new AbortController();
      const started = Date.now();
      waitUntilDone({ provider: "p", operation: "o", target: "t", poll: async () => ({ state: "running", vendorStatus: "RUNNING", body: {}, httpStatus: 200 }) },
        { minDelay: 600000, maxDelay: 600000, timeout: 3600000, signal: controller.signal }).catch((e) => console.log(e.name));
      setTimeout(() => controller.abort(), 50);
      process.on("exit", () => console.log("exit after", Date.now() - started));
    `;
    const started = Date.now();
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(child.stdout).toContain("AbortError");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("with unref, a pending wait does not keep the process alive", () => {
    const script = `
      const { waitUntilDone } = await import(${JSON.stringify(fileURLToPath(new URL("../dist/index.js", import.meta.url)))});
      waitUntilDone({ provider: "p", operation: "o", target: "t", poll: async () => ({ state: "running", vendorStatus: "RUNNING", body: {}, httpStatus: 200 }) },
        { minDelay: 600000, maxDelay: 600000, timeout: 3600000, unref: true });
    `;
    const started = Date.now();
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(child.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
