// The loop driver: a wait in this process is a loop of steps (step.ts) with a sleep in between, so that in-process,
// CLI and queued waits behave alike. The sleep is the only thing it adds: on the injectable clock, cut short by the
// caller's signal.
import { PollHistory } from "./history.js";
import { checkOptions, dueAt, MAX_TIMER_MS } from "./schedule.js";
import { abortReason, systemClock } from "./poll-once.js";
import { stepWait, type StepRun } from "./step.js";
import { OpstatusAbortError } from "./wait-errors.js";
import { decodeWaitState, encodeWaitState, startState } from "./wait-state.js";
import type { WaitResult, WaitSpec, WaitStep } from "./wait-types.js";
import type { Clock, WaitOptions } from "./wait-options.js";

/**
 * The waiter engine: polls `spec.poll` until a terminal state, with a growing delay and a narrow jitter band,
 * `Retry-After` as a floor, a hard deadline with a last poll at it, abort, retries of transient errors, events after
 * every poll and on every transition, and resumable state. Each poll is one `stepWait`.
 */
export async function waitUntilDone<TBody>(
  spec: WaitSpec<TBody>,
  options: WaitOptions<TBody> = {},
): Promise<WaitResult<TBody>> {
  const scope = { provider: spec.provider, operation: spec.operation };
  const schedule = checkOptions(scope, options);
  const clock = options.clock ?? systemClock;
  const { signal } = options;
  const now = clock.now();
  let state = options.resume
    ? decodeWaitState(scope, spec.target, options.resume, now)
    : startState(scope, spec.target, schedule, now);
  // without a timeout, a resumed wait keeps the token's deadline; with one, the deadline is that far from now
  if (options.resume && options.timeout !== undefined) state = { ...state, deadline: now + schedule.timeout };
  const run: StepRun<TBody> = { schedule, history: new PollHistory(state.lastStatus) };
  // What a pending wait holds is kept small (bench/waiter-memory.mjs): no closure or extra promise around the sleep,
  // and the last step (its token, its event) is dropped before the next sleep rather than kept until the next poll.
  let step: WaitStep<TBody> | undefined;
  for (;;) {
    // Stryker disable BlockStatement: an empty catch changes nothing seen: the step that follows throws the same abort (its signal is aborted, the state is the same)
    try {
      await sleepUntil(dueAt(state, schedule.minDelay), clock, signal, options.unref ?? false);
    } catch (error) {
      // Stryker disable next-line OptionalChaining: the sleep rejects only on an abort, so there is a signal
      throw signal?.aborted
        ? new OpstatusAbortError({ ...scope, cause: abortReason(signal), resumeToken: encodeWaitState(state) })
        : error;
    }
    // Stryker restore BlockStatement
    step = await stepWait(spec, state, options, run);
    if (step.done) return step.result;
    state = step.state;
    step = undefined;
  }
}

/**
 * Sleeps on `clock` until `at`, in steps Node's timers accept, unless `signal` aborts first; leaves no timer or
 * listener behind. Always waits on at least one timer, even when `at` has passed: the loop can never go from one poll
 * to the next without giving the event loop (and an abort) a turn. (One promise and one timer per sleep, no more: a
 * pending wait holds little, see `bench/waiter-memory.mjs`.)
 */
async function sleepUntil(at: number, clock: Clock, signal: AbortSignal | undefined, unref: boolean): Promise<void> {
  do
    await new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const onAbort = () => {
        clock.clearTimeout(handle);
        reject(abortReason(signal!));
      };
      const handle = clock.setTimeout(
        () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        Math.min(Math.max(0, at - clock.now()), MAX_TIMER_MS),
      );
      if (unref) (handle as { unref?: () => void })?.unref?.();
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: an aborted signal fires no second time, and the timer's end removes the listener
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  while (clock.now() < at);
}
