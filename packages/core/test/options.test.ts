// Options that would make a wait storm the vendor's API are refused before anything is sent, and the loop always
// waits on a timer between polls.
import { describe, expect, it } from "vitest";
import {
  OpstatusRequestError,
  OpstatusTimeoutError,
  waitUntilDone,
  type Observation,
  type WaitOptions,
} from "../src/index.js";
import { FakeClock } from "@opstatus/tools/test-kit/fake-clock";
import { type Body, gaps, operation } from "./operation.js";

/** An operation that never ends; a poll past the 20th throws, so that a storm ends the test instead of hanging it. */
function guarded() {
  const op = operation(["RUNNING"]);
  const poll = op.spec.poll;
  op.spec.poll = async (signal) => {
    if (op.polls.length >= 20) throw new Error(`storm: ${op.polls.length} polls`);
    return poll(signal);
  };
  return op;
}

describe("option validation", () => {
  const bad: [string, WaitOptions<Body>][] = [
    ["timeout", { timeout: Number.NaN }],
    ["timeout", { timeout: Number(undefined) }],
    ["timeout", { timeout: 0 }],
    ["timeout", { timeout: -1 }],
    ["timeout", { timeout: Number.POSITIVE_INFINITY }],
    ["timeout", { timeout: "60000" as unknown as number }],
    ["minDelay", { minDelay: 0 }],
    ["minDelay", { minDelay: -100 }],
    ["minDelay", { minDelay: Number.NaN }],
    ["maxDelay", { maxDelay: 0 }],
    ["maxDelay", { maxDelay: Number.NaN }],
    ["maxDelay", { maxDelay: Number.POSITIVE_INFINITY }],
    ["maxDelay", { minDelay: 2000, maxDelay: 1000 }],
    ["initialDelay", { initialDelay: -1 }],
    ["initialDelay", { initialDelay: Number.NaN }],
    ["initialDelay", { initialDelay: Number.POSITIVE_INFINITY }],
  ];
  for (const [name, options] of bad) {
    it(`refuses ${JSON.stringify(options, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v))} before sending anything`, async () => {
      const op = guarded();
      const { error } = await op.wait(new FakeClock(), options);
      expect(error).toBeInstanceOf(OpstatusRequestError);
      expect(error.message).toContain("test-provider getThing");
      expect(error.message).toContain(name);
      expect(op.polls).toHaveLength(0);
    });
  }

  it("refuses an unknownStatus policy it does not know", async () => {
    const op = guarded();
    const { error } = await op.wait(new FakeClock(), { unknownStatus: "wiat" as "wait" });
    expect(error).toBeInstanceOf(OpstatusRequestError);
    expect(error.message).toContain("unknownStatus");
    expect(op.polls).toHaveLength(0);
  });

  it("fits the default of the delay bound not given to the one given", async () => {
    const slow = operation(["RUNNING", "RUNNING", "DONE"]);
    const clock = new FakeClock();
    slow.useClock(clock);
    await clock.run(waitUntilDone(slow.spec, { clock, random: () => 1, minDelay: 60_000 }));
    expect(gaps(slow.polls)).toEqual([60_000, 60_000]);

    const fast = operation(["RUNNING", "RUNNING", "DONE"]);
    fast.useClock(clock);
    await clock.run(waitUntilDone(fast.spec, { clock, random: () => 1, maxDelay: 500 }));
    expect(gaps(fast.polls)).toEqual([500, 500]);
  });
});

describe("pacing", () => {
  it("never polls twice within minDelay, even for the last poll at the deadline", async () => {
    const op = operation(["RUNNING"]);
    // the deadline (8500) comes 375 ms after the fifth poll: the last poll waits the full minDelay
    const { error } = await op.wait(new FakeClock(), { timeout: 8500 });
    expect(error).toBeInstanceOf(OpstatusTimeoutError);
    expect(op.polls.map((p) => p.at)).toEqual([0, 1000, 2500, 4750, 8125, 9125]);
  });

  it("never has two requests of one wait in flight, also when a request outlasts its time limit", async () => {
    const clock = new FakeClock();
    let inFlight = 0;
    let most = 0;
    const op = operation(["RUNNING"]);
    const poll = op.spec.poll;
    op.spec.poll = async (signal) => {
      inFlight++;
      most = Math.max(most, inFlight);
      // ignores its signal and answers after 1.5 s, then 3 s, ...: past the per-request limit near the deadline
      const answer = poll(signal);
      await new Promise((resolve) => clock.setTimeout(() => resolve(undefined), 1500 * op.polls.length));
      inFlight--;
      return answer;
    };
    const { error } = await op.wait(clock, { timeout: 12_000 });
    expect(error).toBeInstanceOf(OpstatusTimeoutError);
    expect(most).toBe(1);
    expect(op.polls.length).toBeGreaterThan(2);
  });

  it("ends at once on abort, even while a request ignores its signal", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const op = operation(["RUNNING"]);
    op.spec.poll = async () => {
      op.polls.push({ at: clock.now(), signal: controller.signal });
      return new Promise<Observation<Body>>((resolve) =>
        clock.setTimeout(
          () => resolve({ state: "running", vendorStatus: "RUNNING", body: { status: "RUNNING" }, httpStatus: 200 }),
          60_000,
        ),
      );
    };
    clock.setTimeout(() => controller.abort(), 100);
    const { error } = await op.wait(clock, { signal: controller.signal });
    expect(error.name).toBe("AbortError");
    expect(clock.now()).toBe(100);
    expect(op.polls).toHaveLength(1);
  });
});
