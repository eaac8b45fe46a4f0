// One poll at a time: a step makes exactly one status call and gives back the end or the next state; a loop of steps
// polls at the same times and ends the same way as waitUntilDone; events after every poll; a schedule of one's own;
// history that stays small.
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  isOpstatusError,
  OpstatusOperationFailedError,
  OpstatusRequestError,
  OpstatusTimeoutError,
  type PollEvent,
  type StepOptions,
  type Waiter,
  type WaitResult,
  type WaitState,
  type WaitStep,
} from "../src/index.js";
import { defineWaiter, statusField } from "../src/define-waiter.js";
import { stepWait } from "../src/step.js";
import { FakeClock } from "@opstatus/tools/test-kit/fake-clock";
import { type Answer, type Body, apiError, gaps, operation, tokenOf } from "./operation.js";

const options = { random: () => 0, minDelay: 1000, maxDelay: 8800 };

/** Runs `answers` as a loop of steps on `clock`: sleep until `nextPollAt`, step again; returns how it ended. */
async function stepLoop(answers: Answer[], clock: FakeClock, extra: StepOptions<Body> = {}) {
  const op = operation(answers);
  op.useClock(clock);
  const run = async () => {
    let state: WaitState | undefined;
    for (;;) {
      const step: WaitStep<Body> = await stepWait(op.spec, state, { ...options, clock, ...extra });
      if (step.done) return step.result;
      state = step.state;
      const wake = step.nextPollAt;
      await new Promise((resolve) => clock.setTimeout(() => resolve(undefined), wake - clock.now()));
    }
  };
  return { op, outcome: await clock.run(run()) };
}

describe("a step", () => {
  it("aborted during its poll gives a token whose next poll is minDelay after the dropped request", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const op = operation(["hang"]);
    op.useClock(clock);
    const hang = op.spec.poll;
    op.spec.poll = (requestSignal) => {
      const answer = hang(requestSignal);
      clock.setTimeout(() => controller.abort(), 300);
      return answer;
    };
    const { error } = await clock.run(
      stepWait(op.spec, undefined, { ...options, clock, timeout: 60_000, signal: controller.signal }),
    );
    expect(error.name).toBe("AbortError");
    // the vendor may have seen the request: a caller that steps at nextPollAt keeps minDelay between the two
    expect(JSON.parse(error.resumeToken)).toMatchObject({ attempt: 0, lastPollAt: 300, nextPollAt: 1300 });
  });

  it("makes exactly one status call, and gives back the next state, its token and when to poll again", async () => {
    const clock = new FakeClock();
    const op = operation(["RUNNING", "DONE"]);
    op.useClock(clock);
    const { value: first } = await clock.run(stepWait(op.spec, undefined, { ...options, clock, timeout: 60_000 }));
    expect(op.polls).toHaveLength(1);
    expect(first).toMatchObject({ done: false, attempt: 1, elapsedMs: 0, nextPollAt: 1000 });
    if (first?.done !== false) throw new Error("expected the next state");
    expect(first.observation).toMatchObject({ vendorStatus: "RUNNING", state: "running" });
    expect(first.state).toEqual(
      tokenOf({ startedAt: 0, deadline: 60_000, attempt: 1, nextPollAt: 1000, lastPollAt: 0, lastStatus: "RUNNING" }),
    );
    expect(JSON.parse(first.token)).toEqual(first.state);

    const { value: second } = await clock.run(stepWait(op.spec, first.token, { ...options, clock }));
    expect(op.polls).toHaveLength(2);
    expect(second).toMatchObject({ done: true, attempt: 2, result: { state: "succeeded", attempts: 2 } });
  });

  it("throws the ends that are errors, as the whole wait does", async () => {
    const clock = new FakeClock();
    const failed = operation([
      { state: "failed", vendorStatus: "FAILED", body: { status: "FAILED" }, httpStatus: 200 },
    ]);
    failed.useClock(clock);
    const { error } = await clock.run(stepWait(failed.spec, undefined, { ...options, clock }));
    expect(error).toBeInstanceOf(OpstatusOperationFailedError);
    const unknown = operation(["MIGRATING"]);
    unknown.useClock(clock);
    expect((await clock.run(stepWait(unknown.spec, undefined, { clock }))).error.code).toBe("unknown-status");
    const gone = operation([apiError(404)]);
    gone.useClock(clock);
    expect((await clock.run(stepWait(gone.spec, undefined, { clock }))).error.status).toBe(404);
  });

  it("gives a retried error back as the next state, and times out at the deadline with a token to go on", async () => {
    const clock = new FakeClock();
    const op = operation([apiError(503, { "retry-after": "3" })]);
    op.useClock(clock);
    const { value } = await clock.run(stepWait(op.spec, undefined, { ...options, clock, timeout: 5000 }));
    expect(value).toMatchObject({ done: false, attempt: 1, nextPollAt: 3000 });
    expect(isOpstatusError(value!.error, "api")).toBe(true);
    await clock.run(new Promise((resolve) => clock.setTimeout(() => resolve(undefined), 5000)));
    const late = await clock.run(stepWait(op.spec, (value as { token: string }).token, { ...options, clock }));
    expect(late.error).toBeInstanceOf(OpstatusTimeoutError);
    expect(late.error.lastError).toContain("HTTP 503");
    expect(JSON.parse(late.error.resumeToken)).toMatchObject({ attempt: 2 });
  });

  it("refuses another wait's state, and bad options, before sending anything", async () => {
    const clock = new FakeClock();
    const op = operation(["RUNNING"]);
    op.useClock(clock);
    const other = tokenOf({ target: "thing-2", startedAt: 0, deadline: 1, attempt: 0, nextPollAt: 0 }) as WaitState;
    expect((await clock.run(stepWait(op.spec, other, { clock }))).error).toBeInstanceOf(OpstatusRequestError);
    expect((await clock.run(stepWait(op.spec, undefined, { clock, minDelay: 0 }))).error).toBeInstanceOf(
      OpstatusRequestError,
    );
    expect(op.polls).toHaveLength(0);
  });

  it("is typed: a provider waiter's step takes its client and target, and its result is the waiter's body", () => {
    const waiter = defineWaiter({
      provider: "p",
      operation: "o",
      call: async (_client: { get(id: string): Promise<{ status: string }> }, target: string) => ({ status: target }),
      read: statusField({ states: { DONE: "succeeded" }, status: (answer: { status: string }) => answer.status }),
    });
    expectTypeOf(waiter).toEqualTypeOf<
      Waiter<{ get(id: string): Promise<{ status: string }> }, string, { status: string }>
    >();
    expectTypeOf(waiter.step).parameters.toEqualTypeOf<
      [
        { get(id: string): Promise<{ status: string }> },
        string,
        (WaitState | string)?,
        StepOptions<{ status: string }>?,
      ]
    >();
    expectTypeOf(waiter.step).returns.resolves.toEqualTypeOf<WaitStep<{ status: string }>>();
    const narrow = (step: WaitStep<{ status: string }>) => {
      if (step.done) expectTypeOf(step.result).toEqualTypeOf<WaitResult<{ status: string }>>();
      else {
        expectTypeOf(step.token).toBeString();
        expectTypeOf(step.nextPollAt).toBeNumber();
      }
    };
    expect(typeof narrow).toBe("function");
  });
});

describe("a loop of steps and waitUntilDone", () => {
  const scenarios: [string, Answer[], StepOptions<Body>][] = [
    ["success after a while", ["PENDING", "RUNNING", "RUNNING", "DONE"], {}],
    ["retried errors and Retry-After", [apiError(429, { "retry-after": "4" }), apiError(503), "RUNNING", "DONE"], {}],
    ["a timeout", ["RUNNING"], { timeout: 10_000 }],
    ["a failure", ["RUNNING", "FAILED"], {}],
    ["an unknown status waited through", ["RUNNING", "MIGRATING", "DONE"], { unknownStatus: "wait" }],
  ];
  for (const [label, answers, extra] of scenarios)
    it(`poll at the same times and end the same way: ${label}`, async () => {
      const looped = operation(answers);
      const loop = await looped.wait(new FakeClock(), extra);
      const stepped = await stepLoop(answers, new FakeClock(), extra);
      expect(stepped.op.polls.map((p) => p.at)).toEqual(looped.polls.map((p) => p.at));
      // the same result and error, but for `history`, which is the loop's (a step reports its own poll)
      const same = (x: any) =>
        x && { ...x, history: undefined, ...(x.result ? { result: { ...x.result, history: undefined } } : {}) };
      expect(same(stepped.outcome.value)).toEqual(same(loop.value));
      expect(stepped.outcome.error?.message).toEqual(loop.error?.message);
      expect(same(stepped.outcome.error && { ...stepped.outcome.error })).toEqual(
        same(loop.error && { ...loop.error }),
      );
      expect(stepped.outcome.value?.history.at(-1)).toEqual(loop.value?.history.at(-1));
    });
});

describe("onPoll", () => {
  it("comes after every poll: the answer or the retried error, and when the next poll is due; none after the end", async () => {
    const events: PollEvent<Body>[] = [];
    const op = operation(["RUNNING", apiError(503), "RUNNING", "DONE"]);
    await op.wait(new FakeClock(), { onPoll: (e) => events.push(e) });
    expect(
      events.map((e) => [e.attempt, e.elapsedMs, e.observation?.vendorStatus, e.error ? "error" : "", e.nextPollAt]),
    ).toEqual([
      [1, 0, "RUNNING", "", 1000],
      [2, 1000, undefined, "error", 2500],
      [3, 2500, "RUNNING", "", 4750],
      [4, 4750, "DONE", "", undefined],
    ]);
  });
});

describe("the delay option", () => {
  it("replaces the default schedule, clamped into [minDelay, maxDelay]; last is undefined after an error", async () => {
    const seen: [number, string | undefined][] = [];
    const op = operation(["RUNNING", apiError(503), "RUNNING", "RUNNING", "DONE"]);
    await op.wait(new FakeClock(), {
      delay: (attempt, last) => {
        seen.push([attempt, last?.vendorStatus]);
        return [1, 5000, 99_000, 3000][attempt - 1]!;
      },
    });
    expect(seen).toEqual([
      [1, "RUNNING"],
      [2, undefined],
      [3, "RUNNING"],
      [4, "RUNNING"],
    ]);
    expect(gaps(op.polls)).toEqual([1000, 5000, 8800, 3000]);
  });

  it("keeps Retry-After as a floor under it", async () => {
    const op = operation(["RUNNING|6", "DONE"]);
    await op.wait(new FakeClock(), { delay: () => 1000 });
    expect(gaps(op.polls)).toEqual([6000]);
  });

  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, "2000" as unknown as number, undefined as unknown as number])
    it(`ends the wait with OpstatusRequestError when it gives ${String(bad)}`, async () => {
      const op = operation(["RUNNING", "DONE"]);
      const { error } = await op.wait(new FakeClock(), { delay: () => bad });
      expect(error).toBeInstanceOf(OpstatusRequestError);
      expect(error.message).toContain("delay option");
      expect(op.polls).toHaveLength(1);
    });
});

describe("history", () => {
  it("stays at 8 records however long the wait, even when the status flips on every poll", async () => {
    const flipping = Array.from({ length: 300 }, (_, i) => (i % 2 ? "PENDING" : "RUNNING")) as Answer[];
    const op = operation([...flipping, "DONE"]);
    const { value } = await op.wait(new FakeClock(), { timeout: 1e9, maxDelay: 1000 });
    expect(value?.attempts).toBe(301);
    expect(value?.history.map((h) => h.attempt)).toEqual([294, 295, 296, 297, 298, 299, 300, 301]);
  });

  it("keeps the last polls and the last status changes before them", async () => {
    const answers: Answer[] = [
      "PENDING",
      ...Array(20).fill("RUNNING"),
      apiError(503),
      ...Array(10).fill("RUNNING"),
      "DONE",
    ];
    const op = operation(answers);
    const { value } = await op.wait(new FakeClock(), { timeout: 1e9, maxDelay: 1000 });
    // changes: 1 (PENDING), 2 (RUNNING), 22 (the error), 23 (RUNNING again); then the last 4 polls
    expect(value?.history.map((h) => h.attempt)).toEqual([1, 2, 22, 23, 30, 31, 32, 33]);
  });
});
