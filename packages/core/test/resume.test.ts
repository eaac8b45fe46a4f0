// Resume: a wait goes on in another process (or after a timeout or an abort) from a token that carries its first
// start, its deadline, its attempt count and its pacing, and nothing secret.
import { describe, expect, it } from "vitest";
import { OpstatusError, OpstatusTimeoutError, waitUntilDone } from "../src/index.js";
import { FakeClock } from "@opstatus/tools/test-kit/fake-clock";
import { gaps, operation, tokenOf } from "./operation.js";

/** Moves a fake clock forward by `ms`. */
const advance = (clock: FakeClock, ms: number) =>
  clock.run(new Promise((resolve) => clock.setTimeout(() => resolve(undefined), ms)));

/** Runs a first wait (RUNNING answers) until its `n`th checkpoint, aborts it there and gives back the token. */
async function interruptedAt(clock: FakeClock, n: number, options = {}) {
  const controller = new AbortController();
  const tokens: string[] = [];
  const first = operation(["PENDING", "RUNNING"]);
  const { error } = await first.wait(clock, {
    timeout: 60_000,
    signal: controller.signal,
    ...options,
    onCheckpoint: (t) => {
      tokens.push(t);
      if (tokens.length === n) controller.abort();
    },
  });
  return { error, token: tokens[n - 1]!, first, controller };
}

describe("resume", () => {
  it("counts elapsedMs from the first start in results, progress events and history; history holds this run's polls", async () => {
    const clock = new FakeClock();
    const { token } = await interruptedAt(clock, 2); // polls at 0 and 1000, the next one due at 2500
    await advance(clock, 500);
    const second = operation(["RUNNING", "DONE"]);
    const events: number[][] = [];
    const polls: number[][] = [];
    const { value } = await second.wait(clock, {
      resume: token,
      onProgress: (e) => events.push([e.attempt, e.elapsedMs]),
      onPoll: (e) => polls.push([e.attempt, e.elapsedMs]),
    });
    expect(second.polls.map((p) => p.at)).toEqual([2500, 4750]);
    expect(value).toMatchObject({ state: "succeeded", attempts: 4, elapsedMs: 4750 });
    expect(value!.history.map((h) => [h.attempt, h.at, h.elapsedMs])).toEqual([
      [3, 2500, 2500],
      [4, 4750, 4750],
    ]);
    // the token carries the last status (RUNNING): the resumed wait's first RUNNING is no transition
    expect(events).toEqual([[4, 4750]]);
    expect(polls).toEqual([
      [3, 2500],
      [4, 4750],
    ]);
  });

  it("takes a timeout given with resume as a new deadline counted from now, and keeps the token's otherwise", async () => {
    const clock = new FakeClock();
    const { token } = await interruptedAt(clock, 2);
    await advance(clock, 2000); // now 3000; the token's deadline is 60000
    const second = operation(["RUNNING"]);
    const { error } = await second.wait(clock, { resume: token, timeout: 10_000 });
    expect(error).toBeInstanceOf(OpstatusTimeoutError);
    expect(second.polls.map((p) => p.at)).toEqual([3000, 5250, 8625, 13_000]);
    expect(error.message).toContain("timed out after 13000 ms");
    expect(JSON.parse(error.resumeToken)).toMatchObject({ startedAt: 0, deadline: 13_000, attempt: 6 });

    const third = operation(["RUNNING"]);
    const { error: late } = await third.wait(clock, { resume: error.resumeToken });
    expect(late).toBeInstanceOf(OpstatusTimeoutError);
    expect(third.polls).toHaveLength(1); // the deadline has passed: one more look, no sooner than minDelay after the last
    expect(third.polls[0]!.at).toBeGreaterThanOrEqual(14_000);
  });

  it("goes on after a timeout from the error's resumeToken", async () => {
    const clock = new FakeClock();
    const first = operation(["PENDING", "RUNNING"]);
    const { error } = await first.wait(clock, { timeout: 3000 });
    expect(error).toBeInstanceOf(OpstatusTimeoutError);
    // 0, 1000, 2500, then the last poll minDelay later (at 3500), as the deadline cut the planned 2250
    expect(error.attempts).toBe(4);
    expect(typeof error.resumeToken).toBe("string");
    const second = operation(["RUNNING", "DONE"]);
    const { value } = await second.wait(clock, { resume: error.resumeToken, timeout: 60_000 });
    expect(value).toMatchObject({ state: "succeeded", attempts: 6 });
    // the token keeps the planned delay after the last poll (3375), and the backoff goes on from there
    expect(gaps([...first.polls, ...second.polls])).toEqual([1000, 1500, 1000, 3375, 5063]);
  });

  it("goes on after an abort from the error's resumeToken; the error is still an AbortError with the reason as cause", async () => {
    const clock = new FakeClock();
    const { error, controller } = await interruptedAt(clock, 2);
    expect(error.name).toBe("AbortError");
    expect(error).toBeInstanceOf(OpstatusError);
    expect(error.message).toContain("test-provider getThing");
    expect(error.cause).toBe(controller.signal.reason);
    const second = operation(["RUNNING", "DONE"]);
    const { value } = await second.wait(clock, { resume: error.resumeToken });
    expect(second.polls[0]!.at).toBe(2500);
    expect(value).toMatchObject({ state: "succeeded", attempts: 4, elapsedMs: 4750 });
  });

  it("keeps the name TimeoutError when the signal's reason is one (AbortSignal.timeout)", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const op = operation(["RUNNING"]);
    const { error } = await op.wait(clock, {
      signal: controller.signal,
      onCheckpoint: () => controller.abort(new DOMException("signal timed out", "TimeoutError")),
    });
    expect(error.name).toBe("TimeoutError");
    expect(error.cause.name).toBe("TimeoutError");
    expect(typeof error.resumeToken).toBe("string");
  });

  it("after an abort mid-request, does not count the dropped request and waits minDelay before the next", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const first = operation(["RUNNING", "RUNNING", "hang"]);
    clock.setTimeout(() => controller.abort(), 3500); // the third poll, at 2500, is in flight
    const { error } = await first.wait(clock, { signal: controller.signal });
    expect(error.name).toBe("AbortError");
    expect(JSON.parse(error.resumeToken)).toMatchObject({ attempt: 2, lastPollAt: 3500 });
    const second = operation(["DONE"]);
    const { value } = await second.wait(clock, { resume: error.resumeToken });
    expect(second.polls[0]!.at).toBe(4500);
    expect(value!.attempts).toBe(3);
  });

  it("puts nothing but provider, operation, target, times, attempt and the last status in the token", async () => {
    const clock = new FakeClock();
    const { token } = await interruptedAt(clock, 2);
    expect(JSON.parse(token)).toEqual(
      tokenOf({
        startedAt: 0,
        deadline: 60_000,
        attempt: 2,
        nextPollAt: 2500,
        lastPollAt: 1000,
        lastStatus: "RUNNING",
      }),
    );
  });

  it("accepts a version-1 token without startedAt, counting elapsedMs from the resume", async () => {
    const clock = new FakeClock();
    await advance(clock, 5000);
    const old = JSON.stringify(
      tokenOf({
        v: 1,
        deadline: 60_000,
        attempt: 2,
        nextPollAt: 6000,
      }),
    );
    const op = operation(["DONE"]);
    const { value } = await op.wait(clock, { resume: old });
    expect(op.polls[0]!.at).toBe(6000);
    expect(value).toMatchObject({ attempts: 3, elapsedMs: 1000 });
  });

  it("refuses a token whose times or attempt are not numbers it can use", async () => {
    const base = tokenOf({ v: 1, deadline: 60_000, attempt: 2, nextPollAt: 6000 });
    for (const [key, value] of [
      ["startedAt", "yesterday"],
      ["lastPollAt", null],
      ["attempt", -1],
      ["attempt", 1.5],
    ] as const) {
      const op = operation(["DONE"]);
      const { error } = await op.wait(new FakeClock(), { resume: JSON.stringify({ ...base, [key]: value }) });
      expect(error, `${key}: ${value}`).toBeInstanceOf(OpstatusError);
      expect(error.message).toContain(key);
      expect(op.polls).toHaveLength(0);
    }
  });

  it("with an instant poll and a token whose times are all past, still waits minDelay between polls and honours abort", async () => {
    const clock = new FakeClock();
    await advance(clock, 100_000);
    const past = JSON.stringify(
      tokenOf({
        v: 1,
        startedAt: 0,
        deadline: 50_000,
        attempt: 40,
        nextPollAt: 49_000,
        lastPollAt: 48_000,
      }),
    );
    const controller = new AbortController();
    const op = operation(["RUNNING"]);
    let checkpoints = 0;
    const { error } = await op.wait(clock, {
      resume: past,
      timeout: 60_000,
      signal: controller.signal,
      onCheckpoint: () => ++checkpoints === 3 && controller.abort(),
    });
    expect(error.name).toBe("AbortError");
    expect(op.polls).toHaveLength(3);
    for (const gap of gaps(op.polls)) expect(gap).toBeGreaterThanOrEqual(1000);
    expect(clock.pendingTimers).toBe(0);
  });

  it("paces a loop that keeps resuming an expired token by minDelay", async () => {
    const clock = new FakeClock();
    const op = operation(["RUNNING"]);
    let { error } = await op.wait(clock, { timeout: 2000 });
    for (let i = 0; i < 5; i++) ({ error } = await op.wait(clock, { resume: error.resumeToken }));
    expect(error).toBeInstanceOf(OpstatusTimeoutError);
    expect(op.polls).toHaveLength(8);
    for (const gap of gaps(op.polls)) expect(gap).toBeGreaterThanOrEqual(1000);
  });
});

it("waitUntilDone is exported for direct use", () => expect(typeof waitUntilDone).toBe("function"));
